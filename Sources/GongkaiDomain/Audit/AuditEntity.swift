/// What an audit record is about: one name per kind of record, everywhere it is written, so the
/// audit page's filter finds every record of a kind (the reminder job once wrote "application"
/// where the desk wrote 政府信息公开申请).
public enum AuditEntity: String, CaseIterable, Sendable {
    case organisation = "机构"
    case user = "用户"
    case roleGrant = "角色授权"
    case holidays = "节假日安排"
    case application = "政府信息公开申请"
    case letterTemplate = "答复文书模板"
    case informationItem = "政府信息"
    case publishingSettings = "发布设置"
    case checkList = "发布检查名单"
    case cleanup = "文件清理"
    case annualReport = "政府信息公开工作年度报告"
    case catalogue = "政务公开事项标准目录"
    case catalogueDomain = "目录领域"
    case decisionList = "重大行政决策事项目录"
    case decision = "重大行政决策事项"
    case consultation = "公开征求意见"
    case publicComment = "征求意见留言"
    case participationEvent = "公众参与活动"
    case interpretationDay = "政策解读日"
    case survey = "问卷调查"
    case letter = "来信"
    case knowledge = "知识问答"
    case opinionEvent = "舆情回应台账"
    case interview = "在线访谈"
    case serviceGuide = "办事指南"
    case serviceBundle = "一件事"
    case servicePlace = "政务地图场所"
    case gazette = "政府公报"

    /// The name stored in the record and shown on the audit page.
    public var label: String { rawValue }
}
