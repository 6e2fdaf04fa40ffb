/// Runs every pre-publication check over an item: title, body text, links of the body, and the
/// text of attachments. Built once from the administrator-managed lists.
public struct ContentChecker: Sendable {
    let personal: PersonalDataScanner
    let sensitive: SensitiveWordCheck
    let typos: TypoCheck
    let leaders: LeaderTitleCheck
    let links: LinkCheck

    public init(idPreset: IDMaskPreset = .keepFirst6Last4, sensitiveWords: [String], typos: [TypoCheck.Pair],
                leaders: [LeaderTitleCheck.Leader], trustedHosts: [String]) {
        personal = PersonalDataScanner(idPreset: idPreset)
        sensitive = SensitiveWordCheck(words: sensitiveWords)
        self.typos = TypoCheck(pairs: typos)
        self.leaders = LeaderTitleCheck(leaders: leaders)
        links = LinkCheck(trustedHosts: trustedHosts)
    }

    /// Findings for the title, the body (as text, and its links) and each extra text source, in order.
    public func check(title: String, bodyHTML: String, extra: [(source: String, text: String)] = []) -> [Finding] {
        check(title: title, bodyHTML: bodyHTML, bodyText: HTMLSanitizer.plainText(bodyHTML), extra: extra)
    }

    /// The same, with the body's plain text (`HTMLSanitizer.plainText(bodyHTML)`) already made: an
    /// import makes it once for the checks and the search index.
    public func check(title: String, bodyHTML: String, bodyText: String, extra: [(source: String, text: String)] = []) -> [Finding] {
        var sources = [(source: "标题", text: title), (source: "正文", text: bodyText)]
        sources += extra
        var findings: [Finding] = []
        for s in sources {
            // Read once into keys, shared by the four checks (see `CheckText`).
            let text = CheckText(s.text)
            findings += personal.scan(text, source: s.source)
            findings += sensitive.scan(text, source: s.source)
            findings += typos.scan(text, source: s.source)
            findings += leaders.scan(text, source: s.source)
        }
        findings += links.scan(bodyHTML, source: "正文链接")
        return findings
    }

    /// The body with every personal-data finding replaced by its masked form. Works on the HTML
    /// text directly: the numbers found in the text appear there unchanged.
    public static func maskPersonalData(in html: String, findings: [Finding]) -> String {
        var out = html
        for f in findings where f.kind.isPersonalData {
            if let s = f.suggestion { out = out.replacingOccurrences(of: f.match, with: s) }
        }
        return out
    }
}
