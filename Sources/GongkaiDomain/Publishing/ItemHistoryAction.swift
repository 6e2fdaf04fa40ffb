/// The steps in an information item's history: one stored name and one Chinese label each,
/// wherever they are written (the desk, attachments, changes, import) and read (the item page).
public enum ItemHistoryAction: String, CaseIterable, Sendable {
    case created, edited, attached, detached, masked, overridden
    case submitted, approved
    case sentBack = "sent_back"
    case withdrawn, published, corrected, validity, imported
    case changeProposed = "change_proposed"
    case changeApproved = "change_approved"
    case changeReturned = "change_returned"
    case changeMasked = "change_masked"
    case changeOverridden = "change_overridden"

    public var label: String {
        switch self {
        case .created: return "新建"
        case .edited: return "修改"
        case .attached: return "上传附件"
        case .detached: return "删除附件"
        case .masked: return "个人信息脱敏"
        case .overridden: return "保密审查放行"
        case .submitted: return "提交审核"
        case .approved: return "审核通过"
        case .sentBack: return "退回修改"
        case .withdrawn: return "撤回"
        case .published: return "发布"
        case .corrected: return "更正"
        case .validity: return "变更有效性"
        case .imported: return "导入"
        case .changeProposed: return "提出变更"
        case .changeApproved: return "变更审核通过"
        case .changeReturned: return "变更退回"
        case .changeMasked: return "变更脱敏"
        case .changeOverridden: return "变更保密审查放行"
        }
    }
}
