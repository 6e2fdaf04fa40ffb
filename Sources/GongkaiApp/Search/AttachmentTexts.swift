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
            .filter { [.docx, .xlsx].contains($0.typeValue) }
        var texts: [(source: String, text: String)] = []
        for a in attachments {
            if a.text == nil {
                guard let stored = try await StoredFile.query(on: db).filter(\.$sha256 == a.sha256).first() else { continue }
                // An unreadable legacy file is remembered as empty, so it is never inflated again.
                a.text = extract([UInt8](stored.data), type: a.typeValue) ?? ""
                try await a.update(on: db)
            }
            texts.append((source: "附件：\(a.displayName)", text: a.text ?? ""))
        }
        return texts
    }
}
