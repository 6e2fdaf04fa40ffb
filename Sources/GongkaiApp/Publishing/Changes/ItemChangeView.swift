import Foundation
import GongkaiDomain

/// The pending 更正 / 有效性变更 panel of the item page: what would change, its checks, and the
/// review buttons for whoever holds the current step.
struct ItemChangeView: Sendable {
    let label: String
    let proposer: String
    let stepName: String
    let title: String?
    let bodyHTML: String?
    let reason: String?
    let validity: String?
    let findings: [PublishingViews.FindingView]
    let hasFindings: Bool
    let severeCount: Int
    let overrideReason: String?
    let canReview: Bool
    let canMask: Bool
    let canOverride: Bool

    static func make(_ change: ItemChange, flow: ReviewFlow, findings: [Finding], held: Set<StaffRole>, viewerID: String) -> ItemChangeView {
        let step = change.step < flow.steps.count ? flow.steps[change.step] : nil
        let isProposer = change.proposerID?.uuidString == viewerID
        let personal = findings.contains { $0.kind.isPersonalData }
        var validity: String?
        if let v = change.validityValue {
            validity = v.label + ((change.successorIndex ?? "").isEmpty ? "" : "（依据索引号 \(change.successorIndex!)）")
                + (change.effectiveOn.map { "，\($0)生效" } ?? "")
        }
        return ItemChangeView(
            label: change.kindValue.label, proposer: change.proposerName, stepName: step?.name ?? "审核",
            title: change.kindValue == .correction ? change.title : nil,
            bodyHTML: change.kindValue == .correction ? change.bodyHTML : nil,
            reason: change.reason.isEmpty ? nil : change.reason, validity: validity,
            findings: findings.map(PublishingViews.FindingView.init),
            hasFindings: !findings.isEmpty, severeCount: findings.filter(\.isSevere).count, overrideReason: change.overrideReason,
            canReview: step.map { held.contains($0.role) } == true && !isProposer,
            canMask: personal && !held.isEmpty,
            canOverride: held.contains(.secrecyReviewer) && change.overrideReason == nil && findings.contains(where: \.isSevere))
    }
}
