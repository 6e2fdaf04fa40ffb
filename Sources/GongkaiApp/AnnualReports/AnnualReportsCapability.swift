/// 政府信息公开工作年度报告: the report of each organisation from its data, consolidation for the
/// county, publication in the column.
enum AnnualReportsCapability {
    static let capability = Capability(
        name: "annual-reports",
        migrations: [M048CreateReportSimilarityNotes()],
        publicRoutes: { router, services in AnnualReportRoutes.registerPublic(router: router, services: services) },
        backOfficeRoutes: { AnnualReportRoutes.register($0) },
        navigation: [.init(label: "年度报告", path: "/admin/reports", roles: AnnualReportRoutes.viewers, order: 60)],
        columnSections: [ColumnSection(key: "reports", label: "政府信息公开年报", path: "/annual-reports", order: 50)],
        demo: { demo in try await DemoReports(services: demo.services).load(organisations: demo.organisations) })
}
