import XCTest
@testable import GongkaiDomain

final class HTMLSanitizerTests: XCTestCase {
    static let payloads = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\" &#106;avascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "<a href=\"//evil.example/\">x</a>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\">",
        "<p style=\"position:fixed;top:0\">x</p>",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<div onclick=\"steal()\">text</div>",
        "\"><script>alert(1)</script>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<form action=\"https://evil.example\"><input name=x><button>go</button></form>",
        "<a href=\"https://ok.gov.cn\" onmouseover=\"x()\">ok</a>",
        "<base href=\"//evil.example/\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><link rel=stylesheet href=x>",
        "<style>body{display:none}</style>",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
        "<a href=\"https://ok.gov.cn\" target=\"_blank\" style=\"x\">ok</a>",
        "<img src=\"/a.png\" alt=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">",
        "<p title=\"x\" onmouseover=alert(1)//>y</p>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<textarea><script>alert(1)</script></textarea>",
        "<!--<script>alert(1)//--><p>ok</p>",
        "<a href=\"https://ok.gov.cn\"\nonclick=alert(1)>ok</a>",
        "<IMG SRC=\"jav\u{0}ascript:alert(1)\">",
        "<p>unclosed <b>bold <i>both",
    ]

    func testNothingExecutableSurvives() {
        let forbidden = ["<script", "javascript:", "vbscript:", "data:", "<iframe", "<svg", "<style", "<object", "<embed", "<form",
                         "<input", "<base", "<meta", "<link", "style=", "srcdoc", "<textarea", "<math", "target=", "//evil"]
        for p in Self.payloads {
            let out = HTMLSanitizer.sanitize(p)
            let lower = out.lowercased()
            for f in forbidden { XCTAssertFalse(lower.contains(f), "\(f) survived in \(out) from \(p)") }
            // No event handler attribute: " on…=" inside a tag.
            XCTAssertNil(lower.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression), "\(out) from \(p)")
            XCTAssertEqual(HTMLSanitizer.sanitize(out), out, "sanitising is idempotent: \(p)")
            XCTAssertTrue(isBalanced(out), "well-formed: \(out)")
        }
    }

    func testWhatStaysAfterAWordPaste() {
        let pasted = """
        <html><head><style>p.MsoNormal{}</style></head><body><!--[if gte mso 9]><xml><w:WordDocument/></xml><![endif]-->
        <h1 style='mso-x:1'>关于<b>做好</b>工作的通知</h1><p class=MsoNormal><span style='font-size:16pt'>各乡镇：<o:p></o:p></span></p>
        <table border=1 style='width:100%'><tr><th scope=col>项目</th><td colspan=2 rowspan="x">甲&nbsp;乙</td></tr></table>
        <ol start=3><li><a href="https://www.gov.cn/a?x=1&amp;y=2" title="国务院">链接</a></li></ol><img src="/files/a.png" alt="图" width=300 onload=x>
        </body></html>
        """
        let out = HTMLSanitizer.sanitize(pasted)
        XCTAssertTrue(out.contains("<h2>关于<strong>做好</strong>工作的通知</h2>"), out)
        XCTAssertTrue(out.contains("<p>各乡镇：</p>"), out)
        XCTAssertTrue(out.contains("<table><tr><th scope=\"col\">项目</th><td colspan=\"2\">甲&nbsp;乙</td></tr></table>"), out)
        XCTAssertTrue(out.contains("<ol start=\"3\"><li><a href=\"https://www.gov.cn/a?x=1&amp;y=2\" title=\"国务院\" rel=\"noopener noreferrer\">链接</a></li></ol>"), out)
        XCTAssertTrue(out.contains("<img src=\"/files/a.png\" alt=\"图\" width=\"300\">"), out)
        XCTAssertFalse(out.contains("WordDocument"))
        XCTAssertFalse(out.contains("MsoNormal"))
    }

    func testTextIsEscapedAndEntitiesKept() {
        XCTAssertEqual(HTMLSanitizer.sanitize("a < b &amp; c > d &copy; &unknown; 5 &lt; 6"), "a &lt; b &amp; c &gt; d © &amp;unknown; 5 &lt; 6")
        XCTAssertEqual(HTMLSanitizer.sanitize("<p>x</p></div></p>"), "<p>x</p>", "stray end tags are dropped")
    }

    func testPlainText() {
        let text = HTMLSanitizer.plainText("<h2>标题</h2><p>第一段<br>第二行</p><table><tr><td>甲</td><td>乙</td></tr></table><script>x()</script>")
        XCTAssertEqual(text, "标题\n第一段\n第二行\n甲乙")
    }

    func isBalanced(_ html: String) -> Bool {
        var stack: [String] = []
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            guard let gt = rest[lt...].firstIndex(of: ">") else { return false }
            let tag = rest[rest.index(after: lt)..<gt]
            if tag.hasPrefix("/") {
                guard stack.popLast() == String(tag.dropFirst()) else { return false }
            } else {
                let name = String(tag.prefix { $0 != " " })
                if !["br", "hr", "img"].contains(name) { stack.append(name) }
            }
            rest = rest[rest.index(after: gt)...]
        }
        return stack.isEmpty
    }
}
