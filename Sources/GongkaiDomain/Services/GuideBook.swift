/// The 办事一本通: every guide of an organisation in one uniform layout, paginated by us so that the
/// contents can give true page numbers. Text is broken into lines of at most `charsPerLine`
/// full-width characters (narrower Latin text only leaves room), `linesPerPage` lines a page; each
/// guide starts on a new page; pages are numbered from the first guide.
public struct GuideBook: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public enum Style: String, Sendable { case title, heading, text }
        public let style: Style
        public let text: String
        public init(style: Style, text: String) { self.style = style; self.text = text }
    }

    public struct Page: Sendable, Equatable {
        public let number: Int
        public let lines: [Line]
    }

    public struct Chapter: Sendable, Equatable {
        public let number: Int
        public let name: String
        public let organisation: String
        public let firstPage: Int
    }

    public let chapters: [Chapter]
    public let pages: [Page]

    public static let charsPerLine = 36
    public static let linesPerPage = 38

    /// A guide's lines on the printed page.
    public static func lines(number: Int, name: String, content c: ServiceGuideContent) -> [Line] {
        paragraphs(number: number, name: name, content: c).flatMap { p in wrap(p.text).map { Line(style: p.style, text: $0) } }
    }

    /// A guide's paragraphs in the book's uniform order of elements (Word wraps them itself).
    public static func paragraphs(number: Int, name: String, content c: ServiceGuideContent) -> [Line] {
        var out: [Line] = []
        func add(_ style: Line.Style, _ text: String) {
            for paragraph in text.split(whereSeparator: \.isNewline).map(String.init) where !paragraph.isEmpty {
                out.append(Line(style: style, text: paragraph))
            }
        }
        add(.title, "\(number). \(name)")
        func days(_ n: Int?) -> String { n.map { $0 == 0 ? "即办" : "\($0)个工作日" } ?? "" }
        add(.text, "事项类型：\(c.kind?.label ?? "")")
        add(.heading, "一、设定依据"); add(.text, c.basis)
        add(.heading, "二、受理条件"); add(.text, c.conditions)
        add(.heading, "三、申请材料")
        for (n, m) in c.materials.enumerated() {
            add(.text, "\(n + 1). \(m.name)（\(m.source.rawValue)，\(m.copies)份，\(m.medium.rawValue)）" + (m.requirement.isEmpty ? "" : "：\(m.requirement)"))
        }
        add(.heading, "四、办理流程")
        for (n, s) in c.steps.enumerated() { add(.text, "\(n + 1). \(s.line)") }
        add(.heading, "五、时限和收费")
        add(.text, "法定时限：\(days(c.statutoryDays))；承诺时限：\(days(c.promisedDays))；收费：\(c.free ? "不收费" : c.fee)")
        add(.heading, "六、办理地点、时间和电话")
        add(.text, "地点：\(c.place)"); add(.text, "时间：\(c.hours)")
        add(.text, "咨询电话：\(c.enquiryPhone)；投诉电话：\(c.complaintPhone)")
        if !c.visitsLabel.isEmpty { add(.text, "到现场次数：\(c.visitsLabel)") }
        if !c.onlineURL.isEmpty { add(.text, "网上办理：\(c.onlineURL)") }
        return out
    }

    /// Splits a paragraph into lines of at most `charsPerLine` characters.
    public static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for ch in text {
            if current.count == charsPerLine { lines.append(current); current = "" }
            current.append(ch)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    public init(guides: [(name: String, organisation: String, content: ServiceGuideContent)]) {
        var pages: [Page] = []
        var chapters: [Chapter] = []
        for (n, g) in guides.enumerated() {
            let lines = Self.lines(number: n + 1, name: g.name, content: g.content)
            chapters.append(Chapter(number: n + 1, name: g.name, organisation: g.organisation, firstPage: pages.count + 1))
            var start = 0
            repeat {
                let chunk = Array(lines[start..<min(start + Self.linesPerPage, lines.count)])
                pages.append(Page(number: pages.count + 1, lines: chunk))
                start += Self.linesPerPage
            } while start < lines.count
        }
        self.chapters = chapters
        self.pages = pages
    }

    /// What changed since the previous edition, by guide id: added, withdrawn, revised (new version).
    public struct Changes: Sendable, Equatable {
        public var added: [String] = []
        public var removed: [String] = []
        public var revised: [String] = []
        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && revised.isEmpty }
    }

    public static func changes(from previous: [(id: String, name: String, version: Int)], to current: [(id: String, name: String, version: Int)]) -> Changes {
        var c = Changes()
        for g in current {
            if let p = previous.first(where: { $0.id == g.id }) {
                if p.version != g.version { c.revised.append(g.name) }
            } else { c.added.append(g.name) }
        }
        c.removed = previous.filter { p in !current.contains { $0.id == p.id } }.map(\.name)
        return c
    }
}
