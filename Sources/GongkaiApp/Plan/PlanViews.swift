import Foundation
import GongkaiDomain

/// View models of the ledger pages (query → view model → template).
enum PlanViews {
    struct Count: Sendable {
        let label: String
        let count: Int
        let href: String
    }

    struct TaskRow: Sendable {
        let number: Int
        let category: String
        let title: String
        let href: String
        let leads: String
        let participants: String?
        let deadline: String
        let status: String
        let isOverdue: Bool
        let isDone: Bool
        let lastReport: String?
    }

    struct TaskForm: Sendable {
        let action: String
        let isNew: Bool
        let year: String
        let category: String
        let title: String
        let requirements: String
        let units: String
        let deadline: String
        let note: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]

        init(action: String, isNew: Bool, input: PlanLedgerDesk.TaskInput, errors: [String: String]) {
            self.action = action
            self.isNew = isNew
            year = input.year
            category = input.category
            title = input.title
            requirements = input.requirements
            units = input.units
            deadline = input.deadline
            note = input.note
            self.errors = errors
            hasErrors = !errors.isEmpty
            errorList = errors.keys.sorted().compactMap { errors[$0] }
        }
    }

    struct ReviewLink: Sendable {
        let title: String
        let day: String
        let href: String
    }

    struct LedgerView: Sendable {
        let chrome: PageChrome
        let year: Int
        let years: [OptionItem]
        let units: [OptionItem]
        let statuses: [OptionItem]
        let counts: [Count]
        let rows: [TaskRow]
        let hasRows: Bool
        let isOffice: Bool
        let form: TaskForm
        let reviews: [ReviewLink]
        let hasReviews: Bool
        let reviewDay: String
        let reviewErrors: [String: String]
        let exportHref: String
    }

    struct Evidence: Sendable {
        let label: String
        let href: String
    }

    struct ReportRow: Sendable {
        let day: String
        let unit: String
        let by: String
        let body: String
        let marksDone: Bool
        let evidence: [Evidence]
        let hasEvidence: Bool
    }

    struct NoteRow: Sendable {
        let at: String
        let author: String
        let body: String
    }

    struct ReportForm: Sendable {
        let action: String
        let units: [OptionItem]
        let items: [OptionItem]
        let canMarkDone: Bool
        let body: String
        let link: String
        let errors: [String: String]
        let hasErrors: Bool
        let errorList: [String]
    }

    struct TaskView: Sendable {
        let chrome: PageChrome
        let number: Int
        let year: Int
        let category: String?
        let title: String
        let requirements: String?
        let plan: String?
        let unitsText: String
        let leads: String
        let participants: String?
        let deadline: String
        let status: String
        let isOverdue: Bool
        let completedOn: String?
        let source: String
        let note: String?
        let reports: [ReportRow]
        let hasReports: Bool
        let notes: [NoteRow]
        let hasNotes: Bool
        let report: ReportForm?
        let isOffice: Bool
        let noteAction: String
        let noteError: String?
        let canReopen: Bool
        let edit: TaskForm?
        let backHref: String
    }

    struct ImportRow: Sendable {
        let line: Int
        let category: String
        let task: String
        let leads: String
        let participants: String
        let deadline: String
    }

    struct NameChoice: Sendable {
        let index: Int
        let name: String
        let options: [OptionItem]
    }

    struct ImportView: Sendable {
        let chrome: PageChrome
        let year: String
        let problems: [String]
        let hasProblems: Bool
        let draftAction: String?
        let fileName: String?
        let rows: [ImportRow]
        let choices: [NameChoice]
        let hasChoices: Bool
        let count: Int
    }

    struct ReviewEntryRow: Sendable {
        let number: Int
        let title: String
        let units: String
        let deadline: String
        let verdict: String
        let shortfall: Bool
        let evidence: String?
    }

    struct ReviewView: Sendable {
        let chrome: PageChrome
        let title: String
        let day: String
        let takenBy: String
        let counts: [Count]
        let sentence: String
        let rows: [ReviewEntryRow]
        let exportHref: String
    }
}
