import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats
import Hummingbird

/// A file staff attach to a reply (予以公开 / 部分公开): the information itself, which the applicant
/// downloads from the tracking page after the same number-and-code check as the letters.
final class CaseFile: Model, @unchecked Sendable {
    static let schema = "case_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "sha256") var sha256: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "type") var type: String
    @Field(key: "size") var size: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "actor_name") var actorName: String

    init() {}

    var typeValue: AttachmentType { AttachmentType(rawValue: type) ?? .pdf }
}

/// Files of replies: checked by content and size like item attachments (Word/Excel read within the
/// decompression budget), stored once per content in `stored_files`, every change audited.
struct CaseFileStore: Sendable {
    let services: AppServices

    /// A refused file, said like an item attachment's (it is checked by the same `AttachmentStore.check`).
    typealias Failure = AttachmentStore.Failure

    static let maxPerCase = 20

    /// Files may be attached once a case is decided as 予以公开 or 部分公开, until it is archived.
    static func acceptsFiles(_ a: InformationApplication) -> Bool {
        guard let o = a.outcome.flatMap(ReplyOutcome.init(rawValue:)), [.disclosed, .partial].contains(o.group) else { return false }
        return [.decided, .delivered].contains(a.statusValue)
    }

    func files(of a: InformationApplication) async throws -> [CaseFile] {
        try await CaseFile.query(on: services.db).filter(\.$applicationID == a.requireID()).sort(\.$createdAt).all()
    }

    func add(_ file: MultipartForm.File, to a: InformationApplication, actor: AuditActor) async throws -> CaseFile {
        guard Self.acceptsFiles(a) else { throw Failure.invalid("只有答复为“予以公开”或“部分公开”且尚未归档的申请可以附送文件") }
        // Checked like an item attachment; the text is not needed here.
        let (type, _) = try AttachmentStore.check(name: file.filename, data: file.data, limit: services.config.uploadMaxBytes,
                                                  unreadableAdvice: "")
        let id = try a.requireID()
        let count = try await CaseFile.query(on: services.db).filter(\.$applicationID == id).count()
        guard count < Self.maxPerCase else { throw Failure.invalid("每件申请最多附送\(Self.maxPerCase)个文件") }
        let hash = Tokens.sha256Hex(bytes: file.data)
        let f = CaseFile()
        f.id = UUID()
        f.applicationID = id
        f.sha256 = hash
        f.displayName = AttachmentType.safeName(file.filename, type: type)
        f.type = type.rawValue
        f.size = file.data.count
        f.createdAt = services.clock.now()
        f.actorName = actor.name
        let audit = services.audit
        try await services.db.transaction { db in
            try await StoredFile.storeIfNew(sha256: hash, data: file.data, type: type, at: f.createdAt, on: db)
            try await f.create(on: db)
            try await audit.record(on: db, actor: actor, organisationID: a.organisationID, entity: .application,
                                   entityID: a.registrationNumber, action: "附送答复文件",
                                   changes: [.init(field: "file", before: nil, after: "\(f.displayName)（\(hash.prefix(12))）")])
        }
        return f
    }

    func remove(_ f: CaseFile, from a: InformationApplication, actor: AuditActor) async throws {
        guard a.statusValue != .archived else { throw Failure.invalid("已归档的申请不能再删除附送文件") }
        let audit = services.audit
        try await services.db.transaction { db in
            try await f.delete(on: db)
            try await audit.record(on: db, actor: actor, organisationID: a.organisationID, entity: .application,
                                   entityID: a.registrationNumber, action: "删除附送文件",
                                   changes: [.init(field: "file", before: f.displayName, after: nil)])
        }
    }

    /// The file as a download, never inline (it may carry anything the applicant asked for), sandboxed.
    func response(for f: CaseFile) async throws -> Response {
        guard let stored = try await StoredFile.query(on: services.db).filter(\.$sha256 == f.sha256).first() else {
            throw HTTPError(.notFound)
        }
        var response = Download.response(ByteBuffer(bytes: stored.data), contentType: f.typeValue.mimeType,
                                         fallbackName: "file.\(f.typeValue.fileExtension)", fileName: f.displayName,
                                         inline: false, cacheControl: "no-store")
        response.headers[.contentSecurityPolicy] = "sandbox; default-src 'none'"
        return response
    }
}
