import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird

final class StoredFile: Model, @unchecked Sendable {
    static let schema = "stored_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    @Field(key: "type") var type: String
    /// `Data`, not `[UInt8]`: both drivers store `Data` as a blob (PostgreSQL bytea).
    @Field(key: "data") var data: Data
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(sha256: String, data: [UInt8], type: AttachmentType, at now: Date) {
        id = UUID()
        self.sha256 = sha256
        size = data.count
        self.type = type.rawValue
        self.data = Data(data)
        createdAt = now
    }

    /// Stores the bytes unless a file with the same content is already stored (files are kept once).
    static func storeIfNew(sha256: String, data: [UInt8], type: AttachmentType, at now: Date, on db: any Database) async throws {
        guard try await StoredFile.query(on: db).filter(\.$sha256 == sha256).first() == nil else { return }
        try await StoredFile(sha256: sha256, data: data, type: type, at: now).create(on: db)
    }
}

final class ItemAttachment: Model, @unchecked Sendable {
    static let schema = "item_attachments"

    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "sha256") var sha256: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "type") var type: String
    @Field(key: "size") var size: Int
    @Field(key: "created_at") var createdAt: Date
    /// Extracted text of a DOCX/XLSX (nil for other types, and for rows uploaded before M024).
    @OptionalField(key: "text") var text: String?

    init() {}

    var typeValue: AttachmentType { AttachmentType(rawValue: type) ?? .pdf }
}

/// Attachments of items: checked by content and size, stored once per content, served with the
/// detected type and a safe name.
struct AttachmentStore: Sendable {
    let services: AppServices

    enum Failure: Error, Equatable { case invalid(String) }

    static let maxPerItem = 20

    /// A file is checked like this wherever it comes from (an upload, an import): not empty, within
    /// the size limit, an accepted type by its content, and for Word and Excel readable within the
    /// decompression budget (a damaged file or a ZIP bomb is refused instead of stored). Returns
    /// the type and, for Word and Excel, the text, read once here.
    /// `unreadableAdvice` follows the message for an unreadable Word or Excel file.
    static func check(name: String, data: [UInt8], limit: Int,
                      unreadableAdvice: String = "。请另存为普通的 Word / Excel 文件后重新上传") throws -> (AttachmentType, String?) {
        guard !data.isEmpty else { throw Failure.invalid("请选择要上传的文件") }
        guard data.count <= limit else { throw Failure.invalid("“\(name)”超过 \(limit / 1024 / 1024) MB，不能上传") }
        guard let type = AttachmentType.detect(data) else {
            throw Failure.invalid("“\(name)”不是可接受的文件：只能上传 PDF、Word（.docx）、Excel（.xlsx）和图片（PNG、JPEG、GIF）")
        }
        guard type == .docx || type == .xlsx else { return (type, nil) }
        guard let text = AttachmentTexts.extract(data, type: type) else {
            throw Failure.invalid("“\(name)”无法读取：文件已损坏，或解压后超过 \(OfficeText.decompressionBudget / 1024 / 1024) MB" + unreadableAdvice)
        }
        return (type, text)
    }

    func add(_ file: MultipartForm.File, to item: InformationItem, actor: AuditActor) async throws -> ItemAttachment {
        let (type, text) = try Self.check(name: file.filename, data: file.data, limit: services.config.uploadMaxBytes)
        let itemID = try item.requireID()
        let count = try await ItemAttachment.query(on: services.db).filter(\.$itemID == itemID).count()
        guard count < Self.maxPerItem else { throw Failure.invalid("每条信息最多\(Self.maxPerItem)个附件") }
        let hash = Tokens.sha256Hex(bytes: file.data)
        let attachment = ItemAttachment()
        attachment.id = UUID()
        attachment.itemID = itemID
        attachment.sha256 = hash
        attachment.displayName = AttachmentType.safeName(file.filename, type: type)
        attachment.type = type.rawValue
        attachment.size = file.data.count
        let now = services.clock.now()
        attachment.createdAt = now
        attachment.text = text
        let audit = services.audit
        try await services.db.transaction { db in
            try await StoredFile.storeIfNew(sha256: hash, data: file.data, type: type, at: now, on: db)
            try await attachment.create(on: db)
            try await PublishingDesk.event(item, .attached, actor: actor, note: attachment.displayName, at: now, on: db)
            try await audit.record(on: db, actor: actor, organisationID: item.organisationID, entity: .informationItem,
                                   entityID: item.indexNumber, action: "上传附件",
                                   changes: [.init(field: "attachment", before: nil, after: "\(attachment.displayName)（\(hash.prefix(12))）")])
        }
        return attachment
    }

    func remove(_ attachment: ItemAttachment, from item: InformationItem, actor: AuditActor) async throws {
        let audit = services.audit
        try await services.db.transaction { db in
            try await attachment.delete(on: db)
            try await PublishingDesk.event(item, .detached, actor: actor, note: attachment.displayName, at: services.clock.now(), on: db)
            try await audit.record(on: db, actor: actor, organisationID: item.organisationID, entity: .informationItem,
                                   entityID: item.indexNumber, action: "删除附件",
                                   changes: [.init(field: "attachment", before: attachment.displayName, after: nil)])
        }
    }

    func attachments(of item: InformationItem) async throws -> [ItemAttachment] {
        try await ItemAttachment.query(on: services.db).filter(\.$itemID == item.requireID()).sort(\.$createdAt).all()
    }

    /// The file as a download: detected type, `nosniff` (set site-wide), a safe name; images inline.
    func response(for attachment: ItemAttachment) async throws -> Response {
        guard let stored = try await StoredFile.query(on: services.db).filter(\.$sha256 == attachment.sha256).first() else {
            throw HTTPError(.notFound)
        }
        var response = Download.response(ByteBuffer(bytes: stored.data), contentType: attachment.typeValue.mimeType,
                                         fallbackName: "file.\(attachment.typeValue.fileExtension)", fileName: attachment.displayName,
                                         inline: attachment.typeValue.isImage, cacheControl: "private, max-age=3600")
        response.headers[.contentSecurityPolicy] = "sandbox; default-src 'none'"
        return response
    }

    static func sizeLabel(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? String(format: "%.1f MB", Double(bytes) / 1024 / 1024) : "\(max(1, bytes / 1024)) KB"
    }
}
