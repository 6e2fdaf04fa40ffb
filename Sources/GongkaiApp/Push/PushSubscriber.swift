import FluentKit
import Foundation
import GongkaiDomain

/// A visitor who asked for policies by e-mail: the address, what they chose, how often. Nothing
/// else is kept; the row is deleted on unsubscribe. The link token is looked up by its hash and
/// kept sealed (`SecretBox`) so every message can carry the same working links.
final class PushSubscriber: Model, @unchecked Sendable {
    static let schema = "push_subscribers"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "token_sealed") var tokenSealed: String
    @Field(key: "interest_json") var interestJSON: String
    @Field(key: "frequency") var frequency: String
    /// Where they came from ("web", "qr:<package>"), counted for reach, nothing personal.
    @Field(key: "source") var source: String
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "last_sent_at") var lastSentAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "client_address") var clientAddress: String

    init() {}

    var interest: PushInterest {
        get { (try? JSONDecoder().decode(PushInterest.self, from: Data(interestJSON.utf8))) ?? PushInterest() }
        set { interestJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }

    var frequencyValue: DigestFrequency { DigestFrequency(rawValue: frequency) ?? .weekly }

    /// A fresh link token (32 random bytes, URL-safe) and the hash stored for it.
    static func newToken() -> (token: String, hash: String) {
        let token = Tokens.random()
        return (token, hash(token))
    }

    static func hash(_ token: String) -> String { Tokens.sha256Hex(token) }
}
