/// A formal letter or notice laid out like a government document (公文): title, number, addressee,
/// body paragraphs, optional table, issuing organ and date. Rendered to A4 HTML and to .docx.
public struct FormalDocument: Sendable, Equatable {
    public struct Paragraph: Sendable, Equatable {
        public enum Style: Sendable, Equatable { case body, heading, plain }
        public let text: String
        public let style: Style

        public init(_ text: String, style: Style = .body) {
            self.text = text
            self.style = style
        }
    }

    public var title: String
    public var number: String?
    public var addressee: String?
    public var paragraphs: [Paragraph]
    /// Rows of cells; the first row is the header.
    public var table: [[String]]?
    public var issuer: String
    public var date: String

    public init(title: String, number: String? = nil, addressee: String? = nil, paragraphs: [Paragraph],
                table: [[String]]? = nil, issuer: String, date: String) {
        self.title = title
        self.number = number
        self.addressee = addressee
        self.paragraphs = paragraphs
        self.table = table
        self.issuer = issuer
        self.date = date
    }

    /// All the text in reading order (for search, tests and plain-text e-mail).
    public var plainText: String {
        var lines = [title]
        if let n = number { lines.append(n) }
        if let a = addressee { lines.append(a) }
        lines += paragraphs.map(\.text)
        if let t = table { lines += t.map { $0.joined(separator: "\t") } }
        lines += [issuer, date]
        return lines.joined(separator: "\n")
    }
}
