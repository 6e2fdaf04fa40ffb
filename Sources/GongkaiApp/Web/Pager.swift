/// The one pager of every list page: where we are and the links either side, drawn by the
/// `pager` partial. `href` builds the address of a page with the list's other parameters kept.
struct Pager: Sendable {
    let page: Int
    let pageCount: Int
    /// Shown as 共 N 条 when the list counts its rows exactly.
    let total: Int?
    let previousHref: String?
    let nextHref: String?
    /// Stored, not computed: templates see stored properties only.
    let hasTotal: Bool
    /// Only worth drawing when there is somewhere to go.
    let hasPages: Bool

    init(page: Int, pageCount: Int, total: Int? = nil, href: (Int) -> String) {
        self.page = page
        self.pageCount = pageCount
        self.total = total
        previousHref = page > 1 ? href(page - 1) : nil
        nextHref = page < pageCount ? href(page + 1) : nil
        hasTotal = total != nil
        hasPages = pageCount > 1
    }
}
