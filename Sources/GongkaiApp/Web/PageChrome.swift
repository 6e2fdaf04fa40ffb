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
        self.init(config: services.config, year: Calendar(identifier: .gregorian).component(.year, from: services.clock.now()),
                  title: title, path: path, careMode: context.careMode, formToken: context.formToken,
                  staffName: context.staff?.user.displayName,
                  kioskTarget: context.kioskMode && context.staff == nil ? context.requestTarget : nil, adminNav: adminNav, notice: notice)
    }

    /// `kioskTarget`: the address asked for, on the 公开专区 terminal (public visitors only).
    init(config c: AppConfig, year: Int, title: String, path: String, careMode: Bool, formToken: FormToken, staffName: String?,
         kioskTarget: String?, adminNav: [NavItem] = [], notice: String? = nil) {
        siteName = c.siteName
        self.title = title
        self.careMode = careMode
        let back = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
        careToggleHref = "/care-mode?on=\(careMode ? "0" : "1")&back=\(back)"
        careToggleLabel = careMode ? "退出长辈模式" : "长辈模式（大字）"
        csrfToken = formToken
        sponsor = c.footer.sponsor.nonEmpty
        contact = c.footer.contact.nonEmpty
        siteCode = c.footer.siteCode.nonEmpty
        icpRecord = c.footer.icpRecord.nonEmpty
        publicSecurityRecord = c.footer.publicSecurityRecord.nonEmpty
        hasFooterRecords = !(c.footer.icpRecord.isEmpty && c.footer.publicSecurityRecord.isEmpty && c.footer.siteCode.isEmpty)
        self.staffName = staffName
        self.adminNav = adminNav
        self.notice = notice
        self.year = year
        if let target = kioskTarget {
            let base = c.publicBase
            let url = base + target
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
