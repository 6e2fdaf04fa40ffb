import Foundation
import GongkaiDomain
import Hummingbird

/// The 政务公开专区 terminal in the service hall: a start page of large touch targets (查政策, 查办事,
/// 申请公开, 政务地图, 公报), no sign-in, 长辈 mode on. `/zhuanqu/start` turns a browser into the
/// terminal (every page then carries its own QR code and returns here when idle); `/zhuanqu/exit`
/// turns it back.
enum KioskRoutes {
    struct Tile: Sendable {
        let label: String
        let note: String
        let href: String
    }

    struct View: Sendable {
        let chrome: PageChrome
        let tiles: [Tile]
        let isKiosk: Bool
    }

    static let tiles = [
        Tile(label: "查政策", note: "政策文件和解读", href: "/zcwjk"),
        Tile(label: "查办事", note: "办事指南、一次告知单", href: "/banshi"),
        Tile(label: "申请公开", note: "依申请公开政府信息", href: "/apply"),
        Tile(label: "政务地图", note: "办事地点和开放时间", href: "/banshi/map"),
        Tile(label: "政府公报", note: "规章、规范性文件", href: "/gongbao"),
        Tile(label: "政民互动", note: "写信、咨询、在线访谈", href: "/hudong"),
    ]

    static func register(router: Router<AppRequestContext>, services: AppServices) {
        router.get("/zhuanqu") { request, context -> Response in
            services.templates.page("kiosk-home", View(chrome: PageChrome(services: services, context: context, title: "政务公开专区", path: "/zhuanqu"),
                                                     tiles: tiles, isKiosk: context.kioskMode))
        }

        router.get("/zhuanqu/start") { request, context -> Response in
            var response = Response.redirect(to: "/zhuanqu", type: .found)
            for name in ["gk_kiosk", "gk_care"] {
                response.setCookie(Cookie(name: name, value: "1", maxAge: 365 * 24 * 3600, path: "/", secure: services.config.cookiesSecure,
                                          httpOnly: true, sameSite: .lax))
            }
            return response
        }

        router.get("/zhuanqu/exit") { request, context -> Response in
            var response = Response.redirect(to: "/", type: .found)
            response.setCookie(Cookie(name: "gk_kiosk", value: "0", maxAge: 0, path: "/", secure: services.config.cookiesSecure, httpOnly: true, sameSite: .lax))
            return response
        }
    }
}
