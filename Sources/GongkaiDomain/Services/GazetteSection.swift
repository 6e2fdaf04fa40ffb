/// The sections of a 政府公报 issue, in the order the 公报 prints them. An item goes to the section of
/// its kind unless staff choose another.
public enum GazetteSection: String, CaseIterable, Sendable, Codable {
    case regulations
    case normativeDocuments = "normative_documents"
    case personnel
    case other

    public var label: String {
        switch self {
        case .regulations: return "规章"
        case .normativeDocuments: return "行政规范性文件"
        case .personnel: return "人事任免"
        case .other: return "其他"
        }
    }

    public static func of(_ kind: InformationKind) -> GazetteSection {
        switch kind {
        case .regulation: return .regulations
        case .normativeDocument: return .normativeDocuments
        case .personnel: return .personnel
        default: return .other
        }
    }

    /// The table of contents: sections in print order, empty ones left out, entries in their order.
    public static func contents<Entry>(_ entries: [(section: GazetteSection, position: Int, entry: Entry)]) -> [(section: GazetteSection, entries: [Entry])] {
        allCases.compactMap { s in
            let mine = entries.filter { $0.section == s }.sorted { $0.position < $1.position }.map(\.entry)
            return mine.isEmpty ? nil : (s, mine)
        }
    }

    /// "2026年第3期（总第27期）".
    public static func issueTitle(year: Int, number: Int, overall: Int?) -> String {
        "\(year)年第\(number)期" + (overall.map { "（总第\($0)期）" } ?? "")
    }
}
