import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// The ordered list of every schema migration. Append only: a shipped migration is never edited;
/// change the schema with a new one at the end.
public enum AppMigrations {
    public static let all: [any Migration] = [
        M001CreateOrganisations(),
        M002CreateStaff(),
        M003CreateSessions(),
        M004CreateAudit(),
        M005CreateHolidayCalendar(),
        M006CreateApplications(),
        M007AddFeeAmount(),
        M008AddHandlingOrganisation(),
        M009CreateReviewProceedings(),
        M010CreateMailOutbox(),
        M011CreateLetterTemplates(),
        M012CreateInformationItems(),
        M013CreatePublishingSettings(),
        M014AddInterpretationFields(),
        M015CreateCleanupCampaigns(),
        M016CreateAttachments(),
        M017CreateLinkChecks(),
        M018CreateAnnualReports(),
        M019CreateSearchIndex(),
        M020CreateCatalogue(),
        M021SearchIndexTwo(),
        M022ColumnListing(),
        M023SearchTitles(),
        M024AttachmentText(),
        M025CreateItemChanges(),
        M026SensitiveWordStarterList(),
        M027TOTPLastStep(),
        M028CreateHealthProbe(),
        M029ReplyLetterDetails(),
        M030CatalogueDomainsAndReview(),
    ]
}

struct M001CreateOrganisations: AsyncMigration {
    var name: String { "M001CreateOrganisations" }

    func prepare(on db: any Database) async throws {
        try await db.schema("organisations")
            .field("id", .int, .identifier(auto: true))
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("kind", .string, .required)
            .field("parent_id", .int, .references("organisations", "id"))
            .field("path", .string, .required)
            .field("sort_order", .int, .required)
            .field("credit_code", .string)
            .field("division_code", .string)
            .field("office_name", .string, .required)
            .field("office_address", .string, .required)
            .field("office_hours", .string, .required)
            .field("office_phone", .string, .required)
            .field("office_fax", .string, .required)
            .field("office_email", .string, .required)
            .field("office_web", .string, .required)
            .field("functions_text", .string, .required)
            .field("structure_text", .string, .required)
            .field("head_name", .string, .required)
            .field("guide_text", .string, .required)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "credit_code")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("organisations").delete()
    }
}

struct M002CreateStaff: AsyncMigration {
    var name: String { "M002CreateStaff" }

