import FluentKit
import Foundation
import GongkaiDomain

/// Subscriptions without an account: stored first, confirmed from the e-mail (double opt-in),
/// changed from the link in every message, deleted on unsubscribe. Audited without the address.
struct SubscriptionDesk: Sendable {
    let services: AppServices

    /// Subscriptions one address may start in an hour (honest: a shared network shares it).
    static let hourlyLimit = 10
    /// Unconfirmed subscriptions are deleted after this long.
    static let confirmWithin: TimeInterval = 7 * 86_400

    struct Input: Sendable {
        var email = ""
        var interest = PushInterest()
        var frequency = DigestFrequency.daily
    }

    /// What the form may offer; anything else sent is refused.
    struct Choices: Sendable {
        let vocabulary: AudienceVocabulary
        let regions: Set<Int>
        let organisations: Set<Int>
    }

    static func parse(_ form: FormData, choices: Choices, needsEmail: Bool) -> (Input, [String: String]) {
        var i = Input()
        var e: [String: String] = [:]
        if needsEmail {
            i.email = form["email"].trimmingSpaces()
            if i.email.isEmpty { e["email"] = "请填写电子邮箱，用于接收推送" }
            else if i.email.count > 100 || !ContactFormat.isEmail(i.email) { e["email"] = "电子邮箱格式不正确" }
        }
        let regions = form.all("region").compactMap { Int($0.prefix(12)) }
        if regions.count > 3 { e["region"] = "所在乡镇（村、社区）最多选3个" }
        if regions.contains(where: { !choices.regions.contains($0) }) { e["region"] = "请从列表中选择所在乡镇（村、社区）" }
        let orgs = form.all("org").compactMap { Int($0.prefix(12)) }
        if orgs.count > 10 { e["org"] = "关注的单位最多选10个" }
        if orgs.contains(where: { !choices.organisations.contains($0) }) { e["org"] = "请从列表中选择关注的单位" }
        let columns = form.all("column").filter { PushQueries.columnLabels[$0] != nil }
        if columns.count > 10 { e["column"] = "关注的栏目最多选10个" }
        var a = Audience(regions: regions, groups: form.all("group"), lifeEvents: form.all("life_event"), industries: form.all("industry"),
                         sizes: form.all("size"), parks: form.all("park"))
        let sent = a.groups.count + a.lifeEvents.count + a.industries.count + a.sizes.count + a.parks.count
        a = a.normalised(choices.vocabulary)
        if a.groups.count + a.lifeEvents.count + a.industries.count + a.sizes.count + a.parks.count != sent {
            e["group"] = "请从列表中选择身份、人生事项、行业、企业规模或园区"
        }
        i.interest.audience = a
        switch PushInterest.parseKeywords(form["keywords"].prefix(300).description) {
        case .success(let words): i.interest.keywords = words
        case .failure(let p): e["keywords"] = p.message
        }
        i.interest.organisations = Array(Set(orgs)).sorted()
        i.interest.columns = Array(Set(columns)).sorted()
        if let f = DigestFrequency(rawValue: form["frequency"]) { i.frequency = f } else { e["frequency"] = "请选择推送频率" }
        if e.isEmpty, i.interest.isEmpty {
            e["group"] = "请至少选择一项：所在乡镇、身份、人生事项、行业，或填写关键词、选择关注的单位或栏目"
        }
        return (i, e)
    }

    struct Refused: Error, Sendable { let message: String }

