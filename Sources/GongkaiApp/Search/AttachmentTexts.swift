import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats

/// The text of an item's Word and Excel attachments, for the content checks and the search index.
/// Read from the text stored at upload; an archive is only inflated for rows stored before that
/// column existed, once, and the result kept.
enum AttachmentTexts {
    static func extract(_ bytes: [UInt8], type: AttachmentType) -> String? {
        switch type {
        case .docx: return OfficeText.docx(bytes)
        case .xlsx: return OfficeText.xlsx(bytes)
        default: return nil
        }
    }

    static func of(_ item: InformationItem, on db: any Database) async throws -> [(source: String, text: String)] {
        let attachments = try await ItemAttachment.query(on: db).filter(\.$itemID == item.requireID()).sort(\.$createdAt).all()
        var texts: [(source: String, text: String)] = []
        for a in attachments where [.docx, .xlsx].contains(a.typeValue) {
            guard let text = try await text(of: a, on: db) else { continue }
            texts.append((source: "附件：\(a.displayName)", text: text))
        }
        return texts
    }

    /// The attachment texts of several items at once, each item's in the order `of` gives them.
    static func of(itemIDs: [UUID], on db: any Database) async throws -> [UUID: [String]] {
        guard !itemIDs.isEmpty else { return [:] }
        let attachments = try await ItemAttachment.query(on: db).filter(\.$itemID ~~ itemIDs).sort(\.$createdAt).all()
        var texts: [UUID: [String]] = [:]
        for a in attachments where [.docx, .xlsx].contains(a.typeValue) {
            guard let text = try await text(of: a, on: db) else { continue }
            texts[a.itemID, default: []].append(text)
        }
        return texts
    }

    /// The stored text, or for a row stored before that column existed, its file's text (kept).
    private static func text(of a: ItemAttachment, on db: any Database) async throws -> String? {
        if a.text == nil {
            guard let stored = try await StoredFile.query(on: db).filter(\.$sha256 == a.sha256).first() else { return nil }
            // An unreadable legacy file is remembered as empty, so it is never inflated again.
            a.text = extract([UInt8](stored.data), type: a.typeValue) ?? ""
            try await a.update(on: db)
        }
        return a.text ?? ""
    }
}
