/// The 村级公开事项 a township starts its villages' lists from: the matters the plans name (seed 002
/// §(十一), 004 task 27), each with what is disclosed, how often, and the village column it goes to.
public enum VillageMatterTemplate {
    public struct Row: Equatable, Sendable {
        public let matter: String
        public let content: String
        public let timing: String
        public let column: String

        public init(matter: String, content: String, timing: String, column: String) {
            self.matter = matter
            self.content = content
            self.timing = timing
            self.column = column
        }
    }

    public static let rows: [Row] = [
        Row(matter: "党务公开", content: "党组织建设、党员发展、党费收缴等", timing: "按季度，遇事随时", column: "dwgk"),
        Row(matter: "村务决议", content: "村民会议、村民代表会议讨论决定的事项", timing: "决议作出后及时", column: "cwjy"),
        Row(matter: "决议实施结果", content: "决议事项的实施情况和结果", timing: "实施完成后及时", column: "ssjg"),
        Row(matter: "村级财务", content: "集体财务收支情况（期初余额、收入、支出、期末余额）", timing: "每季度，收支较多的每月", column: "cwgk"),
        Row(matter: "惠农政策和补贴", content: "补贴补助的对象、标准、金额和依据", timing: "发放前公示，发放后公开", column: "hnbt"),
        Row(matter: "社会救助", content: "低保、特困、临时救助的对象和金额", timing: "按月或按批次", column: "shjz"),
        Row(matter: "脱贫攻坚和乡村振兴", content: "项目、资金和实施情况", timing: "项目实施前后", column: "xczx"),
        Row(matter: "养老服务", content: "养老服务项目、补贴对象和标准", timing: "按批次", column: "ylfw"),
        Row(matter: "保障性住房", content: "申请、审核和分配结果", timing: "按批次", column: "bzzf"),
        Row(matter: "农村危房改造", content: "改造对象、补助标准和验收结果", timing: "按批次", column: "wfgz"),
        Row(matter: "义务教育", content: "入学、资助政策和受助名单", timing: "按学期", column: "ywjy"),
        Row(matter: "医疗卫生", content: "医保缴费、家庭医生签约和健康服务", timing: "按年度，遇事随时", column: "ylws"),
    ]
}
