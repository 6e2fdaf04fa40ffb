/// The working-day calendar (statutory holidays and adjusted working days) and its upkeep.
enum CalendarCapability {
    static let capability = Capability(
        name: "calendar",
        backOfficeRoutes: { CalendarAdminRoutes.register($0) },
        navigation: [.init(label: "工作日历", path: "/admin/calendar", roles: Roles.administrators, order: 130)])
}
