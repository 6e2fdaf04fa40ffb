/// The audit trail's back-office pages (the trail itself is written by every capability).
enum AuditCapability {
    static let capability = Capability(
        name: "audit",
        backOfficeRoutes: { AuditRoutes.register($0) },
        navigation: [.init(label: "审计日志", path: "/admin/audit", roles: Roles.administrators, order: 120)])
}
