import FluentKit
import Foundation
import GongkaiDomain

/// The 政策服务直通车 job: turns new publications, corrections and 废止 into notices (once each),
/// matches them to subscribers with the reason, sends what is due as e-mail through the outbox
/// and hands every notice to the webhooks.
struct PushDispatcher: Sendable {
    let services: AppServices

    /// How far back a run looks for publication events (a site down for a weekend still catches up).
    static let lookback: TimeInterval = 3 * 86_400

    struct Report: Sendable, Equatable {
        var notices = 0
        var matched = 0
        var mails = 0
    }

    func run(now: Date) async throws -> Report {
        var report = Report()
        let (n, m) = try await collectNotices(now: now)
        report.notices = n
        report.matched = m
        report.mails = try await sendDue(now: now)
        return report
    }

    /// New notices from the items' history since `now - lookback`; returns notices made and
    /// deliveries matched.
    func collectNotices(now: Date) async throws -> (Int, Int) {
        let actions = [ItemHistoryAction.published, .corrected, .validity].map(\.rawValue)
        let events = try await ItemEvent.query(on: services.db).filter(\.$at >= now.addingTimeInterval(-Self.lookback))
            .filter(\.$action ~~ actions).sort(\.$at).all()
        guard !events.isEmpty else { return (0, 0) }
        // A notice is made at or after its event, so those of the window are all there is to check
        // against (one query a run, not one per event).
        let existing = Set(try await PushNotice.query(on: services.db).filter(\.$createdAt >= now.addingTimeInterval(-Self.lookback)).all().map(\.key))
        var made = 0, matched = 0
        var matching: Matching?
        var hooks: [PushWebhook]?
        for e in events {
            let kind: PushNoticeKind
            switch ItemHistoryAction(rawValue: e.action) {
            case .published: kind = .published
            case .corrected: kind = .corrected
            default: kind = .repealed
            }
            let key = PushNoticeKind.key(item: e.itemID.uuidString, kind: kind, version: e.sequence)
            guard !existing.contains(key), let item = try await InformationItem.find(e.itemID, on: services.db), item.isPublic else { continue }
            // A validity change is news only when the policy stops applying or was amended.
            if kind == .repealed, !(item.validityValue.isEnded || item.validityValue == .amended) { continue }
            let notice = PushNotice()
            notice.id = UUID(); notice.key = key; notice.itemID = e.itemID; notice.kind = kind.rawValue
            notice.organisationID = item.organisationID; notice.title = item.title; notice.createdAt = now
            if kind == .repealed, let s = item.successorID { notice.successorTitle = try await InformationItem.find(s, on: services.db)?.title }
            do {
                try await notice.create(on: services.db)
            } catch {
                // Another instance made it first (the key is unique): it fans it out.
                continue
            }
            made += 1
            if matching == nil { matching = try await self.matching() }
            matched += try await fanOut(notice, item: item, now: now, matching: matching!)
            if hooks == nil { hooks = try await PushWebhook.query(on: services.db).filter(\.$active == true).all() }
            try await WebhookSender(services: services).enqueue(notice, hooks: hooks!, now: now)
        }
        return (made, matched)
    }

    /// What every notice of a run is matched against, read once: the organisation tree and the
    /// confirmed subscribers.
    struct Matching: Sendable {
        let matcher: PolicyMatcher
        let subscribers: [PushSubscriber]
    }

    func matching() async throws -> Matching {
        Matching(matcher: try await PushQueries.matcher(services),
                 subscribers: try await PushSubscriber.query(on: services.db).filter(\.$confirmedAt != nil).all())
    }

    /// Matches a notice to every confirmed subscriber; a delivery is made once per subscriber
    /// (also when an item's audience is confirmed after it was published and this runs again).
    @discardableResult
    func fanOut(_ notice: PushNotice, item: InformationItem, now: Date, matching: Matching) async throws -> Int {
        let noticeID = try notice.requireID()
        let audience = try await PushQueries.confirmedAudiences(of: [item.requireID()], on: services.db)[item.requireID()] ?? Audience()
        let subject = PushQueries.subject(item, audience: audience)
        let already = Set(try await PushDelivery.query(on: services.db).filter(\.$noticeID == noticeID).all().map(\.subscriberID))
        var made = 0
        for s in matching.subscribers where !already.contains(s.id!) {
            let reasons = matching.matcher.reasons(for: s.interest, subject: subject)
            guard !reasons.isEmpty else { continue }
            let d = PushDelivery()
            d.id = UUID(); d.noticeID = noticeID; d.subscriberID = s.id!; d.explanation = PushReason.explanation(reasons); d.createdAt = now
            do { try await d.create(on: services.db); made += 1 } catch { continue }
        }
        return made
    }

    /// Queues one message per subscriber whose frequency says it is time, with everything waiting.
    func sendDue(now: Date) async throws -> Int {
        let pending = try await PushDelivery.query(on: services.db).filter(\.$sentAt == nil).all()
        guard !pending.isEmpty else { return 0 }
        let base = services.config.publicBase
        let names = try await OrganisationQueries.activeNames(services)
        var sent = 0
        for (subscriberID, deliveries) in Dictionary(grouping: pending, by: \.subscriberID) {
            guard let s = try await PushSubscriber.find(subscriberID, on: services.db), s.confirmedAt != nil,
                  s.frequencyValue.isDue(lastSentAt: s.lastSentAt, now: now) else { continue }
            let notices = try await PushNotice.query(on: services.db).filter(\.$id ~~ deliveries.map(\.noticeID)).all()
            let ordered = deliveries.sorted { $0.createdAt < $1.createdAt }.compactMap { d in notices.first { $0.id == d.noticeID }.map { (d, $0) } }
            guard !ordered.isEmpty else { continue }
            guard let token = services.secrets.open(s.tokenSealed) else { continue }
            let digest = PushDigest(siteName: services.config.siteName, frequency: s.frequencyValue,
                                    entries: ordered.map { d, n in
                                        PushDigest.Entry(kind: n.kindValue, title: n.title, successorTitle: n.successorTitle, url: base + n.path,
                                                         explanation: d.explanation, organisation: names[n.organisationID] ?? "")
                                    },
                                    profileURL: "\(base)/zhitongche/profile/\(token)", unsubscribeURL: "\(base)/zhitongche/unsubscribe/\(token)")
            try await services.db.transaction { tx in
                try await OutboxMail(recipient: s.email, recipientName: "", subject: digest.subject, body: digest.body,
                                     purpose: "push:\(subscriberID.uuidString)", organisationID: ordered[0].1.organisationID, now: now).create(on: tx)
                try await PushDelivery.query(on: tx).filter(\.$id ~~ ordered.compactMap { $0.0.id }).set(\.$sentAt, to: now).update()
                s.lastSentAt = now
                try await s.update(on: tx)
            }
            sent += 1
        }
        return sent
    }
}
