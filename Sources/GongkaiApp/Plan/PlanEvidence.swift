import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird

/// Evidence as the plan's pages take it (progress reports, rectifications, manual scores): a link,
/// a published item, or an uploaded file checked like any attachment and kept once by content.
enum PlanEvidence {
    /// The message for a link that is not an http(s) address, or nil when it is fine (or empty).
    static func linkProblem(_ link: String) -> String? {
        guard !link.isEmpty else { return nil }
        let ok = link.count <= 500 && (link.hasPrefix("https://") || link.hasPrefix("http://")) && URL(string: link)?.host != nil
        return ok ? nil : "链接应为 http:// 或 https:// 开头的网址（不超过500字符）"
    }

    /// The published item chosen as evidence, or the message when the choice is not a public item.
    static func publishedItem(_ raw: String, on db: any Database) async throws -> Result<UUID?, DeskFailure> {
        guard !raw.isEmpty else { return .success(nil) }
        if let id = UUID(uuidString: raw), try await ItemQueries.publicItems(on: db).filter(\.$id == id).first() != nil { return .success(id) }
        return .failure(.invalid(["item": "所选信息不存在或未公开"]))
    }

    struct File: Sendable {
        let sha256: String
        let name: String
        let type: AttachmentType
        let data: [UInt8]

        /// Stores the bytes (once per content) in the caller's transaction.
        func store(at now: Date, on db: any Database) async throws {
            try await StoredFile.storeIfNew(sha256: sha256, data: data, type: type, at: now, on: db)
        }
    }

    /// The uploaded file checked by content and size, or the message for the field.
    static func file(_ upload: MultipartForm.File?, limit: Int) -> Result<File?, DeskFailure> {
        guard let upload, !upload.data.isEmpty else { return .success(nil) }
        do {
            let type = try AttachmentStore.check(name: upload.filename, data: upload.data, limit: limit).0
            return .success(File(sha256: Tokens.sha256Hex(bytes: upload.data), name: AttachmentType.safeName(upload.filename, type: type), type: type, data: upload.data))
        } catch AttachmentStore.Failure.invalid(let message) {
            return .failure(.invalid(["file": message]))
        } catch {
            return .failure(.invalid(["file": "文件无法读取"]))
        }
    }

    /// A stored evidence file as a download, sandboxed like attachments.
    static func download(sha256: String, type raw: String, name: String, on db: any Database) async throws -> Response {
        guard let type = AttachmentType(rawValue: raw), let stored = try await StoredFile.query(on: db).filter(\.$sha256 == sha256).first() else {
            throw HTTPError(.notFound)
        }
        var response = Download.response(ByteBuffer(bytes: stored.data), contentType: type.mimeType, fallbackName: "evidence.\(type.fileExtension)",
                                         fileName: name, inline: type.isImage, cacheControl: "private, no-store")
        response.headers[.contentSecurityPolicy] = "sandbox; default-src 'none'"
        return response
    }
}
