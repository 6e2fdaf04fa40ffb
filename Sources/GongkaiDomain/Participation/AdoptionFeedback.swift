/// The 意见采纳情况反馈 of a closed consultation, assembled from the classified comments: how many
/// came in and how each outcome counts, then per theme what was adopted and changed and why the rest
/// was not. Commenters are never named; personal data in a comment is masked before it is quoted.
public enum AdoptionFeedback {
    public struct Comment: Sendable, Equatable {
        public let sectionLabel: String?
        public let text: String
        public let disposition: CommentDisposition
        public let theme: String
        public let response: String
        /// The moderator let it be shown; others are counted and answered without their words.
        public let quotable: Bool

        public init(sectionLabel: String?, text: String, disposition: CommentDisposition, theme: String, response: String, quotable: Bool = true) {
            self.sectionLabel = sectionLabel
            self.quotable = quotable
            self.text = text
            self.disposition = disposition
            self.theme = theme
            self.response = response
        }
    }

    public struct Consultation: Sendable, Equatable {
        public let draftTitle: String
        public let organisation: String
        public let opensOn: CivilDate
        public let closesOn: CivilDate

        public init(draftTitle: String, organisation: String, opensOn: CivilDate, closesOn: CivilDate) {
            self.draftTitle = draftTitle
            self.organisation = organisation
            self.opensOn = opensOn
            self.closesOn = closesOn
        }
    }

    /// How many comments had each outcome.
    public static func counts(_ comments: [Comment]) -> [CommentDisposition: Int] {
        Dictionary(grouping: comments, by: \.disposition).mapValues(\.count)
    }

    /// Themes in order of first appearance, with their in-scope comments.
    public static func themes(_ comments: [Comment]) -> [(theme: String, comments: [Comment])] {
        var order: [String] = []
        var groups: [String: [Comment]] = [:]
        for c in comments where c.disposition != .outOfScope {
            let t = c.theme.trimmingSpaces()
            if groups[t] == nil { order.append(t) }
            groups[t, default: []].append(c)
        }
        return order.map { ($0, groups[$0]!) }
    }

    static let quoteLimit = 120

    /// The comment as quoted: personal data masked, at most `quoteLimit` characters.
    static func quote(_ text: String) -> String {
        let joined = text.replacingOccurrences(of: "\r", with: "").split(whereSeparator: \.isNewline).joined(separator: " ")
        let t = ContentChecker.maskPersonalData(in: joined, findings: PersonalDataScanner().scan(joined, source: "意见"))
        return t.count > quoteLimit ? String(t.prefix(quoteLimit)) + "……" : t
    }

    /// Ends the quoted text as a sentence, so the outcome that follows reads apart from it.
    static func sentence(_ s: String) -> String {
        guard let last = s.last else { return s }
        return "。！？…；.!?".contains(last) ? s : s + "。"
    }

    public static func title(of c: Consultation) -> String {
        "关于《\(c.draftTitle)》公开征求意见采纳情况的反馈"
    }

    public static func document(_ c: Consultation, comments: [Comment], issuedOn: CivilDate) -> FormalDocument {
        let n = counts(comments)
        var paragraphs: [FormalDocument.Paragraph] = []
        var intro = "\(c.opensOn.chinese(withYear: true))至\(c.closesOn.chinese(withYear: true))，\(c.organisation)就《\(c.draftTitle)》公开征求社会公众意见。"
        if comments.isEmpty {
            intro += "征求意见期间未收到意见建议。"
            paragraphs.append(.init(intro))
        } else {
            let parts = CommentDisposition.allCases.compactMap { d in n[d].map { "\(d.label)\($0)条" } }
            intro += "征求意见期间共收到意见建议\(comments.count)条，经逐条研究，" + parts.joined(separator: "，") + "。现将采纳情况反馈如下："
            paragraphs.append(.init(intro))
        }
        for (i, group) in themes(comments).enumerated() {
            paragraphs.append(.init("\(ChineseNumber.ordinal(i + 1))、关于\(group.theme)", style: .heading))
            for (j, comment) in group.comments.enumerated() {
                let place = comment.sectionLabel.map { "（针对\($0)）" } ?? ""
                var text = comment.quotable ? "\(j + 1). 意见\(place)：\(sentence(quote(comment.text)))"
                    : "\(j + 1). 意见\(place)（未公开，不引用原文）。"
                text += "处理结果：\(comment.disposition.label)。"
                let response = comment.response.trimmingSpaces()
                if !response.isEmpty { text += "\(comment.disposition.responseLabel)：\(response)" }
                paragraphs.append(.init(text))
            }
        }
        if let outside = n[.outOfScope] {
            paragraphs.append(.init("另有\(outside)条意见不属于本次征集范围，已转交有关单位研究处理，不在此逐条反馈。"))
        }
        paragraphs.append(.init("感谢社会各界对本次征求意见工作的关心和支持。"))
        return FormalDocument(title: title(of: c), paragraphs: paragraphs, issuer: c.organisation,
                              date: issuedOn.chinese(withYear: true))
    }
}

/// 一、二、… for headings.
public enum ChineseNumber {
    static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 1…99 in Chinese (十一, 二十, 九十九); larger numbers in Arabic digits.
    public static func ordinal(_ n: Int) -> String {
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
