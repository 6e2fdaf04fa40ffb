import FluentKit

/// The capabilities the site is made of, in the order their routes are registered, their demo
/// data loaded and their jobs run. Adding a capability is one line here (docs/ARCHITECTURE.md).
enum Capabilities {
    static let standard: [Capability] = [
        OrganisationsCapability.capability,
        AccountsCapability.capability,
        AuditCapability.capability,
        CalendarCapability.capability,
        MailCapability.capability,
        ApplicationsCapability.capability,
        PublishingCapability.capability,
        SearchCapability.capability,
        AnnualReportsCapability.capability,
        CatalogueCapability.capability,
        ParticipationCapability.capability,
        InteractionCapability.capability,
        ServicesCapability.capability,
        PushCapability.capability,
        VillagesCapability.capability,
        InspectionCapability.capability,
        PlanCapability.capability,
    ]
}
