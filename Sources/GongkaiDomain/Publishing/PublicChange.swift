/// A change to information already public, and the review it needs before it goes live.
///
/// The rule (条例 Art. 17: information is reviewed before it is made public, 保密审查 included):
/// - 更正 publishes new text, so it is new public information: it goes through the
///   organisation's whole review flow (初审 → 保密审查 → 领导签发 by default), the automatic checks
///   run on the corrected title, body and the public reason, and severe findings block the
///   保密审查 step and the signature exactly as at first publication.
/// - 废止 / 失效 / 已修改 publish no new text, only a status (and the reason or date shown with
///   it), but the public relies on it: a shortened flow of one step, the organisation's last
///   (签发) step, by someone other than the proposer; the checks run on the public reason.
/// - 撤回 publishes nothing and removes the page at once (the reason stays internal); it needs no
///   Art. 17 review, and waiting would keep e.g. exposed personal data online. It stays a direct
///   action of the 公开办 and 领导 roles, recorded in the item history and the audit trail.
public enum PublicChange: String, Sendable, CaseIterable, Codable {
    case correction
    case validity

    public var label: String {
        switch self {
        case .correction: return "更正"
        case .validity: return "有效性变更"
        }
    }

    /// The steps this change goes through, from the organisation's flow for first publication.
    public func flow(from organisationFlow: ReviewFlow) -> ReviewFlow {
        switch self {
        case .correction: return organisationFlow
        case .validity: return ReviewFlow(steps: organisationFlow.steps.last.map { [$0] } ?? [])
        }
    }
}
