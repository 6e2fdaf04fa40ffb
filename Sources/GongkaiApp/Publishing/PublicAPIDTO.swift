import Foundation
import GongkaiDomain

/// What the read-only JSON API returns: plain data, decoupled from the database models.
enum PublicAPIDTO {
    struct Organisation: Codable, Sendable {
        let id: Int
        let name: String
        let shortName: String
        let kind: String
        let kindLabel: String
        let parentId: Int?
        let creditCode: String?
    }

    struct Column: Codable, Sendable {
        let key: String
        let label: String
        let basis: String
    }

    struct Item: Codable, Sendable {
        let id: String
        let indexNumber: String
        let title: String
        let organisationId: Int
        let organisation: String
        let documentNumber: String
        let writtenOn: String
        let publishedOn: String
        let kind: String
        let kindLabel: String
        let genre: String
        let topic: String
        let keywords: String
        let summary: String
        let validity: String
        let validityLabel: String
        let effectiveOn: String?
        let expiresOn: String?
        let columns: [String]
        let url: String
        /// Only in the single-item response.
        let bodyHtml: String?
    }

    struct ItemPage: Codable, Sendable {
        let items: [Item]
        let page: Int
        let perPage: Int
        let total: Int
    }

    static func item(_ i: InformationItem, organisationName: String, baseURL: String, withBody: Bool, today: CivilDate) -> Item {
        Item(id: i.id?.uuidString ?? "", indexNumber: i.indexNumber, title: i.title, organisationId: i.organisationID,
             organisation: organisationName, documentNumber: i.documentNumber, writtenOn: i.writtenOn,
             publishedOn: i.publishedAt.map { SiteClock.day(of: $0).description } ?? "", kind: i.kind,
             kindLabel: i.kindValue.label, genre: i.genre, topic: i.topic, keywords: i.keywords, summary: i.summary,
             validity: i.currentValidity(today: today).rawValue, validityLabel: i.currentValidity(today: today).label, effectiveOn: i.effectiveOn, expiresOn: i.expiresOn,
             columns: i.columnKeys, url: "\(baseURL)/xxgk/\(i.organisationID)/content/\(i.id?.uuidString ?? "")",
             bodyHtml: withBody ? i.bodyHTML : nil)
    }
}
