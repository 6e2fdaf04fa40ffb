import FluentKit
import Foundation
import GongkaiDomain
import GongkaiFormats

/// 村（居）务公开 work: a village operator's item from the phone (text, the finance table, the
/// photo of the 公开栏 with its location and time removed) sent to the township's review; the
/// township's benefit lists published "to villages"; the village's matter list and 监督委员会;
/// the township's board-photo rule. Publishing itself is the publishing capability's: items go
/// through the same 先审后发 flow (the township's settings apply to its villages).
struct VillageDesk: Sendable {
    let services: AppServices

    static let operators: Set<StaffRole> = [.informationOfficer, .disclosureOfficeAdministrator]
    static let viewers: Set<StaffRole> = [.informationOfficer, .reviewer, .disclosureOfficeAdministrator]
    static let office: Set<StaffRole> = [.disclosureOfficeAdministrator]
    /// Columns whose items come round periodically (the board photo rule applies to them).
    static let periodicColumns: Set<String> = ["cwgk", "hnbt", "shjz"]

    struct PhoneInput: Sendable {
        var column = ""
        var title = ""
        var text = ""
        var finance: FinanceTable?
    }

    static func parse(_ form: FormData) -> (PhoneInput, [String: String]) {
        var i = PhoneInput()
        var e: [String: String] = [:]
        i.column = form["column"]
        if DisclosureColumn.village.first(where: { $0.key == i.column }) == nil { e["column"] = "请选择公开事项" }
        i.title = form["title"].trimmingSpaces()
        if i.title.isEmpty || i.title.count > 100 { e["title"] = "请填写标题（100字以内）" }
        i.text = form["text"].trimmingCharacters(in: .whitespacesAndNewlines)
        if i.text.count > 5000 { e["text"] = "正文不能超过5000个字（现为\(i.text.count)个字）" }
        if i.column == "cwgk" {
            let (table, errors) = FinanceTable.parse(period: form["period"], opening: form["opening"], income: form["income"],
                                                     expense: form["expense"], closing: form["closing"])
            e.merge(errors) { a, _ in a }
            i.finance = table
        } else if i.text.isEmpty {
            e["text"] = "请填写公开内容"
        }
        return (i, e)
    }

    /// The item's body: the text as paragraphs (escaped), then the finance table.
    static func body(_ i: PhoneInput) -> String {
        let paragraphs = i.text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { "<p>\(HTMLText.escape($0))</p>" }.joined()
        return HTMLSanitizer.sanitize(paragraphs + (i.finance?.html ?? ""))
    }

    /// Creates the draft (or changes it while it is still a draft) and its finance table; the text
    /// is saved before any photo is sent, so a failed upload loses nothing.
    func saveDraft(_ input: PhoneInput, in village: Organisation, item existing: InformationItem?, author: StaffUser, actor: AuditActor) async throws -> InformationItem {
        var i = ItemInput()
        i.title = input.title
        i.kind = .notice
        i.genre = "公示"
        i.writtenOn = services.clock.today()
        i.formedOn = services.clock.today()
        i.columns = [input.column]
        i.bodyHTML = Self.body(input)
        i.summary = String(HTMLSanitizer.plainText(i.bodyHTML).prefix(100))
        let publishing = PublishingDesk(services: services)
        let item: InformationItem
        if let existing {
            try await publishing.update(existing, with: i, actor: actor)
            item = existing
        } else {
            item = try await publishing.create(i, in: village, author: author, actor: actor)
        }
        let itemID = try item.requireID()
        let old = try await VillageFinance.query(on: services.db).filter(\.$itemID == itemID).first()
        if let t = input.finance {
            let f = old ?? VillageFinance()
            if old == nil { f.id = UUID(); f.itemID = itemID; f.organisationID = try village.requireID() }
            f.periodKey = t.period.key; f.openingFen = t.opening.fen; f.closingFen = t.closing.fen
            f.income = VillageFinance.lines(t.income); f.expense = VillageFinance.lines(t.expense)
            if old == nil { try await f.create(on: services.db) } else { try await f.update(on: services.db) }
        } else if let old {
            try await old.delete(on: services.db)
        }
        return item
    }

    /// A photo of the 公开栏: JPEG or PNG only, stored without its location, time and comments.
    func attachPhoto(_ file: MultipartForm.File, to item: InformationItem, actor: AuditActor) async throws {
        guard !file.data.isEmpty else { throw DeskFailure.invalid(["photo": "请选择照片"]) }
        guard let type = AttachmentType.detect(file.data), type == .jpeg || type == .png else {
            throw DeskFailure.invalid(["photo": "请上传手机拍摄的照片（JPEG 或 PNG）"])
        }
        guard let clean = ImageMetadata.strip(file.data) else { throw DeskFailure.invalid(["photo": "照片文件不完整，请重新拍摄或选择"]) }
        let name = "公开栏照片." + (type == .jpeg ? "jpg" : "png")
        do {
            _ = try await AttachmentStore(services: services).add(MultipartForm.File(field: "photo", filename: name, contentType: type.mimeType, data: clean),
                                                                 to: item, actor: actor)
        } catch AttachmentStore.Failure.invalid(let message) {
            throw DeskFailure.invalid(["photo": message])
        }
    }

