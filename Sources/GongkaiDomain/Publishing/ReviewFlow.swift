/// 先审后发: an item goes from draft through the organisation's review steps to publication.
/// Nobody publishes without every configured approval, and the author never approves their own
/// item. Pure rules; the app records who did what.
public struct ReviewFlow: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public let name: String
        public let role: StaffRole

        public init(name: String, role: StaffRole) {
            self.name = name
            self.role = role
        }
    }

    public let steps: [Step]

    public static let standard = ReviewFlow(steps: [
        .init(name: "初审", role: .reviewer),
        .init(name: "保密审查", role: .secrecyReviewer),
        .init(name: "领导签发", role: .leader),
    ])

    public init(steps: [Step]) {
        self.steps = steps
    }

    public enum State: Sendable, Equatable {
        case draft
        case inReview(step: Int)
        case returned
        /// Every approval given; published when its time comes.
        case approved
        case published
        case withdrawn

        public var label: String {
            switch self {
            case .draft: return "草稿"
            case .inReview: return "审核中"
            case .returned: return "退回修改"
            case .approved: return "待发布"
            case .published: return "已发布"
            case .withdrawn: return "已撤回"
            }
        }

        /// The stored form: a status word and, while in review, the step.
        public var stored: (status: String, step: Int?) {
            switch self {
            case .draft: return ("draft", nil)
            case .inReview(let s): return ("in_review", s)
            case .returned: return ("returned", nil)
            case .approved: return ("approved", nil)
            case .published: return ("published", nil)
            case .withdrawn: return ("withdrawn", nil)
            }
        }

        public init?(status: String, step: Int?) {
            switch status {
            case "draft": self = .draft
            case "in_review": self = .inReview(step: step ?? 0)
            case "returned": self = .returned
            case "approved": self = .approved
            case "published": self = .published
            case "withdrawn": self = .withdrawn
            default: return nil
            }
        }

        /// Whether the author may still change the text.
        public var isEditable: Bool { self == .draft || self == .returned }
    }

    public enum Action: Sendable, Equatable {
        case submit
        case approve
        /// Back to the author with the reviewer's reason.
        case sendBack(reason: String)
        /// Taken off the public site (撤回), with the reason recorded.
        case withdraw(reason: String)
        /// The scheduled time has come (or an approved item is published at once).
        case publish
    }

    /// Why an action is refused, in words for the person who tried.
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case notAllowedNow(String)
        case wrongRole(String)
        case ownItem
        case reasonRequired
        case blockingFindings(Int)
        case secrecyFindingsOpen(Int)

        public var description: String {
            switch self {
            case .notAllowedNow(let s): return s
            case .wrongRole(let step): return "这一步（\(step)）需要相应的审核角色"
            case .ownItem: return "不能审核自己起草的信息"
            case .reasonRequired: return "请填写理由"
            case .blockingFindings(let n): return "还有\(n)处个人信息或敏感词未处理，需修改或由保密审查员说明理由后放行"
            case .secrecyFindingsOpen(let n):
                return "保密审查须先逐项处理检查发现的问题：还有\(n)处个人信息或敏感词未处理，请一键脱敏、修改，或说明理由后放行，再审核通过"
            }
        }
    }

    /// The next state. `unresolvedSevere` counts personal-data and sensitive-word findings not
    /// fixed and not overridden by a 保密审查员; they stop the 保密审查 step itself (条例 Art. 17:
    /// the secrecy review decides them, it does not pass them on) and the last approval.
    public func apply(_ action: Action, to state: State, actorRoles: Set<StaffRole>, actorIsAuthor: Bool,
                      unresolvedSevere: Int) throws(Refusal) -> State {
        switch (action, state) {
        case (.submit, .draft), (.submit, .returned):
            guard !steps.isEmpty else { return .approved }
            return .inReview(step: 0)
        case (.submit, _):
            throw .notAllowedNow("只有草稿或退回修改的信息可以提交审核")
        case (.approve, .inReview(let index)):
            guard index < steps.count else { throw .notAllowedNow("审核步骤配置已变化，请退回后重新提交") }
            let step = steps[index]
            guard actorRoles.contains(step.role) else { throw .wrongRole(step.name) }
            guard !actorIsAuthor else { throw .ownItem }
            if step.role == .secrecyReviewer && unresolvedSevere > 0 { throw .secrecyFindingsOpen(unresolvedSevere) }
            if index + 1 < steps.count { return .inReview(step: index + 1) }
            guard unresolvedSevere == 0 else { throw .blockingFindings(unresolvedSevere) }
            return .approved
        case (.approve, _):
            throw .notAllowedNow("该信息不在审核中")
        case (.sendBack(let reason), .inReview(let index)):
            guard reason.trimmingSpaces().count >= 2 else { throw .reasonRequired }
            guard index < steps.count, actorRoles.contains(steps[index].role) else {
                throw .wrongRole(index < steps.count ? steps[index].name : "审核")
            }
            return .returned
        case (.sendBack, _):
            throw .notAllowedNow("该信息不在审核中")
        case (.publish, .approved):
            return .published
        case (.publish, _):
            throw .notAllowedNow("未经全部审核的信息不能发布")
        case (.withdraw(let reason), .published), (.withdraw(let reason), .approved):
            guard reason.trimmingSpaces().count >= 2 else { throw .reasonRequired }
            return .withdrawn
        case (.withdraw, _):
            throw .notAllowedNow("只有已发布或待发布的信息可以撤回")
        }
    }
}
