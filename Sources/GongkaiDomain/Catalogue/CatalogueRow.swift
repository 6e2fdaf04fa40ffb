/// One row of a 政务公开事项标准目录, in the standard columns (practice.md §1.3), checked field by
/// field. The same rules serve the editor and the XLSX/CSV import.
public struct CatalogueRow: Sendable, Equatable, Codable {
    public var level1 = ""
    public var level2 = ""
    public var content = ""
    public var basis = ""
    public var timeLimit = "信息形成或者变更之日起20个工作日内"
    public var subject = ""
    public var channels: [String] = []
    /// 全社会 or 特定群体
    public var audience = "全社会"
    /// 主动 or 依申请
    public var mode = "主动"
    /// 县级 and/or 乡级
    public var levels: [String] = ["县级"]

    public init() {}

    public static let audiences = ["全社会", "特定群体"]
    public static let modes = ["主动", "依申请"]
    public static let levelNames = ["县级", "乡级"]

    /// The columns in export order, with their header texts (the first header row groups 公开事项
    /// and the channel checkboxes; see `CatalogueSheet`).
    public static let columns = ["一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]

    public var limit: PublicationTimeLimit { PublicationTimeLimit(timeLimit) }

    /// `value(column)` gives the cell text for a column name of `columns`. Errors are keyed by column name.
    public static func parse(_ value: (String) -> String) -> (CatalogueRow, [String: String]) {
        var r = CatalogueRow()
        var e: [String: String] = [:]
        func text(_ column: String, required: Bool, max: Int) -> String {
            let v = value(column).trimmingSpaces()
            if required && v.isEmpty { e[column] = "请填写\(column)" }
            if v.count > max { e[column] = "\(column)不能超过\(max)个字" }
            return v
        }
        r.level1 = text("一级事项", required: true, max: 50)
        r.level2 = text("二级事项", required: false, max: 50)
        r.content = text("公开内容（要素）", required: true, max: 1000)
        r.basis = text("公开依据", required: false, max: 2000)
        r.timeLimit = text("公开时限", required: true, max: 200)
        r.subject = text("公开主体", required: true, max: 200)
        r.channels = split(value("公开渠道和载体"))
        if r.channels.isEmpty { e["公开渠道和载体"] = "请至少选择一个公开渠道" }
        if let odd = r.channels.first(where: { !isPublicChannel($0) }) {
            e["公开渠道和载体"] = "“\(odd)”不是面向公众的公开渠道（如微信群、个人账号只有部分人看得到）。请从" + channelVocabulary.joined(separator: "、") + "中选择，专门平台可写平台全称"
        }
        r.audience = value("公开对象").trimmingSpaces()
        if !audiences.contains(r.audience) { e["公开对象"] = "公开对象应为“全社会”或“特定群体”" }
        r.mode = value("公开方式").trimmingSpaces().replacingOccurrences(of: "依申请公开", with: "依申请")
        if !modes.contains(r.mode) { e["公开方式"] = "公开方式应为“主动”或“依申请”" }
        // Coverage is computed from the 公开时限 of 主动 rows: wording it cannot read ("尽快") would make
        // the row silently "正常" for ever.
        if r.mode == "主动", e["公开时限"] == nil, r.limit.rule == .unstructured {
            e["公开时限"] = "公开时限“\(r.timeLimit)”无法用来计算是否按时公开，请写成如“信息形成或者变更之日起20个工作日内”“每季度”“每年”“实时公开”“及时公开”"
        }
        r.levels = split(value("公开层级"))
        if r.levels.isEmpty || !r.levels.allSatisfy(levelNames.contains) { e["公开层级"] = "公开层级应为“县级”“乡级”之一或两者" }
        return (r, e)
    }

    /// The standard checkbox vocabulary of 公开渠道和载体 (seed catalogues), plus the hotline.
    public static let channelVocabulary = CatalogChannel.standard + ["12345政务服务热线"]

    /// A channel the public can reach: the vocabulary, its usual variants, or a named platform/site.
    public static func isPublicChannel(_ c: String) -> Bool {
        if channelVocabulary.contains(c) { return true }
        let variants = ["政务新媒体", "政务微博", "政务微信", "微信公众号", "政务客户端", "公示栏", "公开栏", "电子屏", "新闻发布会", "听证会",
                        "报纸", "电视", "广播", "入户", "现场", "查阅点", "政务服务大厅", "便民服务中心"]
        if variants.contains(where: { c.contains($0) }) { return true }
        return c.count <= 40 && (c.hasSuffix("平台") || c.hasSuffix("网站") || c.hasSuffix("公众号"))
    }

    /// Lists typed with 、，, ; / or spaces.
    public static func split(_ s: String) -> [String] {
        var out: [String] = []
        for part in s.split(whereSeparator: { "、，,;；\n".contains($0) }) {
            let t = String(part).trimmingSpaces()
            if !t.isEmpty && !out.contains(t) { out.append(t) }
        }
        return out
    }

    /// The cells in `columns` order.
    public var cells: [String] {
        [level1, level2, content, basis, timeLimit, subject, channels.joined(separator: "、"), audience, mode, levels.joined(separator: "、")]
    }
}
