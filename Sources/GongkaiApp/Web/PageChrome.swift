import Foundation
import GongkaiDomain

/// What every page's layout needs: site facts, footer, 长辈 mode, CSRF token, who is signed in.
public struct PageChrome: Sendable {
    public struct NavItem: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    let siteName: String
    let title: String
    let careMode: Bool
    let careToggleHref: String
    let careToggleLabel: String
    let csrfToken: FormToken
    // Optional so that an unset fact leaves no empty label behind (an empty string is truthy in Mustache).
    let sponsor: String?
    let contact: String?
    let siteCode: String?
    let icpRecord: String?
    let publicSecurityRecord: String?
    let hasFooterRecords: Bool
    let staffName: String?
    let adminNav: [NavItem]
    let notice: String?
    let year: Int
    /// On the 公开专区 terminal: the QR code of this page (pre-escaped SVG) and the idle time.
    let kiosk: Kiosk?

    struct Kiosk: Sendable {
        let qr: String
        let idleSeconds: Int
    }

    init(services: AppServices, context: AppRequestContext, title: String, path: String,
         adminNav: [NavItem] = [], notice: String? = nil) {
        let c = services.config
        siteName = c.siteName
        self.title = title
        careMode = context.careMode
        let back = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        careToggleHref = "/care-mode?on=\(context.careMode ? "0" : "1")&back=\(back)"
        careToggleLabel = context.careMode ? "退出长辈模式" : "长辈模式（大字）"
        csrfToken = context.formToken
        sponsor = c.footer.sponsor.nonEmpty
        contact = c.footer.contact.nonEmpty
        siteCode = c.footer.siteCode.nonEmpty
        icpRecord = c.footer.icpRecord.nonEmpty
        publicSecurityRecord = c.footer.publicSecurityRecord.nonEmpty
        hasFooterRecords = !(c.footer.icpRecord.isEmpty && c.footer.publicSecurityRecord.isEmpty && c.footer.siteCode.isEmpty)
        staffName = context.staff?.user.displayName
        self.adminNav = adminNav
        self.notice = notice
        year = Calendar(identifier: .gregorian).component(.year, from: services.clock.now())
        if context.kioskMode && context.staff == nil {
            let base = c.publicBase
            let url = base + context.requestTarget
            kiosk = QRCode(text: url).map { Kiosk(qr: $0.svg(label: "本页地址的二维码：\(url)", moduleSize: 3), idleSeconds: c.kioskIdleSeconds) }
                ?? QRCode(text: base + "/").map { Kiosk(qr: $0.svg(label: "网站首页的二维码", moduleSize: 3), idleSeconds: c.kioskIdleSeconds) }
        } else {
            kiosk = nil
        }
    }
}

extension String {
    /// nil for an empty string: Mustache sections treat any string, even "", as present.
    var nonEmpty: String? { isEmpty ? nil : self }
}