    func photos(of item: InformationItem) async throws -> [ItemAttachment] {
        try await AttachmentStore(services: services).attachments(of: item).filter { $0.typeValue == .jpeg || $0.typeValue == .png }
    }

    /// The township whose rules apply to a village.
    func township(of village: Organisation) async throws -> Organisation? {
        guard let p = village.parentID else { return nil }
        return try await Organisation.find(p, on: services.db)
    }

    func profile(_ organisationID: Int) async throws -> VillageProfile? {
        try await VillageProfile.query(on: services.db).filter(\.$organisationID == organisationID).first()
    }

    /// Why the item cannot go to review yet (the township's board-photo rule), or nil.
    func submitProblem(_ item: InformationItem, village: Organisation) async throws -> String? {
        guard !Self.periodicColumns.isDisjoint(with: item.columnKeys), let t = try await township(of: village),
              try await profile(t.requireID())?.requireBoardPhoto == true else { return nil }
        return try await photos(of: item).isEmpty ? "\(t.name)要求：财务、补贴和救助公开须附公开栏张贴的照片" : nil
    }

    func submit(_ item: InformationItem, village: Organisation, roles: Set<StaffRole>, userID: UUID?, actor: AuditActor) async throws {
        if let p = try await submitProblem(item, village: village) { throw DeskFailure.invalid(["photo": p]) }
        try await PublishingDesk(services: services).perform(.submit, on: item, roles: roles, actorUserID: userID, actor: actor)
    }

    // MARK: The township's lists "to villages"

    /// A township's 惠农补贴/救助 list as a draft item of the township (column 社会救助 or the
    /// township's 农业农村政策), with the masked rows kept for the villages' sections; or a village's
    /// own list of the same kind.
    func saveBenefitList(title: String, rows: String, column: String, township: Organisation, author: StaffUser, actor: AuditActor) async throws -> InformationItem {
        // A township lists its villages' people; a village its own (to be compared with the township's).
        let villages = township.kind.isVillage ? [township]
            : try await OrganisationQueries.children(of: township.requireID(), on: services.db).filter(\.kind.isVillage)
        let title = title.trimmingSpaces()
        var errors: [String: String] = [:]
        if title.isEmpty || title.count > 100 { errors["title"] = "请填写名单标题（100字以内）" }
        guard DisclosureColumn.columns(for: township.kind).contains(where: { $0.key == column }) else { throw DeskFailure.invalid(["column": "请选择公开栏目"]) }
        var list: BenefitList?
        switch BenefitList.parse(rows, villages: Set(villages.map(PushQueries.displayName)), preset: services.config.idMaskPreset) {
        case .success(let l): list = l
        case .failure(let p): errors["rows"] = p.message
        }
        guard errors.isEmpty, let list else { throw DeskFailure.invalid(errors) }
        var i = ItemInput()
        i.title = title; i.kind = .notice; i.genre = "公示"; i.writtenOn = services.clock.today(); i.formedOn = services.clock.today()
        i.columns = [column]
        i.bodyHTML = HTMLSanitizer.sanitize("<p>\(HTMLText.escape(title))（共\(list.rows.count)户，合计\(list.total)元）。各村（社区）的名单同时在其村（居）务公开栏目中公开。</p>" + list.html())
        i.summary = String("\(title)，共\(list.rows.count)户，合计\(list.total)元".prefix(100))
        let item = try await PublishingDesk(services: services).create(i, in: township, author: author, actor: actor)
        let r = BenefitListRecord()
        r.id = UUID(); r.itemID = try item.requireID(); r.organisationID = try township.requireID(); r.rows = list.stored
        try await r.create(on: services.db)
        return item
    }