    /// Stores the subscription and queues the confirmation mail in one transaction; returns the
    /// subscriber. Nothing is matched to it until it is confirmed.
    func subscribe(_ input: Input, source: String, clientAddress: String) async throws -> PushSubscriber {
        let now = services.clock.now()
        let recent = try await PushSubscriber.query(on: services.db).filter(\.$clientAddress == clientAddress)
            .filter(\.$createdAt >= now.addingTimeInterval(-3600)).count()
        guard recent < Self.hourlyLimit else { throw Refused(message: "同一网络一小时内订阅次数过多，请稍后再试。") }
        let (token, hash) = PushSubscriber.newToken()
        let s = PushSubscriber()
        s.id = UUID(); s.email = input.email; s.tokenHash = hash; s.tokenSealed = services.secrets.seal(token)
        s.interest = input.interest; s.frequency = input.frequency.rawValue; s.source = String(source.prefix(60))
        s.createdAt = now; s.clientAddress = clientAddress
        let base = services.config.publicBase
        let body = """
        您好！

        您在\(services.config.siteName)政策服务直通车订阅了政策推送。请点击下面的链接确认（7天内有效）：
        \(base)/zhitongche/confirm/\(token)

        如果不是您本人操作，请忽略本邮件，订阅不会生效，您的邮箱将在7天后删除。

        本邮件由\(services.config.siteName)系统自动发送，请勿直接回复。
        """
        let government = try await PushQueries.governmentID(services)
        try await services.db.transaction { tx in
            try await s.create(on: tx)
            try await OutboxMail(recipient: s.email, recipientName: "", subject: "【\(services.config.siteName)】请确认您的政策订阅", body: body,
                                 purpose: "push_confirm:\(s.id!.uuidString)", organisationID: government, now: now).create(on: tx)
            try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（政策订阅）", clientAddress: clientAddress),
                                            organisationID: government, entity: .pushSubscription, entityID: Masking.email(s.email), action: "订阅（待确认）")
        }
        return s
    }

    func find(token: String) async throws -> PushSubscriber? {
        guard token.count >= 20, token.count <= 64 else { return nil }
        return try await PushSubscriber.query(on: services.db).filter(\.$tokenHash == PushSubscriber.hash(token)).first()
    }

    /// Confirms; an earlier subscription of the same address is replaced by this one.
    func confirm(_ s: PushSubscriber) async throws {
        guard s.confirmedAt == nil else { return }
        let now = services.clock.now()
        guard now.timeIntervalSince(s.createdAt) <= Self.confirmWithin else { throw Refused(message: "确认链接已过期，请重新订阅。") }
        let government = try await PushQueries.governmentID(services)
        try await services.db.transaction { tx in
            let others = try await PushSubscriber.query(on: tx).filter(\.$email == s.email).filter(\.$id != s.requireID()).all()
            for o in others { try await remove(o, on: tx) }
            s.confirmedAt = now
            try await s.update(on: tx)
            try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（政策订阅）", clientAddress: ""),
                                            organisationID: government, entity: .pushSubscription, entityID: Masking.email(s.email), action: "确认订阅")
        }
    }

    func update(_ s: PushSubscriber, with input: Input) async throws {
        let government = try await PushQueries.governmentID(services)
        s.interest = input.interest
        s.frequency = input.frequency.rawValue
        try await services.db.transaction { tx in
            try await s.update(on: tx)
            try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（政策订阅）", clientAddress: ""),
                                            organisationID: government, entity: .pushSubscription, entityID: Masking.email(s.email), action: "修改订阅")
        }
    }

    /// Deletes the subscription and everything matched to it.
    func unsubscribe(_ s: PushSubscriber) async throws {
        let government = try await PushQueries.governmentID(services)
        try await services.db.transaction { tx in
            try await remove(s, on: tx)
            try await services.audit.record(on: tx, actor: AuditActor(id: nil, name: "公众（政策订阅）", clientAddress: ""),
                                            organisationID: government, entity: .pushSubscription, entityID: Masking.email(s.email), action: "退订并删除")
        }
    }

    func remove(_ s: PushSubscriber, on tx: any Database) async throws {
        try await PushDelivery.query(on: tx).filter(\.$subscriberID == s.requireID()).delete()
        try await s.delete(on: tx)
    }

    /// Deletes subscriptions nobody confirmed within the week.
    func purgeUnconfirmed() async throws -> Int {
        let cutoff = services.clock.now().addingTimeInterval(-Self.confirmWithin)
        let stale = try await PushSubscriber.query(on: services.db).filter(\.$confirmedAt == nil).filter(\.$createdAt < cutoff).all()
        for s in stale { try await s.delete(on: services.db) }
        return stale.count
    }
}
