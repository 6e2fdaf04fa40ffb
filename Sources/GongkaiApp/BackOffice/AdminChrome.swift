import Foundation
import GongkaiDomain
import Hummingbird

/// Back-office page chrome: navigation limited to what the user's roles open.
enum AdminChrome {
    static func make(_ services: AppServices, _ context: AppRequestContext, title: String, path: String,
                     notice: String? = nil) -> PageChrome {
        var nav: [PageChrome.NavItem] = [.init(label: "工作台", href: "/admin", current: path == "/admin")]
        if let staff = context.staff, staff.policy.holdsAny(of: ApplicationAdminRoutes.viewers) {
            nav.append(.init(label: "依申请公开", href: "/admin/applications", current: path.hasPrefix("/admin/applications")))
        }
        if let staff = context.staff, staff.policy.holdsAny(of: PublishingAdminRoutes.viewers) {
            nav.append(.init(label: "政府信息发布", href: "/admin/items", current: path.hasPrefix("/admin/items")))
        }
        if let staff = context.staff, staff.policy.holdsAny(of: EmptyColumnRoutes.viewers) {
            nav.append(.init(label: "空白栏目", href: "/admin/columns/empty", current: path.hasPrefix("/admin/columns")))
        }
        if let staff = context.staff, staff.policy.holdsAny(of: CatalogueRoutes.editors) {
            nav.append(.init(label: "标准目录", href: "/admin/catalogue", current: path.hasPrefix("/admin/catalogue")))
            nav.append(.init(label: "目录落实", href: "/admin/coverage", current: path.hasPrefix("/admin/coverage")))
        }
        if let staff = context.staff, staff.policy.holdsAny(of: AnnualReportRoutes.viewers) {
            nav.append(.init(label: "年度报告", href: "/admin/reports", current: path.hasPrefix("/admin/reports")))
        }
        if let staff = context.staff, staff.policy.holdsAny(of: [.disclosureOfficeAdministrator]) {
            nav.append(.init(label: "文件清理", href: "/admin/cleanup", current: path.hasPrefix("/admin/cleanup")))
        }
        if let staff = context.staff, staff.policy.holdsAny(of: Roles.administrators) {
            nav.append(.init(label: "机构管理", href: "/admin/orgs", current: path.hasPrefix("/admin/orgs")))
            nav.append(.init(label: "用户与角色", href: "/admin/users", current: path.hasPrefix("/admin/users")))
            nav.append(.init(label: "审计日志", href: "/admin/audit", current: path.hasPrefix("/admin/audit")))
            nav.append(.init(label: "工作日历", href: "/admin/calendar", current: path.hasPrefix("/admin/calendar")))
            nav.append(.init(label: "邮件发送", href: "/admin/mail", current: path.hasPrefix("/admin/mail")))
            nav.append(.init(label: "发布检查名单", href: "/admin/check-lists", current: path.hasPrefix("/admin/check-lists")))
        }
        nav.append(.init(label: "我的账户", href: "/admin/account", current: path.hasPrefix("/admin/account")))
        return PageChrome(services: services, context: context, title: title, path: path, adminNav: nav, notice: notice)
    }

    /// Messages shown after a redirect (`?notice=…`): a fixed list, so no text is reflected from the URL.
    static func notice(_ request: Request) -> String? {
        switch request.query.get("notice") {
        case "saved": return "已保存。"
        case "unchanged": return "导入的目录与当前版本完全相同，没有生成新版本。"
        case "restored": return "已恢复该事项。"
        case "approved": return "已审核通过，公开页面已更新为这一版。"
        case "created": return "已创建。"
        case "moved": return "已移动。"
        case "deactivated": return "已停用。"
        case "activated": return "已启用。"
        case "password": return "密码已修改。"
        case "reset": return "已设置临时密码，该用户下次登录时必须修改密码。"
        case "unlocked": return "账户已解锁。"
        case "revoked": return "已退出该用户在所有设备上的登录。"
        case "role-added": return "已授予角色。"
        case "role-removed": return "已撤销角色。"
        case "totp-on": return "已启用两步验证。"
        case "totp-off": return "已关闭两步验证。"
        default: return nil
        }
    }
}
