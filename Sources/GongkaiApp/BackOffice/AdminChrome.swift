import Foundation
import GongkaiDomain
import Hummingbird

/// Back-office page chrome: navigation limited to what the user's roles open.
enum AdminChrome {
    static func make(_ services: AppServices, _ context: AppRequestContext, title: String, path: String,
                     notice: String? = nil) -> PageChrome {
        var nav: [PageChrome.NavItem] = [.init(label: "工作台", href: "/admin", current: path == "/admin")]
        for entry in navigation(services) where entry.isVisible(to: context.staff) {
            nav.append(.init(label: entry.label, href: entry.path, current: entry.isCurrent(path)))
        }
        return PageChrome(services: services, context: context, title: title, path: path, adminNav: nav, notice: notice)
    }

    /// Every capability's navigation entries, in menu order.
    static func navigation(_ services: AppServices) -> [NavigationEntry] {
        services.capabilities.flatMap(\.navigation).sorted { $0.order < $1.order }
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
