import FluentKit
import Foundation
import GongkaiDomain

/// The county's 政务新媒体 accounts: registered, changed (a rename or a closure is recorded with
/// whether it was 备案), checked for the alerts of the inspection, fed with the date of the
/// newest post (entered, or read from the account's feed), and marked with what items published
/// through the review flow were meant for them (同步至).
struct NewMediaDesk: Sendable {
    let services: AppServices

    static let viewers: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer, .reviewer, .leader]
    static let editors: Set<StaffRole> = [.disclosureOfficeAdministrator, .informationOfficer]
    static let platforms = ["微信公众号", "微博", "抖音", "今日头条", "快手", "视频号", "移动客户端（App）", "小程序", "其他"]
    static let statuses: [(String, String)] = [("normal", "正常"), ("closed", "关停"), ("merged", "整合")]

    enum Failure: Error { case invalid([String: String]) }

    struct Input: Sendable, Equatable {
        var platform = ""
        var name = ""
        var handle = ""
        var operatorName = ""
        var openedOn = ""
        var filedOn = ""
        var status = "normal"
        var mergedInto: UUID?
        var statusFiled = false
        var renameFiled = false
        var lastUpdateOn = ""
        var feedURL = ""
        var interaction = true

        /// Checks every field; the messages go next to the fields.
        func validate(today: CivilDate) -> [String: String] {
            var e: [String: String] = [:]
            if !NewMediaDesk.platforms.contains(platform) { e["platform"] = "请选择平台" }
            if name.isEmpty || name.count > 60 { e["name"] = "请填写账号名称（不超过60字）" }
            if handle.count > 80 { e["handle"] = "账号ID不超过80个字符" }
            if operatorName.count > 40 { e["operator"] = "运维人不超过40字" }
            for (key, value, label) in [("opened_on", openedOn, "开设日期"), ("filed_on", filedOn, "备案日期"), ("last_update_on", lastUpdateOn, "最近更新日期")] where !value.isEmpty {
                guard let d = CivilDate(iso: value), d.year >= 2000 else { e[key] = "\(label)应为日期，如 2026-11-02"; continue }
                if d > today { e[key] = "\(label)不能晚于今天" }
            }
            if !NewMediaDesk.statuses.map(\.0).contains(status) { e["status"] = "请选择状态" }
            if status == "merged" && mergedInto == nil { e["merged_into"] = "整合的账号须选择整合到哪个账号" }
            if !feedURL.isEmpty {
                let c = URLComponents(string: feedURL)
                if feedURL.count > 300 || !["http", "https"].contains(c?.scheme?.lowercased() ?? "") || c?.host?.isEmpty != false {
                    e["feed_url"] = "订阅源地址应以 https:// 开头"
                }
            }
            return e
        }
    }

    static func parse(_ form: FormData) -> Input {
        var i = Input()
        i.platform = form["platform"].trimmingSpaces()
        i.name = form["name"].trimmingSpaces()
        i.handle = form["handle"].trimmingSpaces()
        i.operatorName = form["operator"].trimmingSpaces()
        i.openedOn = form["opened_on"].trimmingSpaces()
        i.filedOn = form["filed_on"].trimmingSpaces()
        i.status = form["status"].isEmpty ? "normal" : form["status"]
        i.mergedInto = UUID(uuidString: form["merged_into"])
        i.statusFiled = form["status_filed"] == "1"
        i.renameFiled = form["rename_filed"] == "1"
        i.lastUpdateOn = form["last_update_on"].trimmingSpaces()
        i.feedURL = form["feed_url"].trimmingSpaces()
        i.interaction = form["interaction"] == "1"
        return i
    }

    /// Creates (account nil) or changes an account. A new name keeps the old one as 曾用名; a new
    /// status is dated today.
    @discardableResult
    func save(_ input: Input, account: NewMediaAccount?, organisationID: Int, actor: AuditActor) async throws -> NewMediaAccount {
        var errors = input.validate(today: services.clock.today())
        if let target = input.mergedInto {
            if target == account?.id { errors["merged_into"] = "不能整合到本账号" }
            else if try await NewMediaAccount.find(target, on: services.db) == nil { errors["merged_into"] = "所选账号不存在" }
        }
        guard errors.isEmpty else { throw Failure.invalid(errors) }
        let a = account ?? NewMediaAccount()
        let isNew = account == nil
        var changes: [FieldChange] = []
        if isNew {
            a.id = UUID()
            a.organisationID = organisationID
            a.previousName = ""
            a.statusChangedOn = ""
        } else {
            if a.name != input.name {
                changes.append(.init(field: "name", before: a.name, after: input.name))
                a.previousName = a.name
            }
            if a.status != input.status {
                changes.append(.init(field: "status", before: a.status, after: input.status))
                a.statusChangedOn = services.clock.today().description
            }
        }
        a.platform = input.platform
        a.name = input.name
        a.handle = input.handle
        a.operatorName = input.operatorName
        a.openedOn = input.openedOn
        a.filedOn = input.filedOn
        a.status = input.status
        a.mergedInto = input.status == "merged" ? input.mergedInto : nil
        a.statusFiled = input.statusFiled
        a.renameFiled = input.renameFiled
        a.lastUpdateOn = input.lastUpdateOn
        a.feedURL = input.feedURL
        a.interaction = input.interaction
        a.updatedAt = services.clock.now()
        let audit = services.audit
        let recorded = changes
        try await services.db.transaction { db in
            try await a.save(on: db)
            try await audit.record(on: db, actor: actor, organisationID: a.organisationID, entity: .newMediaAccount, entityID: "\(a.platform)·\(a.name)",
                                   action: isNew ? "登记账号" : "修改账号", changes: recorded)
        }
        return a
    }

    /// The accounts an item was meant for, replaced by `accounts`.
    func setSync(item: InformationItem, accounts: [UUID], actor: AuditActor) async throws {
        let id = try item.requireID()
        let allowed = Set(try await offered(for: item).compactMap(\.id))
        guard accounts.allSatisfy(allowed.contains) else { throw Failure.invalid(["accounts": "只能选择本单位及上级单位的正常账号"]) }
        let before = try await NewMediaSync.query(on: services.db).filter(\.$itemID == id).all()
        let audit = services.audit
        let now = services.clock.now()
        try await services.db.transaction { db in
            try await NewMediaSync.query(on: db).filter(\.$itemID == id).delete()
            for a in Set(accounts) {
                let s = NewMediaSync()
                s.id = UUID(); s.itemID = id; s.accountID = a; s.markedBy = actor.name; s.markedAt = now
                try await s.create(on: db)
            }
            try await audit.record(on: db, actor: actor, organisationID: item.organisationID, entity: .newMediaAccount, entityID: item.indexNumber,
                                   action: "同步至新媒体", changes: [.init(field: "accounts", before: "\(before.count)个", after: "\(Set(accounts).count)个")])
        }
    }

    /// Accounts an item may be sent to: the active accounts of its organisation and of the
    /// organisations above it.
    func offered(for item: InformationItem) async throws -> [NewMediaAccount] {
        guard let org = try await Organisation.find(item.organisationID, on: services.db) else { return [] }
        return try await NewMediaAccount.query(on: services.db).filter(\.$organisationID ~~ org.ancestry.ids).filter(\.$status == "normal").sort(\.$name).all()
    }

    /// Active accounts with at least one alert, among those the policy covers.
    func alerts(visibleTo policy: AccessPolicy) async throws -> [(NewMediaAccount, [NewMediaAlert])] {
        let visible = try await OrganisationQueries.tree(visibleTo: policy, roles: Self.viewers, on: services.db).compactMap(\.node.id)
        let today = services.clock.today()
        return try await NewMediaAccount.query(on: services.db).filter(\.$organisationID ~~ visible).all().compactMap { a in
            let alerts = NewMediaAlert.alerts(a.alertInput, today: today, staleDays: services.config.monitor.newMediaStaleDays)
            return alerts.isEmpty ? nil : (a, alerts)
        }
    }

    /// Once a day, accounts that offer a feed get their last update date from it.
    static let feedJob = BackgroundJob(name: "new-media-feeds") { ctx in
        let services = ctx.services
        let cutoff = services.clock.now().addingTimeInterval(-20 * 3600)
        let accounts = try await NewMediaAccount.query(on: services.db).filter(\.$feedURL != "").filter(\.$status == "normal")
            .filter(\.$updatedAt < cutoff).limit(50).all()
        var fetcher = PageFetcher()
        fetcher.allowPrivate = services.config.monitor.privateAddresses
        fetcher.maxBytes = 1_000_000
        var read = 0
        for a in accounts {
            a.updatedAt = services.clock.now()
            if let r = try? await fetcher.fetch(a.feedURL), r.status == 200, let newest = FeedDates.newest(String(decoding: r.body, as: UTF8.self)) {
                let day = SiteClock.day(of: newest)
                if day <= services.clock.today(), CivilDate(iso: a.lastUpdateOn).map({ $0 < day }) ?? true {
                    a.lastUpdateOn = day.description
                    read += 1
                }
            }
            try await a.update(on: services.db)
        }
        return JobOutcome(count: read, summary: "政务新媒体：从订阅源更新\(read)个账号的最近更新日期")
    }
}
