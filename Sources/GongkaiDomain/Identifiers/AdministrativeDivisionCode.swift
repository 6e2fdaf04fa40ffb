/// 行政区划代码: 6 digits for a county (GB/T 2260), 9 for a township and 12 for a village
/// (统计用区划代码). Only the shape is checked; the code lists change every year.
public struct AdministrativeDivisionCode: Hashable, Sendable {
    public let value: String

    public enum Problem: Error, Equatable, Sendable {
        case notDigits
        case wrongLength(Int)

        public var message: String {
            switch self {
            case .notDigits: return "行政区划代码只能由数字组成"
            case .wrongLength(let n): return "行政区划代码应为6位（县级）、9位（乡级）或12位（村级），当前为\(n)位"
            }
        }
    }

    public init(validating raw: String) throws(Problem) {
        let v = raw.trimmingSpaces()
        guard v.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notDigits }
        guard [6, 9, 12].contains(v.count) else { throw .wrongLength(v.count) }
        value = v
    }

    /// The 6-digit county prefix every longer code starts with.
    public var countyPrefix: String { String(value.prefix(6)) }
}