    /// Links a village's own item to the township's item on the same matter (by the township item's 索引号).
    func link(_ item: InformationItem, toTownshipIndex index: String, village: Organisation, actor: AuditActor) async throws {
        guard let t = try await township(of: village),
              let target = try await InformationItem.query(on: services.db).filter(\.$indexNumber == index.trimmingSpaces())
                .filter(\.$organisationID == t.requireID()).first() else {
            throw DeskFailure.invalid(["township_index": "找不到乡镇发布的这条信息（请填写乡镇信息的索引号）"])
        }
        let itemID = try item.requireID()
        let link = try await VillageItemLink.query(on: services.db).filter(\.$itemID == itemID).first() ?? VillageItemLink()
        if link.id == nil { link.id = UUID(); link.itemID = itemID }
        link.townshipItemID = try target.requireID()
        try await services.db.transaction { tx in
            try await link.save(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: village.id, entity: .villageAffairs, entityID: item.indexNumber,
                                            action: "关联乡镇同一事项", changes: [.init(field: "township_item", before: nil, after: target.indexNumber)])
        }
    }

    // MARK: Profile and matter list

    func saveProfile(_ org: Organisation, supervisors: String?, requireBoardPhoto: Bool?, actor: AuditActor) async throws {
        let orgID = try org.requireID()
        let p = try await profile(orgID) ?? VillageProfile()
        if p.id == nil { p.id = UUID(); p.organisationID = orgID; p.supervisors = ""; p.requireBoardPhoto = false }
        if let supervisors {
            let text = supervisors.trimmingSpaces()
            guard text.count <= 1000 else { throw DeskFailure.invalid(["supervisors": "不能超过1000个字"]) }
            p.supervisors = text
        }
        if let requireBoardPhoto { p.requireBoardPhoto = requireBoardPhoto }
        p.updatedAt = services.clock.now()
        try await services.db.transaction { tx in
            try await p.save(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: orgID, entity: .villageAffairs, entityID: org.name,
                                            action: supervisors != nil ? "修改村务监督委员会" : (p.requireBoardPhoto ? "要求附公开栏照片" : "不要求附公开栏照片"))
        }
    }

    func matters(of organisationID: Int) async throws -> [VillageMatter] {
        try await VillageMatter.query(on: services.db).filter(\.$organisationID == organisationID).sort(\.$position).all()
    }

    /// Starts a village's list from its township's template, or a township's template from the
    /// built-in one (only when there is none yet).
    func startMatters(_ village: Organisation, actor: AuditActor) async throws {
        let id = try village.requireID()
        guard try await matters(of: id).isEmpty else { throw DeskFailure.refused("事项清单已经建立，请逐项修改") }
        var source = VillageMatterTemplate.rows
        if village.kind.isVillage, let t = try await township(of: village) {
            let own = try await matters(of: t.requireID())
            if !own.isEmpty { source = own.map { VillageMatterTemplate.Row(matter: $0.matter, content: $0.content, timing: $0.timing, column: $0.columnKey) } }
        }
        let rows = source
        try await services.db.transaction { tx in
            for (n, r) in rows.enumerated() {
                let m = VillageMatter()
                m.id = UUID(); m.organisationID = id; m.position = n + 1; m.matter = r.matter; m.content = r.content; m.timing = r.timing; m.columnKey = r.column
                try await m.create(on: tx)
            }
            try await services.audit.record(on: tx, actor: actor, organisationID: id, entity: .villageAffairs, entityID: village.name,
                                            action: village.kind.isVillage ? "按模板建立事项清单" : "建立村级事项模板")
        }
    }

    func saveMatter(_ m: VillageMatter, content: String, timing: String, actor: AuditActor) async throws {
        let content = content.trimmingSpaces(), timing = timing.trimmingSpaces()
        guard !content.isEmpty, content.count <= 200 else { throw DeskFailure.invalid(["content": "公开内容应为1至200个字"]) }
        guard !timing.isEmpty, timing.count <= 60 else { throw DeskFailure.invalid(["timing": "公开时限应为1至60个字"]) }
        let before = m.content
        m.content = content; m.timing = timing
        try await services.db.transaction { tx in
            try await m.update(on: tx)
            try await services.audit.record(on: tx, actor: actor, organisationID: m.organisationID, entity: .villageAffairs, entityID: m.matter,
                                            action: "修改事项清单", changes: [.init(field: "content", before: before, after: content)])
        }
    }

    func publishMatters(_ village: Organisation, actor: AuditActor) async throws {
        guard village.kind.isVillage else { throw DeskFailure.refused("乡镇的村级事项模板不单独公布，各村建立清单后公布") }
        let rows = try await matters(of: village.requireID()).filter { $0.publishedAt == nil }
        guard !rows.isEmpty else { throw DeskFailure.refused("没有待公布的事项") }
        let now = services.clock.now()
        try await services.db.transaction { tx in
            for r in rows { r.publishedAt = now; try await r.update(on: tx) }
            try await services.audit.record(on: tx, actor: actor, organisationID: village.id, entity: .villageAffairs, entityID: village.name,
                                            action: "公布事项清单", changes: [.init(field: "rows", before: nil, after: String(rows.count))])
        }
    }
}
