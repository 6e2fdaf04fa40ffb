import FluentKit
import Foundation
import GongkaiDomain

/// One task of the year's plan (任务分解表 row, a manual entry, or a 联席会议 议定事项).
final class PlanTask: Model, @unchecked Sendable {
    static let schema = "plan_tasks"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    /// 序号 in the ledger of the year.
    @Field(key: "number") var number: Int
    @Field(key: "category") var category: String
    @Field(key: "title") var title: String
    @Field(key: "requirements") var requirements: String
    @Field(key: "plan_text") var planText: String
    /// The 责任单位 cell as written (the matched units are in `plan_task_units`).
    @Field(key: "units_text") var unitsText: String
    /// by, continuous, monthly, quarterly.
    @Field(key: "deadline_kind") var deadlineKind: String
    @OptionalField(key: "due_on") var dueOn: String?
    @Field(key: "deadline_text") var deadlineText: String
    /// import, manual, meeting.
    @Field(key: "source") var source: String
    @OptionalField(key: "meeting_id") var meetingID: UUID?
    @Field(key: "note") var note: String
    @OptionalField(key: "completed_on") var completedOn: String?
    @Field(key: "created_on") var createdOn: String
    @Field(key: "created_at") var createdAt: Date
    init() {}

    var deadline: TaskDeadline {
        switch deadlineKind {
        case "continuous": return .continuous
        case "monthly": return .monthly
        case "quarterly": return .quarterly
        default: return dueOn.flatMap(CivilDate.init(iso:)).map(TaskDeadline.by) ?? .continuous
        }
    }

    func setDeadline(_ d: TaskDeadline) {
        switch d {
        case .by(let day): deadlineKind = "by"; dueOn = day.description
        case .continuous: deadlineKind = "continuous"; dueOn = nil
        case .monthly: deadlineKind = "monthly"; dueOn = nil
        case .quarterly: deadlineKind = "quarterly"; dueOn = nil
        }
    }

    var completedDay: CivilDate? { completedOn.flatMap(CivilDate.init(iso:)) }
    var createdDay: CivilDate { CivilDate(iso: createdOn) ?? CivilDate(year: year, month: 1, day: 1)! }
}

/// A unit responsible for a task: the lead units report it done; participants report their part.
final class PlanTaskUnit: Model, @unchecked Sendable {
    static let schema = "plan_task_units"
    @ID(key: .id) var id: UUID?
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "lead") var lead: Bool
    init() {}
}

/// A unit's progress report on a task, with its evidence: a published item of the site, a link,
/// or an uploaded file (kept once by content in `stored_files`).
final class PlanProgress: Model, @unchecked Sendable {
    static let schema = "plan_progress"
    @ID(key: .id) var id: UUID?
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "organisation_id") var organisationID: Int
    @Field(key: "body") var body: String
    @OptionalField(key: "item_id") var itemID: UUID?
    @Field(key: "link") var link: String
    @OptionalField(key: "file_sha256") var fileSHA256: String?
    @Field(key: "file_name") var fileName: String
    @Field(key: "file_type") var fileType: String
    @Field(key: "marks_done") var marksDone: Bool
    @Field(key: "reported_on") var reportedOn: String
    @Field(key: "reported_by") var reportedBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}

    var evidenceCount: Int { (itemID == nil ? 0 : 1) + (link.isEmpty ? 0 : 1) + (fileSHA256 == nil ? 0 : 1) }
}

/// A 督查 note of the disclosure office on a task.
final class PlanNote: Model, @unchecked Sendable {
    static let schema = "plan_notes"
    @ID(key: .id) var id: UUID?
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "body") var body: String
    @Field(key: "author") var author: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A 回头看 taken on a day: every task of the year with its evidence and verdict, kept as it was.
final class PlanReview: Model, @unchecked Sendable {
    static let schema = "plan_reviews"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "review_day") var reviewDay: String
    @Field(key: "title") var title: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

final class PlanReviewEntry: Model, @unchecked Sendable {
    static let schema = "plan_review_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "review_id") var reviewID: UUID
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "units") var units: String
    @Field(key: "deadline") var deadline: String
    @Field(key: "verdict") var verdict: String
    @Field(key: "evidence") var evidence: String
    init() {}

    var verdictValue: LookBackVerdict? { LookBackVerdict(rawValue: verdict) }
}

/// An uploaded task table between reading and importing: kept while the office maps the unit
/// names the matcher could not place, then deleted.
final class PlanImportDraft: Model, @unchecked Sendable {
    static let schema = "plan_import_drafts"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "file_name") var fileName: String
    @Field(key: "cells_json") var cellsJSON: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A reminder or escalation sent for a task or a rectification (`TaskReminder.key`).
final class PlanReminderRecord: Model, @unchecked Sendable {
    static let schema = "plan_reminders"
    @ID(key: .id) var id: UUID?
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "stage") var stage: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
