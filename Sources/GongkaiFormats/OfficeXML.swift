import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongkaiDomain

/// An XML part of an office file read with Foundation's `XMLParser`, element by element. Elements
/// are matched by local name (`w:t` is `t`), whatever prefix or namespace the writer used.
/// Entities and character references come out decoded. Nothing outside the part is loaded: no
/// external entities or DTDs, and a reference to an entity the parser does not know fails the
/// part. Any well-formedness error fails the part; a namespace complaint (a prefix never declared,
/// which hand-made test parts have) does not.
class OfficeXML: NSObject, XMLParserDelegate {
    private(set) var failed = false
    private weak var currentParser: XMLParser?
    /// Local names of the open elements; during `start` it does not yet hold the new element.
    private(set) var path: [String] = []

    func start(_ name: String, attributes: [String: String]) {}
    func end(_ name: String) {}
    func text(_ string: String) {}

    /// Whether the part was read to its end without an error.
    final func read(_ bytes: [UInt8]) -> Bool {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.externalEntityResolvingPolicy = .never
        parser.delegate = self
        currentParser = parser
        let finished = parser.parse()
        parser.delegate = nil
        return finished && !failed
    }

    /// Stops the parse and fails the part (a malformed value, a limit broken).
    final func fail() {
        guard !failed else { return }
        failed = true
        currentParser?.abortParsing()
    }

    /// libxml2's namespace errors (200–205) and namespace-URI warnings (99, 100).
    static func isNamespaceComplaint(_ error: Error) -> Bool {
        let code = (error as NSError).code
        return (200...205).contains(code) || code == 99 || code == 100
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard !failed else { return }
        start(elementName, attributes: attributeDict)
        path.append(elementName)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard !failed else { return }
        _ = path.popLast()
        end(elementName)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !failed else { return }
        text(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !failed else { return }
        text(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if !Self.isNamespaceComplaint(parseError) { fail() }
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        fail()
        return nil
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        fail()
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail()
    }

    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?,
                systemID: String?, notationName: String?) {
        fail()
    }
}

/// The paragraphs of a WordprocessingML body: run text (`t`), a tab for `tab` and a line break
/// for `br`/`cr` inside a run, a line break after each paragraph (`p`).
final class DocxBodyText: OfficeXML {
    private(set) var out = ""
    private var inText = 0

    override func start(_ name: String, attributes: [String: String]) {
        switch name {
        case "t": inText += 1
        // Only inside a run: `tab` also names the tab stops of a paragraph's properties.
        case "tab" where path.last == "r": out += "\t"
        case "br" where path.last == "r", "cr" where path.last == "r": out += "\n"
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "t": inText -= 1
        case "p": out += "\n"
        default: break
        }
    }

    override func text(_ string: String) {
        if inText > 0 { out += string }
    }
}

/// The shared strings of a workbook (`si`), each the text of its `t` elements, rich-text runs
/// joined; phonetic guides (`rPh`) are not part of the value.
final class SharedStrings: OfficeXML {
    private(set) var strings: [String] = []
    private var current = ""
    private var inText = 0
    private var phonetic = 0

    override func start(_ name: String, attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "t": inText += 1
        case "rPh": phonetic += 1
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "si": strings.append(current)
        case "t": inText -= 1
        case "rPh": phonetic -= 1
        default: break
        }
    }

    override func text(_ string: String) {
        if inText > 0, phonetic == 0 { current += string }
    }
}

/// The cells of a worksheet that carry a value, row element by row element. A cell's value is
/// its shared string (`t="s"`), its inline string (`t="inlineStr"`), or else its `v` text
/// (numbers, booleans, formula results) as written. Its position is its `r` reference, or the
/// column after the previous cell when the writer left `r` out.
final class SheetCells: OfficeXML {
    struct Cell: Equatable {
        /// Zero-based.
        let row: Int
        let column: Int
        let value: String
    }

    /// Excel's own limits; a reference beyond them fails the sheet.
    static let maxRows = 1_048_576
    static let maxColumns = 16_384

    private let shared: [String]
    private(set) var rows: [[Cell]] = []

    private var row = -1
    private var cells: [Cell] = []
    private var nextColumn = 0
    private var cellRow = 0
    private var cellColumn = 0
    private var type = ""
    private var value = ""
    private var inline = ""
    private var hasValue = false
    private var hasInline = false
    private var inValue = false
    private var inInline = false
    private var inText = 0
    private var phonetic = 0

    init(shared: [String]) {
        self.shared = shared
    }

    override func start(_ name: String, attributes: [String: String]) {
        switch name {
        case "row":
            if let r = attributes["r"] {
                guard let n = Int(r), (1...Self.maxRows).contains(n) else { fail(); return }
                row = n - 1
            } else {
                row += 1
            }
            cells = []
            nextColumn = 0
        case "c":
            if let ref = attributes["r"] {
                guard let (r, c) = Self.reference(ref) else { fail(); return }
                (cellRow, cellColumn) = (r, c)
            } else {
                guard nextColumn < Self.maxColumns else { fail(); return }
                (cellRow, cellColumn) = (max(row, 0), nextColumn)
            }
            type = attributes["t"] ?? ""
            value = ""; inline = ""
            hasValue = false; hasInline = false
        case "v":
            inValue = true; hasValue = true
        case "is":
            inInline = true; hasInline = true
        case "t":
            inText += 1
        case "rPh":
            phonetic += 1
        default:
            break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "row":
            if !cells.isEmpty { rows.append(cells) }
            cells = []
        case "c":
            nextColumn = cellColumn + 1
            let text: String?
            switch type {
            case "s":
                if hasValue, let i = Int(value.trimmingCharacters(in: .whitespaces)), shared.indices.contains(i) {
                    text = shared[i]
                } else {
                    text = hasValue ? value : nil
                }
            case "inlineStr":
                text = hasInline ? inline : (hasValue ? value : nil)
            default:
                text = hasValue ? value : nil
            }
            if let t = text { cells.append(Cell(row: cellRow, column: cellColumn, value: t)) }
        case "v":
            inValue = false
        case "is":
            inInline = false
        case "t":
            inText -= 1
        case "rPh":
            phonetic -= 1
        default:
            break
        }
    }

    override func text(_ string: String) {
        if inValue { value += string }
        if inInline, inText > 0, phonetic == 0 { inline += string }
    }

    /// `B3` → (2, 1), zero-based; nil beyond Excel's limits or when malformed.
    static func reference(_ ref: String) -> (row: Int, column: Int)? {
        let letters = ref.prefix { $0.isASCII && $0.isLetter }
        let digits = ref.dropFirst(letters.count)
        guard (1...3).contains(letters.count), (1...7).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let column = XlsxSheet.columnIndex(letters.uppercased()), column < maxColumns,
              let row = Int(digits), (1...maxRows).contains(row) else { return nil }
        return (row - 1, column)
    }
}
