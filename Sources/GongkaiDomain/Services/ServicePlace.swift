import Foundation

/// Kinds of places on the 政务地图.
public enum PlaceKind: String, CaseIterable, Sendable, Codable {
    case serviceCentre = "service_centre"
    case townshipCentre = "township_centre"
    case villagePoint = "village_point"
    case disclosureArea = "disclosure_area"
    case gazetteReading = "gazette_reading"
    case archiveLibrary = "archive_library"

    public var label: String {
        switch self {
        case .serviceCentre: return "政务服务中心"
        case .townshipCentre: return "便民服务中心"
        case .villagePoint: return "村级代办点"
        case .disclosureArea: return "政务公开专区"
        case .gazetteReading: return "公报查阅点"
        case .archiveLibrary: return "档案馆/图书馆"
        }
    }
}

/// A point in GCJ-02, the datum Chinese map apps (高德, 腾讯; 百度 converts it) use. Stored as
/// entered; range-checked to the box that contains China.
public struct GeoPoint: Sendable, Equatable, Codable {
    public let longitude: Double
    public let latitude: Double

    public static let datum = "GCJ-02"

    public init?(longitude: Double, latitude: Double) {
        guard (73.0...136.0).contains(longitude), (3.0...54.0).contains(latitude) else { return nil }
        self.longitude = longitude
        self.latitude = latitude
    }

    /// "104.0657, 30.6595" (经度, 纬度) as typed, at most six decimals each.
    public init?(parsing raw: String) {
        let parts = raw.replacingOccurrences(of: "，", with: ",").split(separator: ",").map { String($0).trimmingSpaces() }
        guard parts.count == 2, parts.allSatisfy({ $0.count <= 12 && $0.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } }),
              parts.allSatisfy({ ($0.split(separator: ".").dropFirst().first?.count ?? 0) <= 6 }),
              let lng = Double(parts[0]), let lat = Double(parts[1]) else { return nil }
        self.init(longitude: lng, latitude: lat)
    }

    public var text: String { String(format: "%.6f, %.6f", longitude, latitude) }

    /// Links that open the place for navigation in the common map apps (their documented web URIs,
    /// which hand over to the installed app on a phone), all told the point is GCJ-02.
    public func mapLinks(name: String) -> [(app: String, url: String)] {
        let n = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let lng = String(format: "%.6f", longitude), lat = String(format: "%.6f", latitude)
        return [
            ("高德地图", "https://uri.amap.com/marker?position=\(lng),\(lat)&name=\(n)&coordinate=gaode&callnative=1"),
            ("百度地图", "https://api.map.baidu.com/marker?location=\(lat),\(lng)&title=\(n)&content=\(n)&output=html&coord_type=gcj02&src=gongkai"),
            ("腾讯地图", "https://apis.map.qq.com/uri/v1/marker?marker=coord:\(lat),\(lng);title:\(n)&referer=gongkai"),
        ]
    }
}

/// The printable 线下政务地图: numbered markers drawn from the coordinates in an SVG (equirectangular,
/// longitude scaled by the cosine of the middle latitude so distances look right at county scale).
public enum PlaceMapSketch {
    public struct Marker: Sendable, Equatable {
        public let number: Int
        public let point: GeoPoint
        public init(number: Int, point: GeoPoint) { self.number = number; self.point = point }
    }

    /// Where each marker lands in a `width` × `height` box with `margin` on every side.
    public static func layout(_ markers: [Marker], width: Double, height: Double, margin: Double) -> [(number: Int, x: Double, y: Double)] {
        guard !markers.isEmpty else { return [] }
        let lats = markers.map(\.point.latitude), lngs = markers.map(\.point.longitude)
        let midLat = (lats.min()! + lats.max()!) / 2
        let k = cos(midLat * .pi / 180)
        let spanX = max((lngs.max()! - lngs.min()!) * k, 1e-6), spanY = max(lats.max()! - lats.min()!, 1e-6)
        let scale = min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY)
        let offsetX = (width - spanX * scale) / 2, offsetY = (height - spanY * scale) / 2
        return markers.map { m in
            (m.number, offsetX + (m.point.longitude - lngs.min()!) * k * scale, offsetY + (lats.max()! - m.point.latitude) * scale)
        }
    }

    /// The sketch as SVG (text escaped by the caller's names being numbers only).
    public static func svg(_ markers: [Marker], title: String, width: Double = 600, height: Double = 420) -> String {
        let placed = layout(markers, width: width, height: height, margin: 30)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"map-title\">"
        s += "<title id=\"map-title\">\(XMLText.escape(title))</title>"
        s += "<rect x=\"0.5\" y=\"0.5\" width=\"\(Int(width) - 1)\" height=\"\(Int(height) - 1)\" fill=\"#f7f9fb\" stroke=\"#8a99a8\"/>"
        s += "<text x=\"\(Int(width) - 14)\" y=\"24\" text-anchor=\"end\" font-size=\"13\" fill=\"#333\">北 ↑</text>"
        for p in placed {
            let x = String(format: "%.1f", p.x), y = String(format: "%.1f", p.y)
            s += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"11\" fill=\"#1a4fa0\"/>"
            s += "<text x=\"\(x)\" y=\"\(y)\" dy=\"4\" text-anchor=\"middle\" font-size=\"12\" fill=\"#fff\">\(p.number)</text>"
        }
        return s + "</svg>"
    }
}
