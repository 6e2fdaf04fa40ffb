import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird

/// Everything one capability adds to the site, declared in one place (its folder's
/// `…Capability.swift`). The composition root (`buildApplication`), the back-office chrome, the
/// dashboard, the portal, the background jobs and `gongkai demo` read the list in
/// `Capabilities.standard` and name no capability themselves.
struct Capability: Sendable {
    /// A short English name, for logs and tests.
    let name: String
    /// Schema migrations added after the shipped history (`AppMigrations.shipped`), in order.
    var migrations: [any Migration] = []
    /// Public routes (no sign-in).
    var publicRoutes: (@Sendable (Router<AppRequestContext>, AppServices) -> Void)? = nil
    /// Back-office routes, registered through the `BackOffice` registrar (roles and target each).
    var backOfficeRoutes: (@Sendable (BackOffice) -> Void)? = nil
    /// Entries in the back-office navigation.
    var navigation: [NavigationEntry] = []
    /// What the signed-in user sees on the dashboard from this capability.
    var dashboard: (@Sendable (AppServices, Authorised) async throws -> DashboardPanel)? = nil
    /// First-level sections of an organisation's public column.
    var columnSections: [ColumnSection] = []
    /// What it shows on the portal home page.
    var home: HomeContribution? = nil
    /// Periodic work (run by `serve` every interval and by `gongkai jobs`).
    var jobs: [BackgroundJob] = []
    /// Derived data checked after migrating (e.g. an index filled from the rows it indexes).
    var upkeep: (@Sendable (AppServices) async throws -> Void)? = nil
    /// Its part of the demo county, loaded after the organisations and accounts.
    var demo: (@Sendable (DemoContext) async throws -> Void)? = nil
    /// What it puts into site search (rebuilt together by `reindex`).
    var search: SearchContribution? = nil
    /// Its paths and schemas in the OpenAPI document of `/api/v1`.
    var openAPI: OpenAPIContribution? = nil
    /// Its own pages that match a site search, listed beside the indexed information (for content
    /// that is not an information item: consultations, hearings, questionnaires…).
    var searchAlso: (@Sendable (AppServices, SearchQuery) async throws -> HomeBlock?)? = nil
    /// Facts it adds to a published item's public page, e.g. the 政府公报 issue that carried the
    /// item, or the page's QR code.
    var itemFacts: (@Sendable (AppServices, InformationItem) async throws -> [ItemFact])? = nil
    /// Paragraphs it adds to 六、其他需要报告的事项 of a unit's annual report when the draft is first
    /// made (organisation id, year), e.g. how the year's work plan was carried out.
    var reportNotes: (@Sendable (AppServices, Int, Int) async throws -> [String])? = nil
}

/// One row a capability adds to an item's public metadata table: text, optionally a link, or a
/// server-rendered SVG (escaped by the code that made it) shown before the text.
struct ItemFact: Sendable {
    let label: String
    let value: String
    var href: String? = nil
    var svg: String? = nil
}

/// A capability's part of `/api/v1/openapi.json`: paths (relative to `/api/v1`) and component
/// schemas, as JSON objects. Built on request, so nothing non-Sendable is kept.
struct OpenAPIContribution: Sendable {
    let build: @Sendable () -> (paths: [String: Any], schemas: [String: Any])
}

/// One entry in the back-office navigation, shown to users holding any of `roles` somewhere
/// (empty: every signed-in user).
struct NavigationEntry: Sendable {
    let label: String
    let path: String
    var roles: Set<StaffRole> = []
    /// The pages under this prefix mark the entry as the current one (default: `path`).
    var matchPrefix: String? = nil
    /// Position in the menu (lower first); capabilities interleave by it.
    var order: Int

    func isVisible(to staff: StaffIdentity?) -> Bool {
        guard let staff else { return false }
        return roles.isEmpty || staff.policy.holdsAny(of: roles)
    }

    func isCurrent(_ path: String) -> Bool {
        let prefix = matchPrefix ?? self.path
        return prefix == "/admin" ? path == "/admin" : path.hasPrefix(prefix)
    }
}

/// A capability's part of the dashboard: counts that link to where the work is, and warnings of
/// things to set right.
struct DashboardPanel: Sendable {
    var tiles: [DashboardTile] = []
    var warnings: [DashboardWarning] = []
}

struct DashboardTile: Sendable {
    let label: String
    let value: String
    let href: String
}

struct DashboardWarning: Sendable {
    let text: String
    let href: String
    let linkText: String
}

/// A first-level section of an organisation's column (国办公开办函〔2019〕61号 as practised):
/// `/xxgk/<org><path>`. The capability serves the path; `order` places it in the section list.
struct ColumnSection: Sendable {
    let key: String
    let label: String
    /// "" for the organisation's own page.
    let path: String
    let order: Int
    /// The kinds of organisation whose column has this section (nil: every kind).
    var kinds: Set<OrganisationKind>? = nil
}

/// What a capability contributes to the portal home page: entry buttons and blocks of links.
struct HomeContribution: Sendable {
    let order: Int
    let build: @Sendable (AppServices, HomeContext) async throws -> HomePart
}

/// What the home page knows before asking the capabilities.
struct HomeContext: Sendable {
    /// The county (or township) government at the top of the tree, if any.
    let government: Organisation?
    /// Short names of the active organisations by id.
    let shortNames: [Int: String]
}

struct HomePart: Sendable {
    var actions: [HomeAction] = []
    var blocks: [HomeBlock] = []
}

struct HomeAction: Sendable {
    let label: String
    let href: String
}

struct HomeBlock: Sendable {
    let heading: String
    let links: [HomeLink]
}

struct HomeLink: Sendable {
    let title: String
    let href: String
    /// e.g. the publishing organisation and date.
    let note: String
}

/// One periodic job. It returns how much it did, in a line for the log and `gongkai jobs`.
struct BackgroundJob: Sendable {
    let name: String
    let run: @Sendable (JobContext) async throws -> JobOutcome
}

struct JobContext: Sendable {
    let services: AppServices
    /// The day deadlines are computed for.
    let today: CivilDate
    /// Mail transport override (tests, `gongkai jobs`); nil means the configured SMTP server.
    let transport: (any MailTransport)?
}

struct JobOutcome: Sendable {
    /// How many things it did (0: nothing to log).
    let count: Int
    /// A Chinese line, e.g. "定时发布信息 2 条".
    let summary: String
    /// Something is left that an operator should look at (mail not delivered); `gongkai jobs` exits 3.
    var needsAttention = false
}

/// What a capability's demo loader gets: the demo county's organisations by key (see
/// `Resources/demo/county.json`) and its accounts with their roles.
struct DemoContext: Sendable {
    let services: AppServices
    let organisations: [String: Organisation]
    let accounts: [(user: StaffUser, roles: [StaffRole])]

    /// The first account holding `role` (the demo has one per role).
    func account(holding role: StaffRole) -> StaffUser? {
        accounts.first { $0.roles.contains(role) }?.user
    }
}

/// A capability's documents in site search: how to put all of them into the index again (after
/// an upgrade or an import). Single documents are indexed by the capability's own pipeline as
/// they change.
struct SearchContribution: Sendable {
    /// What the documents are, in Chinese (e.g. "政府信息").
    let label: String
    let reindexAll: @Sendable (any Database) async throws -> Int
}
