/// The 责任单位 cell of a plan's task table, read into lead units and participants, in the phrasings
/// the seeds use:
/// - "县财政局牵头，各镇、县直各单位负责落实" (濉溪: 牵头 … 负责落实);
/// - "县发改委牵头， 县经信局、县商务局等部门，县直各单位负责落实";
/// - "县司法局,县政府工作部门、各乡镇(街道)人民政府(办事处)" (安岳: "逗号前为牵头单位");
/// - a cell without either: every unit named leads.
/// Collective phrases ("县直各单位", "各乡镇(街道)") are kept apart as groups, to be expanded to the
/// organisation tree later; names are cleaned of the line breaks and spaces of PDF extraction.
public struct ResponsibleUnits: Sendable, Equatable {
    public enum Group: String, Sendable, Equatable, CaseIterable {
        /// 县直各单位, 县政府工作部门, 县政府有关部门, 县级相关部门.
        case countyDepartments
        /// 各乡镇(街道), 各镇, 乡镇(街道)人民政府(办事处).
        case townships
        /// 各政务新媒体主办单位.
        case newMediaOwners

        public var label: String {
            switch self {
            case .countyDepartments: return "县直各部门"
            case .townships: return "各乡镇（街道）"
            case .newMediaOwners: return "各政务新媒体主办单位"
            }
        }
    }

    public var leads: [String] = []
    public var participants: [String] = []
    public var leadGroups: [Group] = []
    public var participantGroups: [Group] = []

    public init() {}

    public var isEmpty: Bool { leads.isEmpty && participants.isEmpty && leadGroups.isEmpty && participantGroups.isEmpty }

    public static func parse(_ cell: String) -> ResponsibleUnits {
        let text = normalise(cell)
        var out = ResponsibleUnits()
        guard !text.isEmpty else { return out }
        let leadPart: String, restPart: String
        if let r = text.range(of: "牵头") {
            leadPart = String(text[..<r.lowerBound])
            restPart = String(text[r.upperBound...])
        } else if let comma = text.firstIndex(where: { $0 == "," || $0 == "，" }) {
            leadPart = String(text[..<comma])
            restPart = String(text[text.index(after: comma)...])
        } else {
            leadPart = text
            restPart = ""
        }
        for name in names(leadPart) {
            if let g = group(name) { if !out.leadGroups.contains(g) { out.leadGroups.append(g) } } else if !out.leads.contains(name) { out.leads.append(name) }
        }
        var rest = restPart
        for ending in ["负责落实", "具体落实", "配合落实", "按职责分工负责", "配合", "参与", "落实"] where rest.hasSuffix(ending) {
            rest = String(rest.dropLast(ending.count))
            break
        }
        for name in names(rest) {
            if let g = group(name) {
                if !out.participantGroups.contains(g) && !out.leadGroups.contains(g) { out.participantGroups.append(g) }
            } else if !out.participants.contains(name) && !out.leads.contains(name) {
                out.participants.append(name)
            }
        }
        return out
    }

    /// Without whitespace (PDF line breaks fall inside names), with half-width parentheses.
    public static func normalise(_ s: String) -> String {
        String(s.filter { !$0.isWhitespace }).replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
    }

    static func names(_ part: String) -> [String] {
        part.split(whereSeparator: { "、，,;；".contains($0) }).map { name -> String in
            var n = String(name)
            for suffix in ["等部门", "等单位", "等"] where n.hasSuffix(suffix) && n.count > suffix.count + 1 {
                n = String(n.dropLast(suffix.count))
                break
            }
            return n
        }.filter { !$0.isEmpty }
    }

    static func group(_ name: String) -> Group? {
        if ["县直各单位", "县直各部门", "县政府工作部门", "县政府有关部门", "县级相关部门", "县直有关单位", "县直相关单位", "县政府各部门"].contains(name) {
            return .countyDepartments
        }
        if name.hasPrefix("各乡镇") || name.hasPrefix("乡镇(街道)") || name == "各镇" || name == "各乡镇" || name == "各镇(街道)" { return .townships }
        if name.hasSuffix("政务新媒体主办单位") { return .newMediaOwners }
        return nil
    }
}
