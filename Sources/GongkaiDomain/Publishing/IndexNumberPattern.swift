/// The 索引号 pattern of an organisation, e.g. the default `{统一社会信用代码}/{年份}-{5位流水号}`
/// (practice.md §2.1). Tokens: {统一社会信用代码}, {机构编号}, {年份}, {N位流水号} with N from 3 to 8.
public struct IndexNumberPattern: Sendable, Equatable {
    public let pattern: String

    public static let standard = try! IndexNumberPattern("{统一社会信用代码}/{年份}-{5位流水号}")

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownToken(String)
        case missingSerial
        case missingYear
        case unclosedBrace

        public var description: String {
            switch self {
            case .unknownToken(let t): return "索引号规则中有无法识别的部分“{\(t)}”；可用：{统一社会信用代码}、{机构编号}、{年份}、{5位流水号}（3–8位）"
            case .missingSerial: return "索引号规则必须包含流水号，如 {5位流水号}"
            case .missingYear: return "索引号规则必须包含 {年份}，流水号按年重新编号"
            case .unclosedBrace: return "索引号规则的花括号不成对"
            }
        }
    }

    enum Part: Equatable { case literal(String), creditCode, organisationID, year, serial(Int) }
    let parts: [Part]

    public init(_ pattern: String) throws(Problem) {
        var parts: [Part] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex {
                let literal = String(rest[..<open])
                if literal.contains("}") { throw .unclosedBrace }
                parts.append(.literal(literal))
            }
            guard let close = rest[open...].firstIndex(of: "}") else { throw .unclosedBrace }
            let token = String(rest[rest.index(after: open)..<close])
            switch token {
            case "统一社会信用代码": parts.append(.creditCode)
            case "机构编号": parts.append(.organisationID)
            case "年份": parts.append(.year)
            default:
                guard token.hasSuffix("位流水号"), let n = Int(token.dropLast(4)), (3...8).contains(n) else { throw .unknownToken(token) }
                parts.append(.serial(n))
            }
            rest = rest[rest.index(after: close)...]
        }
        if rest.contains("}") { throw .unclosedBrace }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        guard parts.contains(where: { if case .serial = $0 { return true } else { return false } }) else { throw .missingSerial }
        guard parts.contains(.year) else { throw .missingYear }
        self.pattern = pattern
        self.parts = parts
    }

    /// Without a credit code the organisation number stands in, so a number can always be made.
    public func format(creditCode: String, organisationID: Int, year: Int, serial: Int) -> String {
        parts.map { part -> String in
            switch part {
            case .literal(let s): return s
            case .creditCode: return creditCode.isEmpty ? String(organisationID) : creditCode
            case .organisationID: return String(organisationID)
            case .year: return String(year)
            case .serial(let n):
                let s = String(serial)
                return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
            }
        }.joined()
    }
}
