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
        r.audience = value("公开对象").trimmingSpaces()
        if !audiences.contains(r.audience) { e["公开对象"] = "公开对象应为“全社会”或“特定群体”" }
        r.mode = value("公开方式").trimmingSpaces().replacingOccurrences(of: "依申请公开", with: "依申请")
        if !modes.contains(r.mode) { e["公开方式"] = "公开方式应为“主动”或“依申请”" }
        r.levels = split(value("公开层级"))
        if r.levels.isEmpty || !r.levels.allSatisfy(levelNames.contains) { e["公开层级"] = "公开层级应为“县级”“乡级”之一或两者" }
        return (r, e)
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
