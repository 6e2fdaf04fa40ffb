import GongkaiDomain
import Hummingbird

extension Request {
    /// The query string decoded as browsers encode forms (application/x-www-form-urlencoded:
    /// `+` is a space). Every route reads its query through this, never `uri.queryParameters`,
    /// which leaves `+` as it is.
    var query: FormData { FormData(urlEncoded: uri.query ?? "") }
}

extension FormData {
    /// An integer parameter in `range` (absent or empty: `fallback`); anything else is a 400 with a
    /// Chinese message naming the parameter, before any arithmetic is done with it.
    func integer(_ key: String, in range: ClosedRange<Int>, fallback: Int, label: String? = nil) throws -> Int {
        switch Paging.integer(fields[key]?.first?.trimmingSpaces(), in: range, fallback: fallback) {
        case .success(let v): return v
        case .failure(.notANumber):
            throw UserFacingError(status: .badRequest, message: "\(label ?? key) 应为整数。")
        case .failure(.outOfRange(let r)):
            throw UserFacingError(status: .badRequest, message: "\(label ?? key) 应在 \(r.lowerBound) 至 \(r.upperBound) 之间。")
        }
    }

    /// An optional integer: nil when absent or empty, otherwise as `integer`.
    func optionalInteger(_ key: String, in range: ClosedRange<Int>, label: String? = nil) throws -> Int? {
        guard let raw = fields[key]?.first?.trimmingSpaces(), !raw.isEmpty else { return nil }
        return try integer(key, in: range, fallback: 0, label: label)
    }

    /// The page number (1…Paging.maxPage).
    func page() throws -> Int {
        try integer("page", in: 1...Paging.maxPage, fallback: 1, label: "页码（page）")
    }

    /// The first value as sent (nil when absent), like `uri.queryParameters.get`.
    func get(_ key: String) -> String? { fields[key]?.first }

    /// The first value of every key, for building links that keep the current filters.
    var firstValues: [String: String] {
        fields.compactMapValues(\.first)
    }
}
