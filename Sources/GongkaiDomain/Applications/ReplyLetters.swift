/// The standard documents of a case, drafted from its data. Wording is Gongkai's own, following the
/// duties of 条例 Arts. 30, 33, 36–39; every organisation can edit the text before sending.
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

        public init(organisationName: String, organisationShortName: String, registrationNumber: String, applicantName: String,
                    isOrganisation: Bool, description: String, receiptDate: CivilDate?, submittedOn: CivilDate, contact: String) {
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

    public init(_ c: Case) { self.c = c }

    var you: String { c.isOrganisation ? "贵单位" : "您" }
    var received: String { (c.receiptDate ?? c.submittedOn).chinese(withYear: true) }
    var sought: String { "“\(c.description)”" }

    /// The sentence every notice closes with: how to reach the work body.
    var contactLine: FormalDocument.Paragraph {
        .init("联系方式：\(c.contact.isEmpty ? c.organisationName : c.contact)。")
    }

    public func receipt(issuedOn: CivilDate, rule: String) -> FormalDocument {
        FormalDocument(
            title: "政府信息公开申请登记回执", number: "登记编号：\(c.registrationNumber)", addressee: "\(c.applicantName)：",
            paragraphs: [
                .init("本机关已于\(c.submittedOn.chinese(withYear: true))收到\(you)提交的政府信息公开申请，申请获取\(sought)。"),
                .init("收到申请的日期按《中华人民共和国政府信息公开条例》第三十一条确定：\(rule)。本机关将自收到申请之日起20个工作日内作出答复；需要延长答复期限的，将另行书面告知。"),
                .init("\(you)可凭登记编号和查询码查询办理进度。"),
                contactLine,
            ],
            issuer: c.organisationName, date: issuedOn.chinese(withYear: true))
    }

    public func correction(issuedOn: CivilDate, items: String, deadline: CivilDate) -> FormalDocument {
        FormalDocument(
            title: "政府信息公开申请补正告知书", number: "登记编号：\(c.registrationNumber)", addressee: "\(c.applicantName)：",
            paragraphs: [
                .init("本机关于\(received)收到\(you)提出的政府信息公开申请，申请获取\(sought)。"),
                .init("经审查，\(you)的申请内容不够明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请\(you)对以下内容作出补正：\(items)"),
                .init("请于\(deadline.chinese(withYear: true))前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。"),
                contactLine,
            ],
            issuer: c.organisationName, date: issuedOn.chinese(withYear: true))
    }

    public func extensionNotice(issuedOn: CivilDate, workingDays: Int, newDueDate: CivilDate, reason: String) -> FormalDocument {
        FormalDocument(
            title: "政府信息公开申请延期答复告知书", number: "登记编号：\(c.registrationNumber)", addressee: "\(c.applicantName)：",
            paragraphs: [
                .init("本机关于\(received)收到\(you)提出的政府信息公开申请，申请获取\(sought)。"),
                .init("因\(reason)，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长\(workingDays)个工作日，最迟于\(newDueDate.chinese(withYear: true))前作出答复。"),
                .init("特此告知。"),
                contactLine,
            ],
            issuer: c.organisationName, date: issuedOn.chinese(withYear: true))
    }

    /// Asks a third party (Art. 32) or a co-making organ (Art. 34) for its opinion within 15 working days.
    /// The description of the information is given; the applicant's identity is not.
    public func consultation(issuedOn: CivilDate, party: String, reason: ReplyDeadline.PauseReason) -> FormalDocument {
        let thirdParty = reason == .thirdPartyConsultation
        let ground = thirdParty
            ? "经审查，公开该信息可能损害贵方合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。"
            : "经审查，该政府信息由本机关与贵机关共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关意见。"
        let silence = thirdParty
            ? "逾期未提出意见的，本机关将依照《中华人民共和国政府信息公开条例》的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知贵方。"
            : "逾期未提出意见的，视为同意公开。"
        return FormalDocument(
            title: thirdParty ? "政府信息公开征求第三方意见函" : "政府信息公开征求意见函", number: "登记编号：\(c.registrationNumber)",
            addressee: "\(party)：",
            paragraphs: [
                .init("本机关收到一件政府信息公开申请，申请获取\(sought)。\(ground)"),
                .init("请于收到本函之日起\(ReplyDeadline.consultationPeriod)个工作日内，以书面形式向本机关提出意见，并说明理由。\(silence)"),
                contactLine,
            ],
            issuer: c.organisationName, date: issuedOn.chinese(withYear: true))
    }

    public func feeNotice(issuedOn: CivilDate, amount: Int, explanation: String, payBy: CivilDate) -> FormalDocument {
        FormalDocument(
            title: "政府信息公开信息处理费收费通知书", number: "登记编号：\(c.registrationNumber)", addressee: "\(c.applicantName)：",
            paragraphs: [
                .init("本机关于\(received)收到\(you)提出的政府信息公开申请，申请获取\(sought)。"),
                .init("\(you)申请的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》的规定，本机关依法收取信息处理费：\(explanation)，应缴金额\(amount)元。"),
                .init("请于\(payBy.chinese(withYear: true))前按本机关告知的方式缴纳。缴费期间不计入答复期限。逾期未缴纳的，本机关将不再处理该政府信息公开申请。"),
                contactLine,
            ],
            issuer: c.organisationName, date: issuedOn.chinese(withYear: true))
    }

    /// The reply for an outcome. `reason` is the organ's own explanation; `responsibleOrgan` is used
    /// when the information is another organ's (Art. 36(五)).
    public func reply(outcome: ReplyOutcome, issuedOn: CivilDate, reason: String, basis: String? = nil,
                      responsibleOrgan: String? = nil) -> FormalDocument {
        let basisText = basis ?? outcome.usualBasis
        var body: [FormalDocument.Paragraph] = [
            .init("本机关于\(received)收到\(you)提出的政府信息公开申请，申请获取\(sought)。经审查，现答复如下："),
        ]
        let because = reason.isEmpty ? "" : "\(reason)。"
        switch outcome {
        case .disclosed:
            body.append(.init("\(you)申请获取的政府信息属于公开范围。根据\(basisText)的规定，本机关予以公开。\(because)"))
        case .partiallyDisclosed:
            body.append(.init("\(you)申请获取的政府信息中，部分内容不应当公开。\(because)根据\(basisText)的规定，本机关对可以区分处理的部分予以公开，对不应当公开的部分不予公开。"))
        case _ where outcome.group == .withheld:
            body.append(.init("\(because)根据\(basisText)的规定，本机关决定不予公开。"))
        case .unavailableNotHeld:
            var t = "经检索查找，本机关未制作、获取\(you)申请的政府信息。\(because)根据\(basisText)的规定，告知\(you)该政府信息不存在或不属于本机关负责公开。"
            if let other = responsibleOrgan, !other.isEmpty { t += "\(you)可向\(other)咨询或申请。" }
            body.append(.init(t))
        case .unavailableWouldNeedCreating:
            body.append(.init("\(you)申请获取的信息需要本机关对现有政府信息进行加工、分析后另行制作。\(because)根据\(basisText)的规定，本机关不予提供。"))
        case .unavailableStillUnclear:
            body.append(.init("本机关已告知\(you)补正，补正后的申请内容仍不明确，无法确定\(you)所需的政府信息。\(because)根据\(basisText)的规定，本机关无法提供。"))
        case .notProcessedPetition:
            body.append(.init("\(you)提出的申请实质为信访、投诉、举报事项，不属于政府信息公开申请。\(because)根据\(basisText)的规定，本机关不作为政府信息公开申请处理，\(you)可通过相应渠道提出。"))
        case .notProcessedRepeat:
            body.append(.init("\(you)申请获取的政府信息，本机关已经作出过答复，本次属于重复申请。\(because)根据\(basisText)的规定，本机关不予重复处理。"))
        case .notProcessedPublication:
            body.append(.init("\(you)申请获取的是公开出版物。\(because)根据\(basisText)的规定，\(you)可通过相应渠道获取。"))
        case .notProcessedExcessive:
            body.append(.init("\(you)提出的政府信息公开申请的数量、频次明显超过合理范围，且未能说明合理理由。\(because)根据\(basisText)的规定，本机关不予处理。"))
        case .notProcessedConfirmation:
            body.append(.init("\(you)的申请是要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围。\(because)本机关不予处理。"))
        case .otherNoCorrection:
            body.append(.init("本机关已书面告知\(you)补正申请，\(you)无正当理由逾期未补正，视为放弃申请。根据\(basisText)的规定，本机关不再处理该政府信息公开申请。"))
        case .otherFeeUnpaid:
            body.append(.init("本机关已向\(you)发出收费通知，\(you)逾期未按要求缴纳信息处理费。根据\(basisText)的规定，本机关不再处理该政府信息公开申请。"))
        default:
            body.append(.init(because.isEmpty ? "本机关已依法处理。" : because))
        }
        if outcome.group != .disclosed {
            body.append(.init("如对本答复不服，\(you)可以依法申请行政复议或者提起行政诉讼。"))
        }
        body.append(contactLine)
        return FormalDocument(
            title: "政府信息公开申请答复告知书", number: "登记编号：\(c.registrationNumber)", addressee: "\(c.applicantName)：",
            paragraphs: body, issuer: c.organisationName, date: issuedOn.chinese(withYear: true))
    }
}
