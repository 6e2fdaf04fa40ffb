import FluentKit
import Foundation
import GongkaiDomain

/// The text of an item's Word and Excel attachments, for the content checks and the search index.
enum AttachmentTexts {
    static func of(_ item: InformationItem, on db: any Database) async throws -> [(source: String, text: String)] {
        let attachments = try await ItemAttachment.query(on: db).filter(\.$itemID == item.requireID()).sort(\.$createdAt).all()
            .filter { [.docx, .xlsx].contains($0.typeValue) }
        var texts: [(source: String, text: String)] = []
        for a in attachments {
            guard let stored = try await StoredFile.query(on: db).filter(\.$sha256 == a.sha256).first() else { continue }
            let bytes = [UInt8](stored.data)
            let text = a.typeValue == .docx ? OfficeText.docx(bytes) : OfficeText.xlsx(bytes)
            texts.append((source: "附件：\(a.displayName)", text: text ?? ""))
        }
        return texts
    }
}
