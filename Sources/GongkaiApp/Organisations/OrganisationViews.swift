import Foundation
import GongkaiDomain

/// View models for the organisation pages; templates stay logic-less.
struct OrganisationRow: Sendable {
    let id: Int
    let name: String
    let shortName: String
    let kindLabel: String
    let indent: Int
    let indentPrefix: String
    let isActive: Bool
    let creditCode: String

    init(_ o: Organisation, depth: Int) {
        id = o.id ?? 0
        name = o.name
        shortName = o.shortName
        kindLabel = o.kind.label
        indent = depth
        indentPrefix = String(repeating: "　", count: depth) + (depth > 0 ? "└ " : "")
        isActive = o.isActive
        creditCode = o.creditCode ?? ""
    }
}

struct OptionItem: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// One form field with its value and error, so the template can show the message next to it.
struct FieldView: Sendable {
    let name: String
    let label: String
    let value: String
    let error: String?
    let hint: String?
    let required: Bool
    let multiline: Bool
    let inputType: String
    let errorID: String
    let hintID: String

    init(name: String, label: String, value: String, error: String?, hint: String?, required: Bool,
         multiline: Bool, inputType: String) {
        self.name = name; self.label = label; self.value = value; self.error = error; self.hint = hint
        self.required = required; self.multiline = multiline; self.inputType = inputType
        errorID = "err-\(name)"
        hintID = "hint-\(name)"
    }
}

struct OrganisationFormView: Sendable {
    let chrome: PageChrome
    let heading: String
    let action: String
    let isNew: Bool
    let organisationID: Int?
    let kindOptions: [OptionItem]
    let kindError: String?
    let parentOptions: [OptionItem]
    let parentError: String?
    let parentName: String?
    let basicFields: [FieldView]
    let officeFields: [FieldView]
    let profileFields: [FieldView]
    let hasErrors: Bool
    let errorSummary: [String]
    let isActive: Bool
    let activeError: String?
    let publicHref: String?
    let lettersHref: String?
    let publishingHref: String?
    let parentID: Int?

    static func fields(_ input: OrganisationInput, _ errors: [String: String]) -> (basic: [FieldView], office: [FieldView], profile: [FieldView]) {
        func f(_ name: String, _ label: String, _ value: String, hint: String? = nil, required: Bool = false,
               multiline: Bool = false, type: String = "text") -> FieldView {
            FieldView(name: name, label: label, value: value, error: errors[name], hint: hint, required: required,
                      multiline: multiline, inputType: type)
        }
        let basic = [
            f("name", "机构全称", input.name, hint: "发布机构须用全称，如“××县民政局”", required: true),
            f("short_name", "简称", input.shortName, hint: "用于导航和列表，如“县民政局”", required: true),
            f("credit_code", "统一社会信用代码", input.creditCode ?? "", hint: "18位，系统按国家标准校验最后一位校验码"),
            f("division_code", "行政区划代码", input.divisionCode ?? "", hint: "县级6位、乡级9位、村级12位"),
            f("sort_order", "排序号", String(input.sortOrder), hint: "数字小的排在前面", type: "number"),
        ]
        let office = [
            f("office_name", "信息公开工作机构名称", input.officeName),
            f("office_address", "办公地址", input.officeAddress),
            f("office_hours", "办公时间", input.officeHours, hint: "如：工作日 上午9:00—12:00，下午14:00—17:30"),
            f("office_phone", "联系电话", input.officePhone, type: "tel"),
            f("office_fax", "传真", input.officeFax, type: "tel"),
            f("office_email", "电子邮箱", input.officeEmail, type: "email"),
            f("office_web", "网址", input.officeWeb, type: "url"),
            f("review_organ", "行政复议机关", input.reviewOrgan, hint: "写入答复告知书的救济条款，如“××县人民政府”"),
            f("court", "管辖行政诉讼的人民法院", input.court, hint: "如“××县人民法院”"),
            f("review_days", "行政复议申请期限（日）", String(input.reviewDays), hint: "法定为60日（《行政复议法》第二十条）", type: "number"),
            f("litigation_months", "行政诉讼起诉期限（月）", String(input.litigationMonths), hint: "法定为6个月（《行政诉讼法》第四十六条）", type: "number"),
            f("letter_number_pattern", "答复文书文号格式", input.letterNumberPattern,
              hint: "可用{简称}{年份}{序号}，留空则为“{简称}依申〔{年份}〕{序号}号”"),
        ]
        let profile = [
            f("head_name", "负责人", input.headName),
            f("functions_text", "机关职能", input.functionsText, multiline: true),
            f("structure_text", "机构设置", input.structureText, multiline: true),
            f("guide_text", "政府信息公开指南（补充说明）", input.guideText,
              hint: "显示在自动生成的指南内容之后：信息分类与编排、申请方式、收费说明等", multiline: true),
            f("rules_text", "政府信息公开制度（说明）", input.rulesText,
              hint: "显示在“政府信息公开制度”栏目中，在本机关发布的“工作制度”类信息之前：已建立的制度及其要点", multiline: true),
        ]
        return (basic, office, profile)
    }

    static func kindOptions(selected: OrganisationKind) -> [OptionItem] {
        OrganisationKind.allCases.map { OptionItem(value: $0.rawValue, label: $0.label, selected: $0 == selected) }
    }
}

struct OrganisationListView: Sendable {
    let chrome: PageChrome
    let rows: [OrganisationRow]
    let canCreateRoot: Bool
    let isEmpty: Bool
}
