/// The editable body of a standard document: plain text in which `{字段}` stands for a value from
/// the case (申请人, 收到日期 …). Each line becomes one paragraph; blank lines are ignored. Braces
/// are only ever placeholders, so a template cannot smuggle markup: the output is text, escaped
/// wherever it is shown.
public struct LetterTemplate: Sendable, Equatable {
    public let text: String

    /// Longest body accepted from the editor.
    public static let maxLength = 5000

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case tooLong(Int)
        case unclosedBrace
        case unknownField(String, allowed: [String])

        public var description: String {
            switch self {
            case .empty: return "正文不能为空"
            case .tooLong(let n): return "正文不能超过\(n)个字"
            case .unclosedBrace: return "花括号不成对：字段应写成 {字段名}"
            case .unknownField(let f, let allowed):
                return "没有名为“\(f)”的字段。可用字段：\(allowed.map { "{\($0)}" }.joined(separator: "、"))"
            }
        }
    }

    enum Piece: Equatable {
        case text(String)
        case field(String)
    }

    let pieces: [[Piece]]

    /// Checks `text` against the fields the document offers.
    public init(_ text: String, fields allowed: [String]) throws(Problem) {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard !normalised.trimmingSpaces().isEmpty else { throw .empty }
        guard normalised.count <= Self.maxLength else { throw .tooLong(Self.maxLength) }
        var lines: [[Piece]] = []
        for rawLine in normalised.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = String(rawLine).trimmingSpaces()
            if line.isEmpty { continue }
            var pieces: [Piece] = []
            var rest = Substring(line)
            while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
                guard rest[open] == "{" else { throw .unclosedBrace }
                if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
                let after = rest[rest.index(after: open)...]
                guard let close = after.firstIndex(where: { $0 == "}" || $0 == "{" }), after[close] == "}" else { throw .unclosedBrace }
                let name = String(after[..<close]).trimmingSpaces()
                guard allowed.contains(name) else { throw .unknownField(name, allowed: allowed) }
                pieces.append(.field(name))
                rest = after[after.index(after: close)...]
            }
            if !rest.isEmpty { pieces.append(.text(String(rest))) }
            lines.append(pieces)
        }
        self.text = normalised
        self.pieces = lines
    }

    /// The fields the template uses, in order of first use.
    public var fieldsUsed: [String] {
        var seen: [String] = []
        for case .field(let f) in pieces.joined() where !seen.contains(f) { seen.append(f) }
        return seen
    }

    /// One paragraph per line, fields filled in. A line left empty by its fields is dropped.
    public func render(_ values: [String: String]) -> [FormalDocument.Paragraph] {
        pieces.compactMap { line in
            let text = line.map { piece -> String in
                switch piece {
                case .text(let t): return t
                case .field(let f): return values[f] ?? ""
                }
            }.joined()
            return text.trimmingSpaces().isEmpty ? nil : FormalDocument.Paragraph(text)
        }
    }
}
