import Mustache

// Every page's layout reads a score of the chrome's fields; looked up by name instead of through a
// new `Mirror` of the whole chrome for each (issue 21's search profile). The answers are exactly
// the stored properties, as `Mirror` gave them (MustacheParentTests compares them).
extension PageChrome: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "siteName": return siteName
        case "title": return title
        case "careMode": return careMode
        case "careToggleHref": return careToggleHref
        case "careToggleLabel": return careToggleLabel
        case "csrfToken": return csrfToken
        case "sponsor": return sponsor
        case "contact": return contact
        case "siteCode": return siteCode
        case "icpRecord": return icpRecord
        case "publicSecurityRecord": return publicSecurityRecord
        case "hasFooterRecords": return hasFooterRecords
        case "staffName": return staffName
        case "adminNav": return adminNav
        case "notice": return notice
        case "year": return year
        case "kiosk": return kiosk
        default: return nil
        }
    }
}
