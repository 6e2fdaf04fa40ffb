import FluentKit
import Foundation
import GongkaiDomain

/// A site the county watches besides the portal (its own old CMS, a department's site).
final class MonitorSite: Model, @unchecked Sendable {
    static let schema = "monitor_sites"
    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "base_url") var baseURL: String
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "active") var active: Bool
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// One crawl of one site ("portal" or a `MonitorSite` id): pages are worked off in passes, so a
/// run stopped by a restart goes on where it was.
final class MonitorRun: Model, @unchecked Sendable {
    static let schema = "monitor_runs"
    @ID(key: .id) var id: UUID?
    @Field(key: "site_key") var siteKey: String
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?
    /// running, finished.
    @Field(key: "status") var status: String
    @Field(key: "trigger") var trigger: String
    @Field(key: "pages") var pages: Int
    /// Problems found, by kind (JSON), once finished.
    @Field(key: "counts_json") var countsJSON: String
    init() {}
}

/// A page (or link target) a run has to fetch or has fetched; the first page that linked to it
/// and the anchor text are kept to say where a dead link occurs.
final class MonitorPage: Model, @unchecked Sendable {
    static let schema = "monitor_pages"
    @ID(key: .id) var id: UUID?
    @Field(key: "run_id") var runID: UUID
    @Field(key: "url") var url: String
    @Field(key: "depth") var depth: Int
    /// pending, done, robots (not fetched: disallowed), external (checked, not read).
    @Field(key: "state") var state: String
    @Field(key: "internal") var isInternal: Bool
    @Field(key: "found_on") var foundOn: String
    @Field(key: "anchor") var anchor: String
    @Field(key: "status_code") var statusCode: Int
    @Field(key: "error") var error: String
    init() {}
}

/// One problem in the indicators' terms, kept across runs by its fingerprint (kind, page,
/// target): when it was first and last seen, and what the office did about it.
final class MonitorProblem: Model, @unchecked Sendable {
    static let schema = "monitor_problems"
    @ID(key: .id) var id: UUID?
    @Field(key: "site_key") var siteKey: String
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "kind") var kind: String
    @Field(key: "page_url") var pageURL: String
    @Field(key: "target") var target: String
    @Field(key: "detail") var detail: String
    @Field(key: "fingerprint") var fingerprint: String
    @Field(key: "first_run_id") var firstRunID: UUID
    @Field(key: "last_run_id") var lastRunID: UUID
    @Field(key: "first_seen_at") var firstSeenAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// open, assigned, fixed (the unit says so), resolved (a check no longer finds it).
    @Field(key: "status") var status: String
    @Field(key: "assignee") var assignee: String
    @Field(key: "note") var note: String
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    init() {}

    var kindValue: InspectionProblemKind? { InspectionProblemKind(rawValue: kind) }
    var isOpen: Bool { status != "resolved" }
}

/// One availability probe of a home page.
final class MonitorProbe: Model, @unchecked Sendable {
    static let schema = "monitor_probes"
    @ID(key: .id) var id: UUID?
    @Field(key: "site_key") var siteKey: String
    @Field(key: "at") var at: Date
    @Field(key: "ok") var ok: Bool
    @Field(key: "milliseconds") var milliseconds: Int
    @Field(key: "detail") var detail: String
    init() {}
}

/// A 政务新媒体 account of the county.
final class NewMediaAccount: Model, @unchecked Sendable {
    static let schema = "new_media_accounts"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "platform") var platform: String
    @Field(key: "name") var name: String
    @Field(key: "handle") var handle: String
    @Field(key: "operator") var operatorName: String
    @Field(key: "opened_on") var openedOn: String
    @Field(key: "filed_on") var filedOn: String
    /// normal, closed, merged.
    @Field(key: "status") var status: String
    @OptionalField(key: "merged_into") var mergedInto: UUID?
    @Field(key: "status_changed_on") var statusChangedOn: String
    @Field(key: "status_filed") var statusFiled: Bool
    @Field(key: "previous_name") var previousName: String
    @Field(key: "rename_filed") var renameFiled: Bool
    @Field(key: "last_update_on") var lastUpdateOn: String
    @Field(key: "feed_url") var feedURL: String
    @Field(key: "interaction") var interaction: Bool
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    var isActive: Bool { status == "normal" }
    var alertInput: NewMediaAlert.Account {
        NewMediaAlert.Account(active: isActive, lastUpdate: CivilDate(iso: lastUpdateOn), interaction: interaction, responsiblePerson: operatorName,
                              renamed: !previousName.isEmpty, renameFiled: renameFiled, closedFiled: statusFiled)
    }
}

/// An item published through the review flow that was meant for an account (同步至).
final class NewMediaSync: Model, @unchecked Sendable {
    static let schema = "new_media_syncs"
    @ID(key: .id) var id: UUID?
    @Field(key: "item_id") var itemID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "marked_by") var markedBy: String
    @Field(key: "marked_at") var markedAt: Date
    init() {}
}

/// A matter an organisation does not disclose (负面清单), with its legal ground.
final class NegativeListEntry: Model, @unchecked Sendable {
    static let schema = "negative_list_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "matter") var matter: String
    @Field(key: "ground") var ground: String
    @Field(key: "basis") var basis: String
    @Field(key: "scope") var scope: String
    @Field(key: "reviewed_on") var reviewedOn: String
    @Field(key: "published") var published: Bool
    @Field(key: "updated_at") var updatedAt: Date
    init() {}

    var groundValue: NonDisclosureGround? { NonDisclosureGround(rawValue: ground) }
}

/// A withheld item or an application answered 不予公开 that cites a 负面清单 entry.
final class NegativeListCitation: Model, @unchecked Sendable {
    static let schema = "negative_list_citations"
    @ID(key: .id) var id: UUID?
    @Field(key: "entry_id") var entryID: UUID
    /// item, application.
    @Field(key: "target_kind") var targetKind: String
    @Field(key: "target_id") var targetID: String
    @Field(key: "cited_by") var citedBy: String
    @Field(key: "cited_at") var citedAt: Date
    init() {}
}