    func prepare(on db: any Database) async throws {
        try await db.schema("staff_users")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("password_hash", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("is_active", .bool, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("totp_secret", .string)
            .field("totp_enabled", .bool, .required)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await db.schema("role_assignments")
            .id()
            .field("user_id", .uuid, .required, .references("staff_users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("includes_subtree", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "user_id", "role", "organisation_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("role_assignments").delete()
        try await db.schema("staff_users").delete()
    }
}

struct M003CreateSessions: AsyncMigration {
    var name: String { "M003CreateSessions" }

    func prepare(on db: any Database) async throws {
        try await db.schema("staff_sessions")
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references("staff_users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("mfa_pending", .bool, .required)
            .field("client_address", .string, .required)
            .field("user_agent", .string, .required)
            .unique(on: "token_hash")
            .create()
        try await db.schema("login_attempts")
            .id()
            .field("username", .string, .required)
            .field("client_address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_attempts").delete()
        try await db.schema("staff_sessions").delete()
    }
}

struct M004CreateAudit: AsyncMigration {
    var name: String { "M004CreateAudit" }

    func prepare(on db: any Database) async throws {
        try await db.schema("audit_records")
            .id()
            .field("seq", .int, .required)
            .field("occurred_at", .string, .required)
            .field("actor_id", .string)
            .field("actor_name", .string, .required)
            .field("client_address", .string, .required)
            .field("organisation_id", .int)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("action", .string, .required)
            .field("changes", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_records").delete()
    }
}

struct M005CreateHolidayCalendar: AsyncMigration {
    var name: String { "M005CreateHolidayCalendar" }

    func prepare(on db: any Database) async throws {
        try await db.schema("holiday_years")
            .id()
            .field("year", .int, .required)
            .field("source", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "year")
            .create()
        try await db.schema("holiday_days")
            .id()
            .field("year", .int, .required)
            .field("day", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "day")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("holiday_days").delete()
        try await db.schema("holiday_years").delete()
    }
}

struct M006CreateApplications: AsyncMigration {
    var name: String { "M006CreateApplications" }

    func prepare(on db: any Database) async throws {
        try await db.schema("information_applications")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("registration_number", .string, .required)
            .field("year", .int, .required)
            .field("serial", .int, .required)
            .field("query_code_hash", .string, .required)
            .field("channel", .string, .required)
            .field("status", .string, .required)
            .field("submitted_at", .datetime, .required)
            .field("receipt_date", .string)
            .field("client_address", .string, .required)
            .field("applicant_kind", .string, .required)
            .field("name", .string, .required)
            .field("contact_person", .string, .required)
            .field("id_kind", .string, .required)
            .field("id_number", .string, .required)
            .field("phone", .string, .required)
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("postcode", .string, .required)
            .field("description", .string, .required)
            .field("document_number", .string, .required)
            .field("requested_form", .string, .required)
            .field("obtaining_way", .string, .required)
            .field("outcome", .string)
            .field("decided_on", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "registration_number")
            .unique(on: "organisation_id", "year", "serial")
            .create()
        try await db.schema("application_events")
            .id()
            .field("application_id", .uuid, .required, .references("information_applications", "id"))
            .field("seq", .int, .required)
            .field("step", .string, .required)
            .field("effective_on", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("actor_name", .string, .required)
            .field("note", .string, .required)
            .field("deadline", .string)
            .field("days", .int)
            .field("code", .string)
            .unique(on: "application_id", "seq")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("application_events").delete()
        try await db.schema("information_applications").delete()
    }
}

/// The amount of a 收费通知 (yuan) on the timeline step that issued it.
struct M007AddFeeAmount: AsyncMigration {
    var name: String { "M007AddFeeAmount" }

    func prepare(on db: any Database) async throws {
        try await db.schema("application_events").field("amount", .int).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("application_events").deleteField("amount").update()
    }
}

/// The department a case is assigned to by the disclosure office (签收/退回).
struct M008AddHandlingOrganisation: AsyncMigration {
    var name: String { "M008AddHandlingOrganisation" }

    func prepare(on db: any Database) async throws {
        try await db.schema("information_applications").field("handling_organisation_id", .int).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("information_applications").deleteField("handling_organisation_id").update()
    }
}

struct M009CreateReviewProceedings: AsyncMigration {
    var name: String { "M009CreateReviewProceedings" }

    func prepare(on db: any Database) async throws {
        try await db.schema("review_proceedings")
            .id()
            .field("application_id", .uuid, .required, .references("information_applications", "id"))
            .field("kind", .string, .required)
            .field("filed_on", .string, .required)
            .field("body", .string, .required)
            .field("concluded_on", .string)
            .field("result", .string)
            .field("note", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("review_proceedings").delete()
    }
}

/// Outgoing mail (stored before delivery) and the deadline messages already sent.
struct M010CreateMailOutbox: AsyncMigration {
    var name: String { "M010CreateMailOutbox" }

    func prepare(on db: any Database) async throws {
        try await db.schema("mail_outbox")
            .id()
            .field("recipient", .string, .required)
            .field("recipient_name", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("purpose", .string, .required)
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("created_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime)
            .field("sent_at", .datetime)
            .field("failed_at", .datetime)
            .field("last_error", .string, .required)
            .field("claimed_until", .datetime)
            .field("claim_token", .string)
            .create()
        try await db.schema("deadline_reminders")
            .id()
            .field("application_id", .uuid, .required, .references("information_applications", "id"))
            .field("kind", .string, .required)
            .field("due_date", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "application_id", "kind", "due_date")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("deadline_reminders").delete()
        try await db.schema("mail_outbox").delete()
    }
}

/// An organisation's own text for a standard document (one row per organisation and slot).
struct M011CreateLetterTemplates: AsyncMigration {
    var name: String { "M011CreateLetterTemplates" }

    func prepare(on db: any Database) async throws {
        try await db.schema("letter_templates")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("slot", .string, .required)
            .field("body", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "organisation_id", "slot")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("letter_templates").delete()
    }
}

/// Government information items, their history and their corrected versions.
struct M012CreateInformationItems: AsyncMigration {
    var name: String { "M012CreateInformationItems" }

    func prepare(on db: any Database) async throws {
        try await db.schema("information_items")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("index_number", .string, .required)
            .field("year", .int, .required)
            .field("serial", .int, .required)
            .field("title", .string, .required)
            .field("document_number", .string, .required)
            .field("co_issuers", .string, .required)
            .field("written_on", .string, .required)
            .field("formed_on", .string, .required)
            .field("kind", .string, .required)
            .field("genre", .string, .required)
            .field("topic", .string, .required)
            .field("keywords", .string, .required)
            .field("summary", .string, .required)
            .field("body_html", .string, .required)
            .field("columns", .string, .required)
            .field("attribute", .string, .required)
            .field("ground", .string)
            .field("ground_reason", .string, .required)
            .field("reevaluate_on", .string)
            .field("validity", .string, .required)
            .field("effective_on", .string)
            .field("expires_on", .string)
            .field("successor_id", .uuid)
            .field("interprets_id", .uuid)
            .field("status", .string, .required)
            .field("review_step", .int)
            .field("publish_at", .datetime)
            .field("published_at", .datetime)
            .field("author_id", .uuid, .required)
            .field("author_name", .string, .required)
            .field("override_reason", .string)
            .field("override_by", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "index_number")
            .unique(on: "organisation_id", "year", "serial")
            .create()
        try await db.schema("item_events")
            .id()
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("seq", .int, .required)
            .field("action", .string, .required)
            .field("actor_name", .string, .required)
            .field("note", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await db.schema("check_terms")
            .id()
            .field("list", .string, .required)
            .field("term", .string, .required)
            .field("value", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "list", "term")
            .create()
        // The typo list ships with a starter set the administrators extend.
        for pair in TypoCheck.starterList {
            let t = CheckTerm()
            t.id = UUID()
            t.list = CheckTerm.List.typo.rawValue
            t.term = pair.wrong
            t.value = pair.right
            t.createdAt = Date()
            try await t.create(on: db)
        }
        try await db.schema("item_versions")
            .id()
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("version", .int, .required)
            .field("title", .string, .required)
            .field("body_html", .string, .required)
            .field("reason", .string, .required)
            .field("corrected_at", .datetime, .required)
            .field("corrected_by", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("item_versions").delete()
        try await db.schema("check_terms").delete()
        try await db.schema("item_events").delete()
        try await db.schema("information_items").delete()
    }
}

/// Per-organisation publishing settings (索引号 pattern, review steps, 三同步 rule); inherited down the tree.
struct M013CreatePublishingSettings: AsyncMigration {
    var name: String { "M013CreatePublishingSettings" }

    func prepare(on db: any Database) async throws {
        try await db.schema("publishing_settings")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("index_pattern", .string, .required)
            .field("review_steps", .string, .required)
            .field("interpretation_rule", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "organisation_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("publishing_settings").delete()
    }
}

/// 政策解读: form, Q&A text, media link; and the 三同步 mark on policies.
struct M014AddInterpretationFields: AsyncMigration {
    var name: String { "M014AddInterpretationFields" }

    func prepare(on db: any Database) async throws {
        // One column per ALTER: SQLite adds a single column per statement.
        try await db.schema("information_items").field("needs_interpretation", .bool, .required, .sql(.default(false))).update()
        try await db.schema("information_items").field("interpretation_form", .string).update()
        try await db.schema("information_items").field("qa_text", .string).update()
        try await db.schema("information_items").field("media_url", .string).update()
    }

    func revert(on db: any Database) async throws {
        for f in ["needs_interpretation", "interpretation_form", "qa_text", "media_url"] {
            try await db.schema("information_items").deleteField(.string(f)).update()
        }
    }
}

/// Policy-document cleanups (文件清理): a campaign over an organisation's subtree and one decision per document.
struct M015CreateCleanupCampaigns: AsyncMigration {
    var name: String { "M015CreateCleanupCampaigns" }

    func prepare(on db: any Database) async throws {
        try await db.schema("cleanup_campaigns")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("status", .string, .required)
            .field("notice_item_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .create()
        try await db.schema("cleanup_decisions")
            .id()
            .field("campaign_id", .uuid, .required, .references("cleanup_campaigns", "id"))
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("decision", .string, .required)
            .field("note", .string, .required)
            .field("decided_by", .string, .required)
            .field("decided_at", .datetime, .required)
            .unique(on: "campaign_id", "item_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("cleanup_decisions").delete()
        try await db.schema("cleanup_campaigns").delete()
    }
}

/// Uploaded files, stored once by content hash in the database (so every app instance sees them and
/// backups include them), and the attachments of items that point to them.
struct M016CreateAttachments: AsyncMigration {
    var name: String { "M016CreateAttachments" }

    func prepare(on db: any Database) async throws {
        try await db.schema("stored_files")
            .id()
            .field("sha256", .string, .required)
            .field("size", .int, .required)
            .field("type", .string, .required)
            .field("data", .data, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "sha256")
            .create()
        try await db.schema("item_attachments")
            .id()
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("sha256", .string, .required)
            .field("display_name", .string, .required)
            .field("type", .string, .required)
            .field("size", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("item_attachments").delete()
        try await db.schema("stored_files").delete()
    }
}

/// Results of the background check of links in published items.
struct M017CreateLinkChecks: AsyncMigration {
    var name: String { "M017CreateLinkChecks" }

    func prepare(on db: any Database) async throws {
        try await db.schema("link_checks")
            .id()
            .field("url", .string, .required)
            .field("working", .bool, .required)
            .field("detail", .string, .required)
            .field("checked_at", .datetime, .required)
            .unique(on: "url")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("link_checks").delete()
    }
}

/// Annual reports (one per organisation and year) and their corrections after publication.
struct M018CreateAnnualReports: AsyncMigration {
    var name: String { "M018CreateAnnualReports" }

    func prepare(on db: any Database) async throws {
        try await db.schema("annual_reports")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("year", .int, .required)
            .field("format", .string, .required)
            .field("overview", .string, .required)
            .field("problems", .string, .required)
            .field("other_matters", .string, .required)
            .field("entered_json", .string, .required)
            .field("status", .string, .required)
            .field("snapshot_json", .string)
            .field("published_at", .datetime)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "organisation_id", "year")
            .create()
        try await db.schema("annual_report_corrections")
            .id()
            .field("report_id", .uuid, .required, .references("annual_reports", "id"))
            .field("note", .string, .required)
            .field("corrected_at", .datetime, .required)
            .field("corrected_by", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("annual_report_corrections").delete()
        try await db.schema("annual_reports").delete()
    }
}

/// The full-text index of public items: an FTS5 table on SQLite, tsvector columns with GIN indexes
/// on PostgreSQL (both written by the search capability; DDL differs, so it is chosen here).
struct M019CreateSearchIndex: AsyncMigration {
    var name: String { "M019CreateSearchIndex" }

    // The first index layout, kept as shipped in SQL; M021 replaces it and indexes every public item,
    // so the backfill this migration used to run is left to M021.
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let statements = sql.dialect.name == "postgresql" ? [
            "CREATE TABLE IF NOT EXISTS item_search (item_id uuid PRIMARY KEY, uni tsvector NOT NULL, bi tsvector NOT NULL)",
            "CREATE INDEX IF NOT EXISTS item_search_uni ON item_search USING gin (uni)",
            "CREATE INDEX IF NOT EXISTS item_search_bi ON item_search USING gin (bi)",
        ] : ["CREATE VIRTUAL TABLE IF NOT EXISTS item_search USING fts5(item_id UNINDEXED, title_uni, title_bi, text_uni, text_bi, tokenize = 'unicode61 remove_diacritics 0')"]
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS item_search").run()
    }
}

/// 政务公开事项标准目录: rows per organisation and domain, every change as a numbered version, and
/// the links from information items to the rows they fulfil.
struct M020CreateCatalogue: AsyncMigration {
    var name: String { "M020CreateCatalogue" }

    func prepare(on db: any Database) async throws {
        try await db.schema("catalogue_items")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("domain", .string, .required)
            .field("position", .int, .required)
            .field("row_json", .string, .required)
            .field("active", .bool, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await db.schema("catalogue_versions")
            .id()
            .field("organisation_id", .int, .required, .references("organisations", "id"))
            .field("domain", .string, .required)
            .field("version", .int, .required)
            .field("summary", .string, .required)
            .field("rows_json", .string, .required)
            .field("changed_at", .datetime, .required)
            .field("changed_by", .string, .required)
            .unique(on: "organisation_id", "domain", "version")
            .create()
        try await db.schema("item_catalogue_links")
            .id()
            .field("item_id", .uuid, .required, .references("information_items", "id"))
            .field("catalogue_item_id", .uuid, .required, .references("catalogue_items", "id"))
            .unique(on: "item_id", "catalogue_item_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("item_catalogue_links").delete()
        try await db.schema("catalogue_versions").delete()
        try await db.schema("catalogue_items").delete()
    }
}

/// The search index, second layout: one term per character (bigrams plus each run's last
/// character) instead of separate unigram and bigram columns, contentless on SQLite, facet terms
/// for filters, and document numbers in insertion order for "newest first". Rebuilt from the items.
struct M021SearchIndexTwo: AsyncMigration {
    var name: String { "M021SearchIndexTwo" }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS item_search").run()
        let statements = sql.dialect.name == "postgresql" ? PostgresSearchIndex.createSQL : SQLiteSearchIndex.createSQL
        for statement in statements { try await sql.raw(SQLQueryString(statement)).run() }
        _ = try await SearchService.reindexAll(on: db)
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP TABLE IF EXISTS item_search").run()
        try await sql.raw("DROP TABLE IF EXISTS item_search_keys").run()
        try await sql.raw("DROP TABLE IF EXISTS item_search_titles").run()
    }
}

/// The column listing (public items per organisation and column, newest first) and the indexes
/// the pages need at a million items (every lookup by item, the next 索引号 serial).
struct M022ColumnListing: AsyncMigration {
    var name: String { "M022ColumnListing" }

    static let indexes = [
        "CREATE INDEX information_items_org_year_serial ON information_items (organisation_id, year, serial)",
        "CREATE INDEX information_items_interprets ON information_items (interprets_id)",
        "CREATE INDEX information_items_published ON information_items (published_at)",
        "CREATE INDEX item_events_item ON item_events (item_id, seq)",
        "CREATE INDEX item_versions_item ON item_versions (item_id)",
        "CREATE INDEX item_attachments_item ON item_attachments (item_id)",
    ]

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let uuid = sql.dialect.name == "postgresql" ? "uuid" : "TEXT"
        try await sql.raw(SQLQueryString("CREATE TABLE public_column_entries (item_id \(uuid) NOT NULL, organisation_id INTEGER NOT NULL, column_key TEXT NOT NULL, published_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (item_id, column_key))")).run()
        try await sql.raw("CREATE INDEX public_column_entries_list ON public_column_entries (organisation_id, column_key, published_at)").run()
        for statement in Self.indexes { try await sql.raw(SQLQueryString(statement)).run() }
        try await ColumnListing.rebuild(on: db)
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for name in ["information_items_org_year_serial", "information_items_interprets", "information_items_published", "item_events_item", "item_versions_item", "item_attachments_item"] {
            try await sql.raw(SQLQueryString("DROP INDEX IF EXISTS \(name)")).run()
        }
        try await sql.raw("DROP TABLE IF EXISTS public_column_entries").run()
    }
}

/// SQLite: the title index (M021 creates it with the others) filled for databases indexed before
/// it existed, from the items already in the index. A no-op everywhere else (and on PostgreSQL,
/// which has a title vector).
struct M023SearchTitles: AsyncMigration {
    var name: String { "M023SearchTitles" }

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        try await sql.raw(SQLQueryString(SQLiteSearchIndex.titlesSQL)).run()
        guard try await sql.raw("SELECT rowid FROM item_search_titles LIMIT 1").first() == nil else { return }
        var last = 0
        while true {
            let keys = try await sql.raw("SELECT doc, item_id FROM item_search_keys WHERE doc > \(bind: last) ORDER BY doc LIMIT 500").all()
            guard !keys.isEmpty else { break }
            var docOf: [UUID: Int] = [:]
            for k in keys {
                let doc = try k.decode(column: "doc", as: Int.self)
                if let id = UUID(uuidString: try k.decode(column: "item_id", as: String.self)) { docOf[id] = doc }
                last = max(last, doc)
            }
            let items = try await InformationItem.query(on: db).filter(\.$id ~~ Array(docOf.keys))
                .field(\.$id).field(\.$title).field(\.$organisationID).field(\.$kind).field(\.$topic).field(\.$validity).field(\.$writtenOn).all()
            try await SQLBatch.insert(items, into: "INSERT INTO item_search_titles (rowid, title, meta) VALUES ", chunk: 500, on: sql) { i in
                let facets = SearchFacets.terms(organisationID: i.organisationID, kind: i.kind, topic: i.topic, validity: i.validity, writtenOn: i.writtenOn)
                return "(\(bind: docOf[i.id!]!), \(bind: SearchTokenizer.indexTerms(i.title)), \(bind: facets))"
            }
        }
    }

    func revert(on db: any Database) async throws {}
}
