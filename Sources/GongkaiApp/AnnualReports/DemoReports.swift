import FluentKit
import Foundation
import GongkaiDomain

/// The demo county's 2025 applications (Resources/demo/applications-2025.json, written for the demo)
/// and its published 2025 annual reports, computed from them.
struct DemoReports: Sendable {
    struct File: Decodable {
        struct Case: Decodable {
            let org: String
            let kind: String
            let name: String
            let received: String
            let decided: String?
            let outcome: String?
            let description: String
            let reason: String?
        }

        struct Report: Decodable {
            let org: String
            let licensing: Int
            let penalties: Int
            let enforcement: Int
            let feesYuan: Int
            let source: String
            let problems: String
        }

        let cases: [Case]
        let reports: [Report]
    }

    let services: AppServices

    func load(organisations byKey: [String: Organisation]) async throws {
        let file = try ResourceFiles.demo("applications-2025.json", as: File.self)
        let desk = ApplicationDesk(services: services)
        let actor = AuditActor.commandLine("gongkai demo")
        var attachedDemoFile = false
        for c in file.cases {
            guard let org = byKey[c.org], let kind = ApplicantKind(rawValue: c.kind), let received = CivilDate(iso: c.received) else { continue }
            var input = ApplicationInput()
            input.applicantKind = kind
            input.name = c.name
            if kind.isOrganisation {
                input.contactPerson = "联系人"
                input.idKind = .creditCode
                input.idNumber = "91350100M000100Y43"
            } else {
                input.idNumber = "11010519491231002X"
            }
            input.phone = "13900000000"
            input.address = "清溪县（演示地址）"
            input.description = c.description
            let (a, _) = try await desk.submit(input, to: org, channel: .inPerson, receiptDate: received, clientAddress: "本机", actor: actor)
            if let d = c.decided.flatMap(CivilDate.init(iso:)), let code = c.outcome {
                try await desk.record(.init(step: .decided, date: d, note: c.reason ?? "", code: code,
                                            notHeld: .doesNotExist, provision: "通过电子邮件发送至申请人提供的邮箱"), on: a, actor: actor)
                // One disclosed case shows the information provided with the reply (a Word file).
                if code == ReplyOutcome.disclosed.rawValue, !attachedDemoFile {
                    let doc = FormalDocument(title: c.description, paragraphs: [.init("（演示文件）本文件为演示数据，随答复告知书提供给申请人。")],
                                             issuer: org.name, date: d.chinese(withYear: true))
                    _ = try await CaseFileStore(services: services).add(
                        .init(field: "file", filename: "\(c.description).docx", contentType: "application/octet-stream", data: DocxWriter.write(doc)),
                        to: a, actor: actor)
                    attachedDemoFile = true
                }
            }
        }
        let reports = AnnualReportDesk(services: services)
        for r in file.reports {
            guard let org = byKey[r.org] else { continue }
            let report = try await reports.report(for: org, year: 2025)
            let entered = ProactiveTable.EnteredFigures(licensingDecisions: r.licensing, penaltyDecisions: r.penalties,
                                                        enforcementDecisions: r.enforcement, feesYuan: r.feesYuan, source: r.source)
            try await reports.save(report, overview: report.overview, problems: r.problems, other: report.otherMatters + "\n本报告为演示数据。",
                                   entered: entered, actor: actor)
            try await reports.publish(report, org: org, correctionNote: nil, actor: actor)
        }
    }
}
