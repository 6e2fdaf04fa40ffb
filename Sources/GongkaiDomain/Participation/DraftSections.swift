/// A draft put out for comment, split into the parts a commenter can point at: its articles
/// (第一条…) when it has them, else its numbered parts (一、二、…), else its paragraphs. Chapter
/// and section titles (第一章, 第二节) are kept as headings nobody comments on.
public struct DraftSection: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case preamble, heading, clause }
    public let kind: Kind
    /// 1-based among the clauses (0 for headings); what a comment refers to.
    public let number: Int
    /// "第三条", "三、", "第3段"; the heading's own text for a heading.
    public let label: String
    public let text: String
}

public enum DraftSections {
    static let numerals: Set<Character> = Set("一二三四五六七八九十百零〇两0123456789")

    /// The article, chapter or part marker a line starts with ("第三条", "第一章", "三、").
    static func marker(of line: String) -> (kind: String, marker: String)? {
        let chars = Array(line)
        if chars.first == "第" {
            var i = 1
            while i < chars.count, numerals.contains(chars[i]) { i += 1 }
            if i > 1, i < chars.count, "条章节编".contains(chars[i]) {
                return (String(chars[i]), String(chars[0...i]))
            }
        }
        var i = 0
        while i < chars.count, numerals.contains(chars[i]), !chars[i].isASCII { i += 1 }
        if i > 0, i <= 3, i < chars.count, chars[i] == "、" { return ("、", String(chars[0...i])) }
        return nil
    }

    public static func split(_ text: String) -> [DraftSection] {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        let marked = lines.map(marker(of:))
        let splitter: String? = marked.contains { $0?.kind == "条" } ? "条"
            : marked.contains { $0?.kind == "、" } ? "、" : nil
        var out: [DraftSection] = []
        var number = 0
        guard let splitter else {
            for line in lines {
                number += 1
                out.append(DraftSection(kind: .clause, number: number, label: "第\(number)段", text: line))
            }
            return out
        }
        var preamble: [String] = []
        for (line, mark) in zip(lines, marked) {
            if let mark, mark.kind == splitter {
                number += 1
                out.append(DraftSection(kind: .clause, number: number, label: mark.marker, text: line))
            } else if let mark, splitter == "条", "章节编".contains(mark.kind) {
                out.append(DraftSection(kind: .heading, number: 0, label: line, text: line))
            } else if number == 0 {
                preamble.append(line)
            } else if let last = out.last, last.kind == .clause {
                // A paragraph inside an article belongs to it.
                out[out.count - 1] = DraftSection(kind: .clause, number: last.number, label: last.label, text: last.text + "\n" + line)
            } else {
                out.append(DraftSection(kind: .heading, number: 0, label: line, text: line))
            }
        }
        if !preamble.isEmpty {
            out.insert(DraftSection(kind: .preamble, number: 0, label: "说明", text: preamble.joined(separator: "\n")), at: 0)
        }
        return out
    }
}
