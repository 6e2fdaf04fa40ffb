import FluentKit
import Foundation

/// A message the app has decided to send. Stored first, delivered after, so a mail server that is
/// down loses nothing: delivery is retried with growing pauses until it succeeds or gives up.
public final class OutboxMail: Model, @unchecked Sendable {
    public static let schema = "mail_outbox"

    @ID(key: .id) public var id: UUID?
    @Field(key: "recipient") public var recipient: String
    @Field(key: "recipient_name") public var recipientName: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    /// What produced it, e.g. "due_soon:<application id>", for the outbox page.
    @Field(key: "purpose") public var purpose: String
    @Field(key: "organisation_id") public var organisationID: Int
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "attempts") public var attempts: Int
    @OptionalField(key: "next_attempt_at") public var nextAttemptAt: Date?
    @OptionalField(key: "sent_at") public var sentAt: Date?
    @OptionalField(key: "failed_at") public var failedAt: Date?
    @Field(key: "last_error") public var lastError: String
    /// A sender takes a message by writing its own token while nobody else holds it, so two app
    /// instances never deliver the same message.
    @OptionalField(key: "claimed_until") public var claimedUntil: Date?
    @OptionalField(key: "claim_token") public var claimToken: String?

    public init() {}

    init(recipient: String, recipientName: String, subject: String, body: String, purpose: String,
         organisationID: Int, now: Date) {
        self.id = UUID()
        self.recipient = recipient
        self.recipientName = recipientName
        self.subject = subject
        self.body = body
        self.purpose = purpose
        self.organisationID = organisationID
        self.createdAt = now
        self.attempts = 0
        self.nextAttemptAt = now
        self.lastError = ""
    }

    public enum State: String, Sendable { case queued, sent, failed }

    public var state: State {
        if sentAt != nil { return .sent }
        if failedAt != nil { return .failed }
        return .queued
    }
}

/// One deadline message sent for one case and due date; the unique key makes sending idempotent
/// across runs and app instances.
final class DeadlineReminderRecord: Model, @unchecked Sendable {
    static let schema = "deadline_reminders"

    @ID(key: .id) var id: UUID?
    @Field(key: "application_id") var applicationID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "due_date") var dueDate: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
