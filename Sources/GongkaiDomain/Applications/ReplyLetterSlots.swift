/// The shipped texts of every standard document, one slot per document (and per outcome for the
/// 答复告知书), with the fields each may use.
extension ReplyLetters {
    public struct Slot: Sendable {
        public let key: String
        public let label: String
        public let fields: [String]
        public let defaultText: String
        let template: LetterTemplate
    }

    public static let commonFields = ["称谓", "申请人", "登记编号", "收到日期", "提交日期", "申请内容", "机关名称", "联系方式", "救济途径"]

    static let intro = "本机关于{收到日期}收到{称谓}提出的政府信息公开申请，申请获取{申请内容}。"
    static let contactLine = "联系方式：{联系方式}。"
    /// The review organ, the court and both time limits come from the organisation's settings (ReplyRemedy).
    static let remedy = "{救济途径}"

    static func make(_ key: String, _ label: String, extra: [String], _ lines: [String]) -> Slot {
        let fields = commonFields + extra
        let text = lines.joined(separator: "\n")
        // The shipped texts are checked by the test suite; a mistake here is a programming error.
        let template = try! LetterTemplate(text, fields: fields)
        return Slot(key: key, label: label, fields: fields, defaultText: text, template: template)
    }

    static let replyFields = ["答复理由", "处理说明", "法律依据", "负责机关提示", "提供方式"]

    /// The outcome paragraph of each 答复告知书.
    static func replyLine(_ o: ReplyOutcome) -> String {
        switch o {
        case .disclosed:
            return "{称谓}申请获取的政府信息属于公开范围。根据{法律依据}的规定，本机关予以公开。{提供方式}{答复理由}"
        case .partiallyDisclosed:
            return "{称谓}申请获取的政府信息中，部分内容不应当公开。{答复理由}根据{法律依据}的规定，本机关对可以区分处理的部分予以公开，对不应当公开的部分不予公开。{提供方式}"
        case .withheldStateSecret, .withheldProhibitedByLaw, .withheldThreeSecurities, .withheldThirdPartyRights,
             .withheldInternalAffairs, .withheldProcessInformation, .withheldEnforcementFile, .withheldAdministrativeQuery:
            return "{答复理由}根据{法律依据}的规定，本机关决定不予公开。"
        case .unavailableNotHeld:
            return "经检索查找，本机关未制作、获取{称谓}申请的政府信息。{答复理由}根据{法律依据}的规定，告知{称谓}该政府信息不存在。"
        case .unavailableWouldNeedCreating:
            return "{称谓}申请获取的信息需要本机关对现有政府信息进行加工、分析后另行制作。{答复理由}根据{法律依据}的规定，本机关不予提供。"
        case .unavailableStillUnclear:
            return "本机关已告知{称谓}补正，补正后的申请内容仍不明确，无法确定{称谓}所需的政府信息。{答复理由}根据{法律依据}的规定，本机关无法提供。"
        case .notProcessedPetition:
            return "{称谓}提出的申请实质为信访、投诉、举报事项，不属于政府信息公开申请。{答复理由}根据{法律依据}的规定，本机关不作为政府信息公开申请处理，{称谓}可通过相应渠道提出。"
        case .notProcessedRepeat:
            return "{称谓}申请获取的政府信息，本机关已经作出过答复，本次属于重复申请。{答复理由}根据{法律依据}的规定，本机关不予重复处理。"
        case .notProcessedPublication:
            return "{称谓}申请获取的是公开出版物。{答复理由}根据{法律依据}的规定，{称谓}可通过相应渠道获取。"
        case .notProcessedExcessive:
            return "{称谓}提出的政府信息公开申请的数量、频次明显超过合理范围，且未能说明合理理由。{答复理由}根据{法律依据}的规定，本机关不予处理。"
        case .notProcessedConfirmation:
            return "{称谓}的申请是要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围。{答复理由}本机关不予处理。"
        case .otherNoCorrection:
            return "本机关已书面告知{称谓}补正申请，{称谓}无正当理由逾期未补正，视为放弃申请。根据{法律依据}的规定，本机关不再处理该政府信息公开申请。"
        case .otherFeeUnpaid:
            return "本机关已向{称谓}发出收费通知，{称谓}逾期未按要求缴纳信息处理费。根据{法律依据}的规定，本机关不再处理该政府信息公开申请。"
        case .otherMisc:
            return "{处理说明}"
        }
    }

