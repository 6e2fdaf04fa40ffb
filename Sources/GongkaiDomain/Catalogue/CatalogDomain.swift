/// A 政务公开 domain (领域) with the department usually responsible for its standard catalogue.
/// The shipped list is the thirty domains of a county work plan's 附件1 (the 26 pilot domains of
/// 国办发〔2017〕42号 and later additions); deployments may change it.
public struct CatalogDomain: Sendable, Equatable, Codable {
    public let name: String
    public let responsible: String

    public init(name: String, responsible: String) {
        self.name = name
        self.responsible = responsible
    }

    public static let standard: [CatalogDomain] = [
        ("自然资源", "县自然资源和规划局"), ("旅游", "县文化广播电视和旅游局"), ("新闻出版版权", "县委宣传部"),
        ("公共文化服务", "县文化广播电视和旅游局"), ("广播电视和网络视听", "县文化广播电视和旅游局"), ("统计", "县统计局"),
        ("交通运输", "县交通运输局"), ("重大建设项目", "县发展和改革局"), ("公共资源交易", "县政务服务和公共资源交易服务中心"),
        ("财政预决算", "县财政局"), ("税收管理", "县税务局"), ("保障性住房", "县房管局"), ("农村危房改造", "县住房和城乡建设局"),
        ("国有土地上房屋征收与补偿", "县房屋征收局"), ("市政服务", "县综合行政执法局"), ("城市综合执法", "县综合行政执法局"),
        ("生态环境", "生态环境部门"), ("巩固脱贫成果", "县乡村振兴局"), ("食品药品监管", "县市场监督管理局"),
        ("安全生产", "县应急管理局"), ("救灾", "县应急管理局"), ("公共法律服务", "县司法局"), ("就业", "县就业局"),
        ("社会保险", "县社保局"), ("社会救助", "县民政局"), ("养老服务", "县民政局"), ("户籍管理", "县公安局"),
        ("涉农补贴", "县农业农村局"), ("义务教育", "县教育和体育局"), ("卫生健康", "县卫生健康局"),
    ].map { CatalogDomain(name: $0.0, responsible: $0.1) }
}

/// 公开渠道和载体: the standard checkbox vocabulary in template order; catalogues may add their own.
public enum CatalogChannel {
    public static let standard = ["政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
                                  "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他"]
}
