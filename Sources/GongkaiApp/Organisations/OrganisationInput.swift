import Foundation
import GongkaiDomain

/// The editable fields of an organisation, parsed from a form with a Chinese message per bad field.
struct OrganisationInput: Sendable {
    var name = ""
    var shortName = ""
    var kind: OrganisationKind = .countyDepartment
    var sortOrder = 0
    var creditCode: String?
    var divisionCode: String?
    var officeName = ""
    var officeAddress = ""
    var officeHours = ""
    var officePhone = ""
    var officeFax = ""
    var officeEmail = ""
    var officeWeb = ""
    var functionsText = ""
    var structureText = ""
    var headName = ""
    var guideText = ""
    var rulesText = ""
    var reviewOrgan = ""
    var court = ""
    var reviewDays = 60
    var litigationMonths = 6
    var letterNumberPattern = ""

    /// Field name → message, shown next to the field.
    typealias Errors = [String: String]

    static func parse(_ form: FormData) -> (OrganisationInput, Errors) {
        var i = OrganisationInput()
        var e: Errors = [:]
        i.name = form["name"]
        if i.name.isEmpty { e["name"] = "请填写机构全称" } else if i.name.count > 100 { e["name"] = "机构全称不能超过100个字" }
        i.shortName = form["short_name"]
        if i.shortName.isEmpty { e["short_name"] = "请填写简称" } else if i.shortName.count > 30 { e["short_name"] = "简称不能超过30个字" }
        if let k = OrganisationKind(rawValue: form["kind"]) { i.kind = k } else { e["kind"] = "请选择机构类型" }
        let order = form["sort_order"]
        if order.isEmpty { i.sortOrder = 0 } else if let n = Int(order), (0...9999).contains(n) { i.sortOrder = n } else {
            e["sort_order"] = "排序号应为0到9999之间的整数"
        }
        let code = form["credit_code"]
        if !code.isEmpty {
            do { i.creditCode = try UnifiedSocialCreditCode(validating: code).value } catch { e["credit_code"] = error.message }
        }
        let div = form["division_code"]
        if !div.isEmpty {
            do { i.divisionCode = try AdministrativeDivisionCode(validating: div).value } catch { e["division_code"] = error.message }
        }
        i.officeName = form["office_name"]
        i.officeAddress = form["office_address"]
        i.officeHours = form["office_hours"]
        i.officePhone = form["office_phone"]
        if !i.officePhone.isEmpty && !Self.looksLikePhone(i.officePhone) {
            e["office_phone"] = "电话号码格式不正确（示例：0832-1234567）"
        }
        i.officeFax = form["office_fax"]
        if !i.officeFax.isEmpty && !Self.looksLikePhone(i.officeFax) {
            e["office_fax"] = "传真号码格式不正确（示例：0832-1234568）"
        }
        i.officeEmail = form["office_email"]
        if !i.officeEmail.isEmpty && !ContactFormat.isEmail(i.officeEmail) {
            e["office_email"] = "电子邮箱格式不正确（示例：gkb@example.gov.cn）"
        }
        i.officeWeb = form["office_web"]
        if !i.officeWeb.isEmpty && !(i.officeWeb.hasPrefix("http://") || i.officeWeb.hasPrefix("https://")) {
            e["office_web"] = "网址应以 http:// 或 https:// 开头"
        }
        i.functionsText = form["functions_text"]
        i.structureText = form["structure_text"]
        i.headName = form["head_name"]
        i.guideText = form["guide_text"]
        i.rulesText = form["rules_text"]
        i.reviewOrgan = form["review_organ"]
        i.court = form["court"]
        for key in ["review_organ", "court"] where form[key].count > 100 { e[key] = "不能超过100个字" }
        func number(_ key: String, _ range: ClosedRange<Int>, _ fallback: Int, _ message: String) -> Int {
            let raw = form[key]
            if raw.isEmpty { return fallback }
            if raw.count <= 6, let n = Int(raw), range.contains(n) { return n }
            e[key] = message
            return fallback
        }
        i.reviewDays = number("review_days", ReplyRemedy.reviewDaysRange, 60,
                              "行政复议申请期限应为\(ReplyRemedy.reviewDaysRange.lowerBound)到\(ReplyRemedy.reviewDaysRange.upperBound)之间的天数（法定为60日）")
        i.litigationMonths = number("litigation_months", ReplyRemedy.litigationMonthsRange, 6,
                                    "行政诉讼起诉期限应为\(ReplyRemedy.litigationMonthsRange.lowerBound)到\(ReplyRemedy.litigationMonthsRange.upperBound)之间的月数（法定为6个月）")
        i.letterNumberPattern = form["letter_number_pattern"]
        if !i.letterNumberPattern.isEmpty, let problem = LetterNumberPattern(i.letterNumberPattern).problem {
            e["letter_number_pattern"] = problem
        }
        for (key, limit) in [("office_name", 100), ("office_address", 200), ("office_hours", 200), ("head_name", 100)]
            where form[key].count > limit {
            e[key] = "不能超过\(limit)个字"
        }
        for key in ["functions_text", "structure_text", "guide_text", "rules_text"] where form[key].count > 20000 {
            e[key] = "不能超过20000个字"
        }
        return (i, e)
    }

    static func looksLikePhone(_ s: String) -> Bool {
        let allowed = CharacterSet(charactersIn: "0123456789-+ ()（）转、,，")
        return s.unicodeScalars.allSatisfy { allowed.contains($0) } && s.filter(\.isNumber).count >= 5
    }

    init() {}

    init(from o: Organisation) {
        name = o.name; shortName = o.shortName; kind = o.kind; sortOrder = o.sortOrder
        creditCode = o.creditCode; divisionCode = o.divisionCode
        officeName = o.officeName; officeAddress = o.officeAddress; officeHours = o.officeHours
        officePhone = o.officePhone; officeFax = o.officeFax; officeEmail = o.officeEmail; officeWeb = o.officeWeb
        functionsText = o.functionsText; structureText = o.structureText; headName = o.headName; guideText = o.guideText; rulesText = o.rulesText
        reviewOrgan = o.reviewOrgan; court = o.court; reviewDays = o.reviewDays; litigationMonths = o.litigationMonths
        letterNumberPattern = o.letterNumberPattern
    }

    func apply(to o: Organisation) {
        o.name = name; o.shortName = shortName; o.kindRaw = kind.rawValue; o.sortOrder = sortOrder
        o.creditCode = creditCode; o.divisionCode = divisionCode
        o.officeName = officeName; o.officeAddress = officeAddress; o.officeHours = officeHours
        o.officePhone = officePhone; o.officeFax = officeFax; o.officeEmail = officeEmail; o.officeWeb = officeWeb
        o.functionsText = functionsText; o.structureText = structureText; o.headName = headName; o.guideText = guideText; o.rulesText = rulesText
        o.reviewOrgan = reviewOrgan; o.court = court; o.reviewDays = reviewDays; o.litigationMonths = litigationMonths
        o.letterNumberPattern = letterNumberPattern
    }
}
