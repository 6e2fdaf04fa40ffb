import Foundation
import GongkaiDomain

/// The JSON a webhook receives for one notice (documented in the README): what happened, the
/// policy with its public address, and its confirmed audience so a gateway can route it to its own
/// followers. Never anything about our subscribers.
struct WebhookPayload: Codable, Sendable {
    struct Policy: Codable, Sendable {
        let id: UUID
        let title: String
        let url: String
        let organisationId: Int
        let organisation: String
        let documentNumber: String
        let publishedOn: String?
        let summary: String
        let replacedBy: String?
    }

    struct Region: Codable, Sendable {
        let id: Int
        let name: String
    }

    struct Target: Codable, Sendable {
        let regions: [Region]
        let groups: [String]
        let lifeEvents: [String]
        let industries: [String]
        let sizes: [String]
        let parks: [String]
    }

    /// The notice id: the same in every retry, so a receiver can drop repeats.
    let id: UUID
    /// "published", "corrected" or "repealed".
    let event: String
    let eventLabel: String
    let occurredAt: String
    /// The text a gateway can send as it is (SMS, WeChat template).
    let text: String
    let policy: Policy
    let audience: Target

    static func encode(_ p: WebhookPayload) throws -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try e.encode(p))
    }
}
