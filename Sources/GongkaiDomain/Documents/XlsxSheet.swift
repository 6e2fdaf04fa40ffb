/// A one-sheet XLSX workbook written by the app (inline strings, no styles needed by the readers
/// we support: Excel, WPS, LibreOffice, openpyxl), with merged cells for headers. Reading one back
/// is `XlsxReader` in GongkaiFormats.
public enum XlsxSheet {
    /// Column letters for a zero-based index: 0 → A, 26 → AA.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    public static func columnIndex(_ name: String) -> Int? {
        var n = 0
        for c in name {
            guard let a = c.asciiValue, (65...90).contains(a) else { return nil }
            n = n * 26 + Int(a - 64)
        }
        return n == 0 ? nil : n - 1
    }

    /// `merges` are ranges like "A1:B1".
    public static func write(name: String, rows: [[String]], merges: [String] = []) -> [UInt8] {
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        for (r, row) in rows.enumerated() {
            sheet += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() where !value.isEmpty {
                sheet += "<c r=\"\(columnName(c))\(r + 1)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XMLText.escape(value))</t></is></c>"
            }
            sheet += "</row>"
        }
        sheet += "</sheetData>"
        if !merges.isEmpty { sheet += "<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>" }
        sheet += "</worksheet>"
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", text: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
            """)
        zip.add("_rels/.rels", text: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        zip.add("xl/workbook.xml", text: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\(XMLText.escape(String(name.prefix(31))))" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        zip.add("xl/_rels/workbook.xml.rels", text: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """)
        zip.add("xl/worksheets/sheet1.xml", text: sheet)
        return zip.finish()
    }
}
