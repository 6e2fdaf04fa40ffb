import Foundation
import Hummingbird

/// CSS, JS and icons under /static/, read once at start-up from the shipped folder, with files in
/// `<override>/static/` taking precedence. They never change while the app runs, so each instance
/// holding its own copy needs no invalidation.
public struct StaticAssets: Sendable {
    struct Asset: Sendable {
        let bytes: ByteBuffer
        let contentType: String
    }

    let assets: [String: Asset]

    static let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                        "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon",
                        "woff2": "font/woff2", "txt": "text/plain; charset=utf-8"]

    public static func load(overrideDirectory: String?) -> StaticAssets {
        var assets: [String: Asset] = [:]
        var dirs = [ResourceFiles.directory.appendingPathComponent("static").path]
        if let o = overrideDirectory { dirs.append((o as NSString).appendingPathComponent("static")) }
        for dir in dirs {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names {
                let ext = (name as NSString).pathExtension.lowercased()
                guard let type = types[ext],
                      let data = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent(name))
                else { continue }
                assets[name] = Asset(bytes: ByteBuffer(bytes: data), contentType: type)
            }
        }
        return StaticAssets(assets: assets)
    }

    func response(for name: String) -> Response? {
        guard let a = assets[name] else { return nil }
        var headers = HTTPFields()
        headers[.contentType] = a.contentType
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: a.bytes))
    }
}
