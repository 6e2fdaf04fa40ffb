import FluentKit
import Foundation
import GongkaiDomain
import SQLKit

/// The ordered list of schema migrations: the shipped history (M001–M030, from before capabilities
/// declared their own), then each capability's `migrations` in the order of `Capabilities.standard`.
/// Append only: a shipped migration is never edited; change the schema with a new one, one file
/// each, in the capability's folder. Migrations carry their own SQL and row snapshots and never
/// call live application code.
enum AppMigrations {
    static func all(_ capabilities: [Capability] = Capabilities.standard) -> [any Migration] {
        shipped + capabilities.flatMap(\.migrations) + platform
    }

    /// The shared plumbing's own tables added since (Composition), after the capabilities'.
    static let platform: [any Migration] = [
        M051CreateJobClaims(),
    ]

    static let shipped: [any Migration] = [
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