    public static let slots: [Slot] = {
        var all = [
            make("receipt", "登记回执", extra: ["收到日期规则"], [
                "本机关已于{提交日期}收到{称谓}提交的政府信息公开申请，申请获取{申请内容}。",
                "收到申请的日期按《中华人民共和国政府信息公开条例》第三十一条确定：{收到日期规则}。本机关将自收到申请之日起20个工作日内作出答复；需要延长答复期限的，将另行书面告知。",
                "{称谓}可凭登记编号和查询码查询办理进度。",
                contactLine,
            ]),
            make("correction", "补正告知书", extra: ["补正事项", "补正期限"], [
                intro,
                "经审查，{称谓}的申请内容不够明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，请{称谓}对以下内容作出补正：{补正事项}",
                "请于{补正期限}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。",
                contactLine,
            ]),
            make("extension", "延期答复告知书", extra: ["延期理由", "延长工作日", "新答复期限"], [
                intro,
                "因{延期理由}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长{延长工作日}个工作日，最迟于{新答复期限}前作出答复。",
                "特此告知。",
                contactLine,
            ]),
            make("consultation.third_party", "征求第三方意见函", extra: ["征求对象", "征求期限"], [
                "本机关收到一件政府信息公开申请，申请获取{申请内容}。经审查，公开该信息可能损害贵方合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求贵方意见。",
                "请于收到本函之日起{征求期限}个工作日内，以书面形式向本机关提出意见，并说明理由。逾期未提出意见的，本机关将依照《中华人民共和国政府信息公开条例》的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知贵方。",
                contactLine,
            ]),
            make("consultation.other_organ", "征求其他机关意见函", extra: ["征求对象", "征求期限"], [
                "本机关收到一件政府信息公开申请，申请获取{申请内容}。经审查，该政府信息由本机关与贵机关共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关意见。",
                "请于收到本函之日起{征求期限}个工作日内，以书面形式向本机关提出意见，并说明理由。逾期未提出意见的，视为同意公开。",
                contactLine,
            ]),
            make("fee", "收费通知书", extra: ["计费说明", "金额", "缴费期限"], [
                intro,
                "{称谓}申请的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》的规定，本机关依法收取信息处理费：{计费说明}，应缴金额{金额}元。",
                "请于{缴费期限}前按本机关告知的方式缴纳。缴费期间不计入答复期限。逾期未缴纳的，本机关将不再处理该政府信息公开申请。",
                contactLine,
            ]),
        ]
        for o in ReplyOutcome.allCases {
            var lines = [intro + "经审查，现答复如下：", replyLine(o)]
            if o.group != .disclosed { lines.append(remedy) }
            lines.append(contactLine)
            all.append(make("reply.\(o.rawValue)", "答复告知书：\(o.fullLabel)", extra: replyFields, lines))
        }
        // Art. 36(五): the same report row as (四), a different answer.
        all.append(make("reply.4.1.not_this_organ", "答复告知书：（四）无法提供 · 1.不属于本机关负责公开", extra: replyFields, [
            intro + "经审查，现答复如下：",
            "{称谓}申请获取的政府信息不属于本机关负责公开。{答复理由}根据{法律依据}的规定，特此告知。{负责机关提示}",
            remedy, contactLine,
        ]))
        return all
    }()

    public static func slot(_ key: String) -> Slot? { slots.first { $0.key == key } }
}
