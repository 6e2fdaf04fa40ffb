/// What an applicant submits (条例 Art. 29), validated field by field with Chinese messages.
public struct ApplicationInput: Sendable, Equatable {
    public var applicantKind: ApplicantKind = .naturalPerson
    /// The person's name, or the organisation's name.
    public var name = ""
    /// For organisations: the person to contact.
    public var contactPerson = ""
    public var idKind: IdentityDocumentKind = .residentID
    public var idNumber = ""
    public var phone = ""
    public var email = ""
    public var address = ""
    public var postcode = ""
    /// The information sought: name, 文号 or another description.
    public var description = ""
    public var documentNumber = ""
    public var requestedForm: RequestedForm = .paper
    public var obtainingWay: ObtainingWay = .post

    public init() {}

    /// Field name → message. Keys match the form's field names.
    public typealias Errors = [String: String]

    public static func parse(_ field: (String) -> String) -> (ApplicationInput, Errors) {
        var i = ApplicationInput()
        var e: Errors = [:]
        if let k = ApplicantKind(rawValue: field("applicant_kind")) { i.applicantKind = k } else { e["applicant_kind"] = "请选择申请人类型" }
        i.name = field("name")
        if i.name.isEmpty {
            e["name"] = i.applicantKind.isOrganisation ? "请填写法人或其他组织的名称" : "请填写申请人姓名"
        } else if i.name.count > 100 { e["name"] = "名称不能超过100个字" }
        i.contactPerson = field("contact_person")
        if i.applicantKind.isOrganisation && i.contactPerson.isEmpty { e["contact_person"] = "请填写联系人姓名" }
        else if i.contactPerson.count > 50 { e["contact_person"] = "联系人姓名不能超过50个字" }
        if let k = IdentityDocumentKind(rawValue: field("id_kind")) { i.idKind = k } else { e["id_kind"] = "请选择证件类型" }
        i.idNumber = field("id_number").uppercased()
        if i.idNumber.isEmpty {
            e["id_number"] = "请填写证件号码（身份证明是申请的必备内容）"
        } else {
            switch i.idKind {
            case .residentID:
                if i.applicantKind.isOrganisation { e["id_kind"] = "法人或其他组织请选择统一社会信用代码或其他证件" }
                do { _ = try ResidentIDNumber(validating: i.idNumber) } catch { e["id_number"] = error.message }
            case .creditCode:
                do { i.idNumber = try UnifiedSocialCreditCode(validating: i.idNumber).value } catch { e["id_number"] = error.message }
            case .other:
                if i.idNumber.count > 50 { e["id_number"] = "证件号码不能超过50个字符" }
            }
        }
        i.phone = field("phone")
        if i.phone.count > 30 || (!i.phone.isEmpty && !Self.isPhone(i.phone)) { e["phone"] = "电话号码格式不正确（手机号为11位，固定电话如 0832-1234567）" }
        i.email = field("email")
        if i.email.count > 100 { e["email"] = "电子邮箱不能超过100个字符" }
        else if !i.email.isEmpty && !ContactFormat.isEmail(i.email) { e["email"] = "电子邮箱格式不正确" }
        i.address = field("address")
        if i.address.count > 200 { e["address"] = "通信地址不能超过200个字" }
        i.postcode = field("postcode")
        if !i.postcode.isEmpty && !(i.postcode.count == 6 && i.postcode.allSatisfy { $0.isASCII && $0.isNumber }) {
            e["postcode"] = "邮政编码应为6位数字"
        }
        if i.phone.isEmpty && i.email.isEmpty && i.address.isEmpty { e["phone"] = "请至少填写一种联系方式（电话、电子邮箱或通信地址）" }
        i.description = field("description")
        if i.description.count < 5 {
            e["description"] = "请描述所需政府信息：名称、文号，或便于查找的其他特征（至少5个字）"
        } else if i.description.count > 2000 { e["description"] = "描述不能超过2000个字" }
        i.documentNumber = field("document_number")
        if i.documentNumber.count > 100 { e["document_number"] = "文号不能超过100个字" }
        if let f = RequestedForm(rawValue: field("requested_form")) { i.requestedForm = f } else { e["requested_form"] = "请选择获取信息的形式" }
        if let w = ObtainingWay(rawValue: field("obtaining_way")) { i.obtainingWay = w } else { e["obtaining_way"] = "请选择获取信息的方式" }
        if (i.requestedForm == .email || i.obtainingWay == .email) && i.email.isEmpty && e["email"] == nil {
            e["email"] = "选择通过电子邮件获取时，请填写电子邮箱"
        }
        if i.obtainingWay == .post && i.address.isEmpty { e["address"] = "选择邮寄时，请填写通信地址" }
        return (i, e)
    }

    static func isPhone(_ s: String) -> Bool {
        let digits = s.filter(\.isNumber)
        let allowed = s.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "-" || $0 == " " || $0 == "+" }
        if !allowed { return false }
        if digits.count == 11 && digits.first == "1" { return true }
        return (7...13).contains(digits.count) && s.contains("-") || digits.count == 8 || digits.count == 7
    }

    /// The ID number as lists show it.
    public var maskedIDNumber: String {
        switch idKind {
        case .residentID: return (try? ResidentIDNumber(validating: idNumber).masked()) ?? Masking.phone(idNumber)
        case .creditCode: return idNumber
        case .other: return idNumber.count > 4 ? String(repeating: "*", count: idNumber.count - 4) + idNumber.suffix(4) : "****"
        }
    }
}
