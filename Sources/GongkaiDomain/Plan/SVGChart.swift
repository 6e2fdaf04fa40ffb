/// Charts for the leaders' pages, drawn on the server as SVG (no script): a ranked bar chart of
/// units and a monthly trend line. Each carries a title and a description for screen readers; the
/// page shows the numbers as a table as well. Labels are escaped here, so the markup can be
/// inserted as it is.
public enum SVGChart {
    public struct Bar: Sendable, Equatable {
        public let label: String
        /// nil: 无数据 (drawn as a note, not as a zero bar).
        public let value: Double?
        public let text: String
        public init(label: String, value: Double?, text: String) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    /// Horizontal bars, in the order given (the caller ranks them). `maxValue` fixes the scale (100 for percents).
    public static func bars(id: String, title: String, description: String, bars: [Bar], maxValue: Double?) -> String {
        let rowHeight = 30, labelWidth = 170, barWidth = 330, top = 10
        let height = top * 2 + max(bars.count, 1) * rowHeight
        let scale = maxValue ?? max(bars.compactMap(\.value).max() ?? 1, 1)
        var out = svgOpen(id: id, width: labelWidth + barWidth + 140, height: height, title: title, description: description)
        for (i, bar) in bars.enumerated() {
            let y = top + i * rowHeight
            out += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 19)\" text-anchor=\"end\" font-size=\"14\">\(XMLText.escape(String(bar.label.prefix(11))))</text>"
            if let v = bar.value {
                let w = scale > 0 ? Int((min(max(v, 0), scale) / scale * Double(barWidth)).rounded()) : 0
                out += "<rect x=\"\(labelWidth)\" y=\"\(y + 5)\" width=\"\(max(w, 1))\" height=\"\(rowHeight - 10)\" fill=\"#1f5fa8\"/>"
                out += "<text x=\"\(labelWidth + max(w, 1) + 6)\" y=\"\(y + 19)\" font-size=\"14\">\(XMLText.escape(bar.text))</text>"
            } else {
                out += "<text x=\"\(labelWidth + 6)\" y=\"\(y + 19)\" font-size=\"14\" fill=\"#555\">无数据</text>"
            }
        }
        return out + "</svg>"
    }

    public struct Point: Sendable, Equatable {
        public let label: String
        public let value: Double?
        public init(label: String, value: Double?) {
            self.label = label
            self.value = value
        }
    }

    /// A line over the points in order; a missing value breaks the line.
    public static func trend(id: String, title: String, description: String, points: [Point], maxValue: Double?) -> String {
        let left = 50, right = 20, top = 20, plotHeight = 180, step = 44
        let width = left + right + max(points.count - 1, 1) * step
        let height = top + plotHeight + 40
        let scale = maxValue ?? max(points.compactMap(\.value).max() ?? 1, 1)
        var out = svgOpen(id: id, width: width, height: height, title: title, description: description)
        let baseline = top + plotHeight
        out += "<line x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(width - right)\" y2=\"\(baseline)\" stroke=\"#555\"/>"
        out += "<text x=\"\(left - 6)\" y=\"\(baseline + 5)\" text-anchor=\"end\" font-size=\"12\">0</text>"
        out += "<text x=\"\(left - 6)\" y=\"\(top + 5)\" text-anchor=\"end\" font-size=\"12\">\(XMLText.escape(format(scale)))</text>"
        var segment: [String] = []
        func flush() {
            if segment.count > 1 { out += "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>" }
            segment = []
        }
        for (i, p) in points.enumerated() {
            let x = left + i * step
            out += "<text x=\"\(x)\" y=\"\(baseline + 20)\" text-anchor=\"middle\" font-size=\"12\">\(XMLText.escape(p.label))</text>"
            guard let v = p.value else { flush(); continue }
            let y = baseline - (scale > 0 ? Int((min(max(v, 0), scale) / scale * Double(plotHeight)).rounded()) : 0)
            segment.append("\(x),\(y)")
            out += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"4\" fill=\"#1f5fa8\"/>"
        }
        flush()
        return out + "</svg>"
    }

    static func svgOpen(id: String, width: Int, height: Int, title: String, description: String) -> String {
        let safe = String(id.unicodeScalars.filter { ($0.value >= 48 && $0.value <= 57) || ($0.value >= 97 && $0.value <= 122) || $0.value == 45 })
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" "
            + "aria-labelledby=\"\(safe)-t \(safe)-d\" class=\"chart\"><title id=\"\(safe)-t\">\(XMLText.escape(title))</title>"
            + "<desc id=\"\(safe)-d\">\(XMLText.escape(description))</desc>"
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(Int((v * 10).rounded()) / 10) + "." + String(Int((v * 10).rounded()) % 10)
    }
}
