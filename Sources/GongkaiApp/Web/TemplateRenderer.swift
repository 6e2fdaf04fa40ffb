import Foundation
import GongkaiDomain
import Hummingbird
import Mustache

/// Mustache templates shipped in the app's resources, each replaceable by a file of the same name in
/// the configured override folder, so a county restyles its site without rebuilding.
public struct TemplateRenderer: Sendable {
    let library: MustacheLibrary

    /// Every template (shipped or a county's override) renders `{{value}}` through `HTMLText`.
    static let contentTypePragma = "{{% CONTENT_TYPE: GONGKAI_HTML}}"

    public static func load(overrideDirectory: String?) throws -> TemplateRenderer {
        MustacheContentTypes.register(ScalarEscapedHTML(), named: "GONGKAI_HTML")
        var library = MustacheLibrary()
        var dirs = [ResourceFiles.directory.appendingPathComponent("templates").path]
        if let o = overrideDirectory { dirs.append(o) }
        for dir in dirs {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for file in names.sorted() where file.hasSuffix(".mustache") {
                let text = try String(contentsOfFile: (dir as NSString).appendingPathComponent(file), encoding: .utf8)
                do {
                    try library.register(contentTypePragma + text, named: String(file.dropLast(".mustache".count)))
                } catch {
                    throw TemplateError(file: (dir as NSString).appendingPathComponent(file), underlying: "\(error)")
                }
            }
        }
        return TemplateRenderer(library: library)
    }

    struct TemplateError: Error, CustomStringConvertible {
        let file: String
        let underlying: String
        var description: String { "模板文件有语法错误：\(file)：\(underlying)" }
    }

    public func render(_ name: String, _ model: Any) -> String {
        guard let html = library.render(model, withTemplate: name) else {
            // A missing template is a packaging bug; say so without leaking anything.
            return "<!doctype html><meta charset=utf-8><title>页面模板缺失</title><p>页面模板缺失：\(name)</p>"
        }
        return html
    }

    public func page(_ name: String, _ model: Any, status: HTTPResponse.Status = .ok) -> Response {
        let body = render(name, model)
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// HTML escaping by Unicode scalar (swift-mustache's default walks `Character`s, which lets a quote
/// followed by a combining mark through; see `HTMLText`).
struct ScalarEscapedHTML: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}

/// The folder of files shipped with the app (templates, static assets, demo data).
enum ResourceFiles {
    static let directory: URL = {
        Bundle.module.url(forResource: "Resources", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Resources")
    }()

    /// One of the demo county's JSON files (`Resources/demo/<name>`), decoded.
    static func demo<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: directory.appendingPathComponent("demo/" + name)))
    }
}
