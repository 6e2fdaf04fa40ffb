/// The e-mail a subscriber gets: what is new, grouped by why it reached them, with the links to
/// change the subscription and to leave it in one click.
public struct PushDigest: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let kind: PushNoticeKind
        public let title: String
        public let successorTitle: String?
        public let url: String
        /// `PushReason.explanation` of the match.
        public let explanation: String
        public let organisation: String

        public init(kind: PushNoticeKind, title: String, successorTitle: String?, url: String, explanation: String, organisation: String) {
            self.kind = kind
            self.title = title
            self.successorTitle = successorTitle
            self.url = url
            self.explanation = explanation
            self.organisation = organisation
        }
    }

    public let subject: String
    public let body: String

    /// Groups keep the order in which their first entry came; entries keep theirs.
    public init(siteName: String, frequency: DigestFrequency, entries: [Entry], profileURL: String, unsubscribeURL: String) {
        var order: [String] = []
        var groups: [String: [Entry]] = [:]
        for e in entries {
            if groups[e.explanation] == nil { order.append(e.explanation) }
            groups[e.explanation, default: []].append(e)
        }
        let what = frequency == .immediate ? "政策推送" : (frequency == .daily ? "每日政策汇总" : "每周政策汇总")
        subject = entries.count == 1 ? "【\(siteName)\(what)】\(PushNoticeKind.line(kind: entries[0].kind, title: entries[0].title, successorTitle: nil))"
                                     : "【\(siteName)\(what)】\(entries.count)条与您相关的政策信息"
        var lines = ["您好！以下政策信息与您订阅的内容相关：", ""]
        for g in order {
            lines.append("—— \(g) ——")
            for e in groups[g]! {
                lines.append(PushNoticeKind.line(kind: e.kind, title: e.title, successorTitle: e.successorTitle))
                lines.append("　发布机构：\(e.organisation)")
                lines.append("　查看：\(e.url)")
            }
            lines.append("")
        }
        lines += ["修改订阅（身份、乡镇、关键词、频率）：\(profileURL)",
                  "退订（点击即退订，并删除您的订阅资料）：\(unsubscribeURL)",
                  "", "本邮件由\(siteName)政策服务直通车自动发送，请勿直接回复。"]
        body = lines.joined(separator: "\n")
    }
}
