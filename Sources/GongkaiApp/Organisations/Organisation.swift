import FluentKit
import Foundation
import GongkaiDomain

/// An organ in the county's disclosure tree (county government, department, township, village).
public final class Organisation: Model, @unchecked Sendable {
    public static let schema = "organisations"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "name") public var name: String
    @Field(key: "short_name") public var shortName: String
    @Field(key: "kind") public var kindRaw: String
    @OptionalField(key: "parent_id") public var parentID: Int?
    /// Materialised ancestry, e.g. "/1/5/12/" (see `OrganisationPath`).
    @Field(key: "path") public var path: String
    @Field(key: "sort_order") public var sortOrder: Int
    @OptionalField(key: "credit_code") public var creditCode: String?
    @OptionalField(key: "division_code") public var divisionCode: String?
    // Facts the 政府信息公开指南 must give (条例 Art. 12).
    @Field(key: "office_name") public var officeName: String
    @Field(key: "office_address") public var officeAddress: String
    @Field(key: "office_hours") public var officeHours: String
    @Field(key: "office_phone") public var officePhone: String
    @Field(key: "office_fax") public var officeFax: String
    @Field(key: "office_email") public var officeEmail: String
    @Field(key: "office_web") public var officeWeb: String
    // 机关简介.
    @Field(key: "functions_text") public var functionsText: String
    @Field(key: "structure_text") public var structureText: String
    @Field(key: "head_name") public var headName: String
    /// Editable part of the 指南 (classification, how to apply, fees…), shown after the generated facts.
    @Field(key: "guide_text") public var guideText: String
    /// The 政府信息公开制度 column's own text (M031), above the 工作制度 items.
    @Field(key: "rules_text") public var rulesText: String
    @Field(key: "is_active") public var isActive: Bool
    /// Remedy clause of reply letters (M029): 复议机关, court, time limits; and the 文号 pattern ("" = standard).
    @Field(key: "review_organ") public var reviewOrgan: String
    @Field(key: "court") public var court: String
    @Field(key: "review_days") public var reviewDays: Int
    @Field(key: "litigation_months") public var litigationMonths: Int
    @Field(key: "letter_number_pattern") public var letterNumberPattern: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {
        reviewOrgan = ""
        court = ""
        reviewDays = 60
        litigationMonths = 6
        letterNumberPattern = ""
    }

    var remedy: ReplyRemedy {
        ReplyRemedy(reviewOrgan: reviewOrgan, court: court, reviewDays: reviewDays, litigationMonths: litigationMonths)
    }

    var letterNumbers: LetterNumberPattern {
        letterNumberPattern.isEmpty ? .standard : LetterNumberPattern(letterNumberPattern)
    }

    public var kind: OrganisationKind { OrganisationKind(rawValue: kindRaw) ?? .countyDepartment }
    public var ancestry: OrganisationPath { OrganisationPath(path) ?? OrganisationPath(ids: [id ?? 0]) }

    /// Snapshot of the fields the audit trail compares.
    var auditSnapshot: [String: String?] {
        [
            "name": name, "short_name": shortName, "kind": kindRaw, "parent_id": parentID.map(String.init),
            "sort_order": String(sortOrder), "credit_code": creditCode, "division_code": divisionCode,
            "office_name": officeName, "office_address": officeAddress, "office_hours": officeHours,
            "office_phone": officePhone, "office_fax": officeFax, "office_email": officeEmail,
            "office_web": officeWeb, "functions_text": functionsText, "structure_text": structureText,
            "head_name": headName, "guide_text": guideText, "rules_text": rulesText, "is_active": isActive ? "是" : "否",
            "review_organ": reviewOrgan, "court": court, "review_days": String(reviewDays),
            "litigation_months": String(litigationMonths), "letter_number_pattern": letterNumberPattern,
        ]
    }
}
