/// The standard documents of a case, drafted from its data. Wording is Gongkai's own, following the
/// duties of 条例 Arts. 30, 33, 36–39. The body of every document is a `LetterTemplate`: each
/// organisation may replace the shipped text with its own (`overrides`, keyed by `Slot.key`).
public struct ReplyLetters: Sendable {
    public struct Case: Sendable {
        public var organisationName: String
        public var organisationShortName: String
        public var registrationNumber: String
        public var applicantName: String
        public var isOrganisation: Bool
        public var description: String
        public var receiptDate: CivilDate?
        public var submittedOn: CivilDate
        public var contact: String
        /// Where and within what time the applicant may challenge a reply (the organisation's settings).
        public var remedy: ReplyRemedy

        public init(organisationName: String, organisationShortName: String, registrationNumber: String, applicantName: String,
                    isOrganisation: Bool, description: String, receiptDate: CivilDate?, submittedOn: CivilDate, contact: String,
                    remedy: ReplyRemedy = ReplyRemedy()) {
            self.remedy = remedy
            self.organisationName = organisationName
            self.organisationShortName = organisationShortName
            self.registrationNumber = registrationNumber
            self.applicantName = applicantName
            self.isOrganisation = isOrganisation
            self.description = description
            self.receiptDate = receiptDate
            self.submittedOn = submittedOn
            self.contact = contact
        }
    }

    public enum Kind: String, CaseIterable, Sendable {
        case receipt, correction, consultation, `extension`, fee, reply

        public var label: String {
            switch self {
            case .receipt: return "登记回执"
            case .correction: return "补正告知书"
            case .`extension`: return "延期答复告知书"
            case .fee: return "收费通知书"
            case .consultation: return "征求意见函"
            case .reply: return "答复告知书"
            }
        }
    }

    let c: Case
    let overrides: [String: String]
    let number: String?

    /// `overrides`: an organisation's own template texts by slot key; a text that no longer parses
    /// (it was checked when saved) falls back to the shipped one. `number`: the document's 文号, when
    /// one was assigned (documents of cases from before numbering carry the registration number only).
    public init(_ c: Case, overrides: [String: String] = [:], number: String? = nil) {
        self.c = c
        self.overrides = overrides
        self.number = number
    }

    var you: String { c.isOrganisation ? "贵单位" : "您" }

    /// Values every document offers.
    var commonValues: [String: String] {
        [
            "称谓": you,
            "申请人": c.applicantName,
            "登记编号": c.registrationNumber,
            "收到日期": (c.receiptDate ?? c.submittedOn).chinese(withYear: true),
            "提交日期": c.submittedOn.chinese(withYear: true),
            "申请内容": "“\(c.description)”",
            "机关名称": c.organisationName,
            "联系方式": c.contact.isEmpty ? c.organisationName : c.contact,
            "救济途径": c.remedy.sentence(you: you),
        ]
    }

    func body(_ key: String, _ extra: [String: String]) -> [FormalDocument.Paragraph] {
        guard let slot = Self.slot(key) else { return [] }
        let values = commonValues.merging(extra) { _, new in new }
        if let own = overrides[key], let t = try? LetterTemplate(own, fields: slot.fields) { return t.render(values) }
        return slot.template.render(values)
    }

    func letter(_ title: String, _ key: String, _ extra: [String: String], issuedOn: CivilDate,
                addressee: String? = nil) -> FormalDocument {
        let numberLine = number.map { "\($0)　登记编号：\(c.registrationNumber)" } ?? "登记编号：\(c.registrationNumber)"
        return FormalDocument(title: title, number: numberLine, addressee: addressee ?? "\(c.applicantName)：",
                       paragraphs: body(key, extra), issuer: c.organisationName, date: issuedOn.chinese(withYear: true))
    }

    public func receipt(issuedOn: CivilDate, rule: String) -> FormalDocument {
        letter("政府信息公开申请登记回执", "receipt", ["收到日期规则": rule], issuedOn: issuedOn)
    }

    public func correction(issuedOn: CivilDate, items: String, deadline: CivilDate) -> FormalDocument {
        letter("政府信息公开申请补正告知书", "correction",
               ["补正事项": items, "补正期限": deadline.chinese(withYear: true)], issuedOn: issuedOn)
    }

    public func extensionNotice(issuedOn: CivilDate, workingDays: Int, newDueDate: CivilDate, reason: String) -> FormalDocument {
        letter("政府信息公开申请延期答复告知书", "extension",
               ["延期理由": reason, "延长工作日": String(workingDays), "新答复期限": newDueDate.chinese(withYear: true)],
               issuedOn: issuedOn)
    }

    /// Asks a third party (Art. 32) or a co-making organ (Art. 34) for its opinion within 15 working days.
    /// The description of the information is given; the applicant's identity is not.
    public func consultation(issuedOn: CivilDate, party: String, reason: ReplyDeadline.PauseReason) -> FormalDocument {
        let thirdParty = reason == .thirdPartyConsultation
        return letter(thirdParty ? "政府信息公开征求第三方意见函" : "政府信息公开征求意见函",
                      thirdParty ? "consultation.third_party" : "consultation.other_organ",
                      ["征求对象": party, "征求期限": String(ReplyDeadline.consultationPeriod)],
                      issuedOn: issuedOn, addressee: "\(party)：")
    }

    public func feeNotice(issuedOn: CivilDate, amount: Int, explanation: String, payBy: CivilDate) -> FormalDocument {
        letter("政府信息公开信息处理费收费通知书", "fee",
               ["计费说明": explanation, "金额": String(amount), "缴费期限": payBy.chinese(withYear: true)], issuedOn: issuedOn)
    }

    /// The reply for an outcome. `reason` is the organ's own explanation. For 本机关不掌握 the
    /// `notHeld` ground chooses between Art. 36(四) (does not exist) and (五) (not this organ's, naming
    /// `responsibleOrgan` where known). `provision`: how disclosed information is provided (Art. 36(二), 40).
    public func reply(outcome: ReplyOutcome, issuedOn: CivilDate, reason: String, basis: String? = nil,
                      notHeld: NotHeldGround? = nil, responsibleOrgan: String? = nil, provision: String = "") -> FormalDocument {
        let because = reason.isEmpty ? "" : (reason.hasSuffix("。") ? reason : "\(reason)。")
        var hint = ""
        if let other = responsibleOrgan, !other.isEmpty { hint = "该政府信息由\(other)负责公开，\(you)可向其咨询或申请。" }
        var key = "reply.\(outcome.rawValue)"
        var legalBasis = basis ?? outcome.usualBasis
        if outcome == .unavailableNotHeld, let ground = notHeld {
            if ground == .notThisOrgan { key += ".not_this_organ" }
            if basis == nil { legalBasis = ground.basis }
        }
        let provided = provision.isEmpty ? "" : "本机关通过以下方式向\(you)提供该政府信息：\(provision)\(provision.hasSuffix("。") ? "" : "。")"
        return letter("政府信息公开申请答复告知书", key,
                      ["答复理由": because, "处理说明": because.isEmpty ? "本机关已依法处理。" : because,
                       "法律依据": legalBasis, "负责机关提示": hint, "提供方式": provided],
                      issuedOn: issuedOn)
    }
}
