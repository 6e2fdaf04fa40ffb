/// Writes a `FormalDocument` as an Office Open XML word-processing package (.docx): A4 with the
/// margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), 仿宋 三号 body text,
/// 小标宋 二号 title, a bordered table when there is one.
public enum DocxWriter {
    public static func write(_ doc: FormalDocument) -> [UInt8] {
        package(documentXML: documentXML(doc))
    }

    static func package(documentXML: String) -> [UInt8] {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", text: contentTypes)
        zip.add("_rels/.rels", text: rootRels)
        zip.add("word/_rels/document.xml.rels", text: documentRels)
        zip.add("word/styles.xml", text: styles)
        zip.add("word/document.xml", text: documentXML)
        return zip.finish()
    }

    static func run(_ text: String, size: Int? = nil, bold: Bool = false, font: String? = nil) -> String {
        var props = ""
        if let f = font { props += "<w:rFonts w:ascii=\"\(f)\" w:hAnsi=\"\(f)\" w:eastAsia=\"\(f)\"/>" }
        if bold { props += "<w:b/>" }
        if let s = size { props += "<w:sz w:val=\"\(s)\"/><w:szCs w:val=\"\(s)\"/>" }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let body = lines.map { "<w:t xml:space=\"preserve\">\(XMLText.escape(String($0)))</w:t>" }.joined(separator: "<w:br/>")
        return "<w:r>" + (props.isEmpty ? "" : "<w:rPr>\(props)</w:rPr>") + body + "</w:r>"
    }

    static func paragraph(_ runs: String, align: String? = nil, firstLineChars: Int? = nil) -> String {
        var props = ""
        if let a = align { props += "<w:jc w:val=\"\(a)\"/>" }
        // Two characters of 三号 (16 pt) = 640 twips; firstLine is understood by every reader.
        if let n = firstLineChars { props += "<w:ind w:firstLine=\"\(n * 320)\"/>" }
        return "<w:p>" + (props.isEmpty ? "" : "<w:pPr>\(props)</w:pPr>") + runs + "</w:p>"
    }

    /// A report: a title, then headings, paragraphs and merged-cell tables in order.
    public enum Block: Sendable, Equatable {
        case heading(String)
        case paragraph(String)
        case grid(ReportGrid)
        /// The next block starts on a new page.
        case pageBreak
    }

    public static func write(title: String, blocks: [Block], issuer: String, date: String) -> [UInt8] {
        package(documentXML: reportXML(title: title, blocks: blocks, issuer: issuer, date: date))
    }

    static func reportXML(title: String, blocks: [Block], issuer: String, date: String) -> String {
        var body = paragraph(run(title, size: 44, font: "方正小标宋简体"), align: "center")
        for b in blocks {
            switch b {
            case .heading(let t): body += paragraph(run(t, font: "黑体"), firstLineChars: 2)
            case .paragraph(let t): body += paragraph(run(t), firstLineChars: 2)
            case .grid(let g): body += gridXML(g)
            case .pageBreak: body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            }
        }
        body += paragraph(run(""))
        body += paragraph(run(issuer), align: "right")
        body += paragraph(run(date), align: "right")
        body += "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
    }

    /// Merged cells: gridSpan across columns, vMerge restart/continue down rows.
    static func gridXML(_ g: ReportGrid) -> String {
        guard let laid = g.layout() else { return "" }
        let border = "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"]
            .map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined() + "</w:tblBorders>"
        var x = "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>\(border)</w:tblPr><w:tblGrid>"
            + String(repeating: "<w:gridCol/>", count: g.width) + "</w:tblGrid>"
        for (r, line) in laid.enumerated() {
            x += "<w:tr>"
            var c = 0
            while c < line.count {
                let slot = line[c]
                let cell = slot.cell
                // A cell covered from the left is part of a gridSpan already written.
                guard slot.startColumn == c else { c += 1; continue }
                var props = "<w:tcW w:w=\"0\" w:type=\"auto\"/>"
                if cell.colspan > 1 { props += "<w:gridSpan w:val=\"\(cell.colspan)\"/>" }
                if cell.rowspan > 1 { props += slot.startRow == r ? "<w:vMerge w:val=\"restart\"/>" : "<w:vMerge/>" }
                let text = slot.startRow == r ? cell.text : ""
                x += "<w:tc><w:tcPr>\(props)</w:tcPr>" + paragraph(run(text, size: 21, bold: cell.header), align: "center") + "</w:tc>"
                c += cell.colspan
            }
            x += "</w:tr>"
        }
        return x + "</w:tbl>"
    }

    static func documentXML(_ d: FormalDocument) -> String {
        var body = paragraph(run(d.title, size: 44, font: "方正小标宋简体"), align: "center")
        if let n = d.number { body += paragraph(run(n), align: "center") }
        if let a = d.addressee { body += paragraph(run(a)) }
        for p in d.paragraphs {
            switch p.style {
            case .body: body += paragraph(run(p.text), firstLineChars: 2)
            case .heading: body += paragraph(run(p.text, font: "黑体"), firstLineChars: 2)
            case .plain: body += paragraph(run(p.text))
            }
        }
        if let rows = d.table, !rows.isEmpty {
            let border = "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"]
                .map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined() + "</w:tblBorders>"
            body += "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>\(border)</w:tblPr>"
            for (i, row) in rows.enumerated() {
                body += "<w:tr>" + row.map { "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>" + paragraph(run($0, size: 24, bold: i == 0), align: "center") + "</w:tc>" }.joined() + "</w:tr>"
            }
            body += "</w:tbl>"
        }
        body += paragraph(run(""))
        body += paragraph(run(d.issuer), align: "right")
        body += paragraph(run(d.date), align: "right")
        // A4 = 11906 × 16838 twips; 1 mm ≈ 56.7 twips.
        body += "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
    }

    static let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
    """

    static let rootRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
    """

    static let documentRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
    """

    static let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:cs="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>
    """
}
