import FluentKit
import Foundation
import GongkaiDomain

/// The 舆情回应台账 read back: each event with its responses, its clocks and its commitments; the
/// ledger's figures; the spreadsheet the office hands to the assessment.
enum OpinionQueries {
    struct Entry: Sendable {
        let event: OpinionEvent
        let responses: [OpinionResponse]
        let commitments: [OpinionCommitment]
        let checks: [OpinionCheck]

        /// Every deadline met in time (a pending one does not count against it yet).
        var onTime: Bool { !checks.contains(where: \.isLateOrMissed) }
        var decided: Bool { !checks.contains { $0.outcome == .pending } }
    }

    /// Events kept by `officeIDs` or assigned to them, known in `year`, newest first.
    static func ledger(organisationIDs: [Int], year: Int, now: Date, limits: OpinionLimits, on db: any Database) async throws -> [Entry] {
        guard !organisationIDs.isEmpty, let from = SiteClock.instant(CivilDate(year: year, month: 1, day: 1)!, hour: 0, minute: 0),
              let to = SiteClock.instant(CivilDate(year: year + 1, month: 1, day: 1)!, hour: 0, minute: 0) else { return [] }
        let events = try await OpinionEvent.query(on: db).group(.or) { $0.filter(\.$officeID ~~ organisationIDs).filter(\.$organisationID ~~ organisationIDs) }
            .filter(\.$knownAt >= from).filter(\.$knownAt < to).sort(\.$knownAt, .descending).limit(2000).all()
        return try await entries(events, now: now, limits: limits, on: db)
    }

    static func entries(_ events: [OpinionEvent], now: Date, limits: OpinionLimits, on db: any Database) async throws -> [Entry] {
        let ids = events.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let responses = try await OpinionResponse.query(on: db).filter(\.$eventID ~~ ids).sort(\.$at).all()
        let commitments = try await OpinionCommitment.query(on: db).filter(\.$eventID ~~ ids).sort(\.$dueOn).all()
        return events.map { e in
            let mine = responses.filter { $0.eventID == e.id }
            return Entry(event: e, responses: mine, commitments: commitments.filter { $0.eventID == e.id },
                         checks: limits.checks(e.levelValue, knownAt: e.knownAt, responses: mine.map { ($0.kindValue, $0.at) }, now: now))
        }
    }

    struct Figures: Sendable, Equatable {
        var events = 0
        /// Events whose deadlines have all been decided (met or passed).
        var decided = 0
        var onTime = 0
        var commitments = 0
        var kept = 0
        var published = 0
        var overdue = 0
    }

    static func figures(_ entries: [Entry], today: CivilDate) -> Figures {
        var f = Figures()
        f.events = entries.count
        for e in entries {
            if e.decided { f.decided += 1; if e.onTime { f.onTime += 1 } }
            for c in e.commitments {
                f.commitments += 1
                if CommitmentState.kept(due: c.due, doneOn: c.done) { f.kept += 1 }
                if c.stateValue == .published { f.published += 1 }
                if c.stateValue.isOverdue(due: c.due, today: today) { f.overdue += 1 }
            }
        }
        return f
    }

    static let sheetHeader = ["序号", "发现时间", "来源", "舆情概要", "主题分类", "级别", "责任单位", "时限要求", "回应情况", "是否按时",
                              "承诺事项", "承诺办理情况", "状态"]

    /// One row per event, for the .xlsx export.
    static func sheetRows(_ entries: [Entry], names: [Int: String], today: CivilDate) -> [[String]] {
        entries.enumerated().map { n, e in
            let deadlines = e.checks.map { "\($0.what)：\(SiteClock.timeText($0.due).prefix(16))前" }.joined(separator: "\n")
            let responses = e.responses.map { "\(SiteClock.timeText($0.at).prefix(16)) \($0.kindValue.label)（\($0.channel)）：\($0.summary)" }.joined(separator: "\n")
            let timely = e.checks.map { "\($0.what)：\($0.label)" }.joined(separator: "\n")
            let promises = e.commitments.map { "\($0.what)（\(names[$0.organisationID] ?? "")，\($0.due.chinese(withYear: true))前）" }.joined(separator: "\n")
            let progress = e.commitments.map { c in
                c.stateValue.isOverdue(due: c.due, today: today) ? "已逾期未办结" : c.stateValue.label + (c.doneOn.map { "（\($0)）" } ?? "")
            }.joined(separator: "\n")
            return [String(n + 1), String(SiteClock.timeText(e.event.knownAt).prefix(16)), e.event.source, e.event.summary, e.event.topic,
                    e.event.levelValue.label, names[e.event.organisationID] ?? "", deadlines, responses, timely, promises, progress,
                    e.event.closedOn == nil ? "跟踪中" : "已办结（\(e.event.closedOn!)）"]
        }
    }
}
