import FluentKit
import Foundation
import GongkaiDomain

/// The working-day calendar in force: the shipped schedule, with years entered in the back office
/// replacing or extending it. Read from the database each time, so every instance sees a change at once.
struct CalendarStore: Sendable {
    let services: AppServices

    func calendar(on db: (any Database)? = nil) async throws -> WorkingCalendar {
        let db = db ?? services.db
        var schedule = WorkingCalendar.shipped.schedule
        let years = try await HolidayYear.query(on: db).all()
        guard !years.isEmpty else { return WorkingCalendar.shipped }
        let days = try await HolidayDay.query(on: db).all()
        for y in years {
            let entries = days.filter { $0.year == y.year }.compactMap { d -> HolidaySchedule.Entry? in
                guard let date = CivilDate(iso: d.day), let kind = HolidaySchedule.Kind(rawValue: d.kind) else { return nil }
                return .init(date: date, kind: kind, name: d.name)
            }
            schedule.replaceYear(y.year, with: entries)
        }
        return WorkingCalendar(schedule: schedule)
    }

    enum Failure: Error, Equatable {
        case invalid([String])
    }

    /// Replaces one year's arrangement from CSV text (`date,kind,name` lines); nothing changes unless
    /// every line is valid and belongs to that year.
    func importYear(_ year: Int, csv: String, source: String, actor: AuditActor) async throws -> Int {
        guard (2000...2100).contains(year) else { throw Failure.invalid(["年份应在2000至2100之间"]) }
        let schedule: HolidaySchedule
        switch HolidaySchedule.parseCSV(csv) {
        case .failure(let f): throw Failure.invalid(f.problems.map(\.message))
        case .success(let s): schedule = s
        }
        let outside = schedule.entries.keys.filter { $0.year != year }.sorted()
        if !outside.isEmpty {
            throw Failure.invalid(outside.prefix(5).map { "\($0) 不属于\(year)年" })
        }
        if schedule.entries.isEmpty { throw Failure.invalid(["没有任何日期；每行格式为：日期,类型,名称，如 \(year)-01-01,holiday,元旦"]) }
        let audit = services.audit
        let before = try await calendar().schedule.entries.values.filter { $0.date.year == year }.count
        try await services.db.transaction { db in
            try await HolidayDay.query(on: db).filter(\.$year == year).delete()
            for e in schedule.entries.values.sorted(by: { $0.date < $1.date }) {
                let d = HolidayDay()
                d.year = year
                d.day = e.date.description
                d.kind = e.kind.rawValue
                d.name = e.name
                try await d.create(on: db)
            }
            let y = try await HolidayYear.query(on: db).filter(\.$year == year).first() ?? HolidayYear()
            y.year = year
            y.source = source
            try await y.save(on: db)
            try await audit.record(on: db, actor: actor, organisationID: nil, entity: .holidays, entityID: String(year),
                                   action: "导入", changes: [
                                       FieldChange(field: "days", before: String(before), after: String(schedule.entries.count)),
                                       FieldChange(field: "source", before: nil, after: source),
                                   ])
        }
        return schedule.entries.count
    }
}
