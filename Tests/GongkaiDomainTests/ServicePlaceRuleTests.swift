import XCTest
@testable import GongkaiDomain

final class ServicePlaceRuleTests: XCTestCase {
    func day(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    /// Working-day hours follow the calendar (调休 Saturday open, 国庆 closed); Saturday hours apply
    /// only to an ordinary Saturday, not to one inside a holiday.
    func testOpeningHoursOnTheHolidayCalendar() throws {
        let (parsed, errors) = OpeningHours.parse("工作日 09:00-12:00 14:00-17:30\n周六 9:00-12:00")
        XCTAssertEqual(errors, [])
        let h = try XCTUnwrap(parsed)
        XCTAssertEqual(h.text, "工作日 09:00-12:00 14:00-17:30\n周六 09:00-12:00")
        let c = WorkingCalendar.shipped
        XCTAssertEqual(h.spans(on: day("2026-09-29"), calendar: c).map(\.description), ["09:00-12:00", "14:00-17:30"], "a Tuesday")
        XCTAssertEqual(h.spans(on: day("2026-10-10"), calendar: c).map(\.description), ["09:00-12:00", "14:00-17:30"], "调休 Saturday: working hours")
        XCTAssertEqual(h.spans(on: day("2026-10-03"), calendar: c), [], "国庆 Saturday: closed")
        XCTAssertEqual(h.spans(on: day("2026-10-17"), calendar: c).map(\.description), ["09:00-12:00"], "an ordinary Saturday")
        XCTAssertEqual(h.spans(on: day("2026-10-18"), calendar: c), [], "Sunday not named: closed")
        XCTAssertEqual(h.today(day("2026-09-29"), minute: 8 * 60, calendar: c), .opensLater(h.workingDays[0]))
        XCTAssertEqual(h.today(day("2026-09-29"), minute: 9 * 60, calendar: c), .openNow(until: h.workingDays[0]))
        XCTAssertEqual(h.today(day("2026-09-29"), minute: 12 * 60, calendar: c), .opensLater(h.workingDays[1]), "lunch break")
        XCTAssertEqual(h.today(day("2026-09-29"), minute: 17 * 60 + 30, calendar: c), .closedForTheDay)
        XCTAssertEqual(h.today(day("2026-10-01"), minute: 600, calendar: c), .closedToday(holiday: "国庆节"))
        XCTAssertEqual(h.today(day("2026-10-18"), minute: 600, calendar: c), .closedToday(holiday: nil))
    }

    func testOpeningHoursErrorsNameTheLine() {
        XCTAssertEqual(OpeningHours.parse("").1, ["请填写开放时间，如“工作日 09:00-12:00 14:00-17:30”"])
        XCTAssertEqual(OpeningHours.parse("周一 09:00-12:00").1, ["开放时间第1行：应以“工作日”“周六”或“周日”开头，后接时段，如“工作日 09:00-12:00”"])
        XCTAssertEqual(OpeningHours.parse("工作日 09:00-12:00\n周六 12:00-09:00").1, ["开放时间第2行：时段“12:00-09:00”应写成“09:00-12:00”"])
        XCTAssertEqual(OpeningHours.parse("工作日 14:00-17:00 09:00-12:00").1, ["开放时间第1行：时段应按先后顺序且不重叠"])
        for bad in ["工作日 25:00-26:00", "工作日 9-12", "工作日 09:60-10:00", "工作日 09:00-24:01"] { XCTAssertNil(OpeningHours.parse(bad).0, bad) }
        XCTAssertNotNil(OpeningHours.parse("周日 00:00-24:00").0)
    }

    func testCoordinatesAreCheckedAndLinkTheMapApps() throws {
        let p = try XCTUnwrap(GeoPoint(parsing: "104.712340，31.021560"))
        XCTAssertEqual(p.text, "104.712340, 31.021560")
        for bad in ["", "104.7", "31.02, 104.71", "200, 30", "104.7123456, 31.02", "abc, def", "-104, 31", "104.7,31.0,5"] {
            XCTAssertNil(GeoPoint(parsing: bad), bad)
        }
        let links = p.mapLinks(name: "清溪县政务服务中心")
        XCTAssertEqual(links.map(\.app), ["高德地图", "百度地图", "腾讯地图"])
        XCTAssertTrue(links[0].url.contains("position=104.712340,31.021560") && links[0].url.contains("coordinate=gaode"))
        XCTAssertTrue(links[1].url.contains("location=31.021560,104.712340") && links[1].url.contains("coord_type=gcj02"))
        XCTAssertTrue(links[2].url.contains("coord:31.021560,104.712340"))
    }

    /// North up, east right; the extremes touch the margins of the longer side; the shorter side is centred.
    func testSketchPlacesMarkersNorthUp() {
        let markers = [PlaceMapSketch.Marker(number: 1, point: GeoPoint(longitude: 104.0, latitude: 31.0)!),
                       PlaceMapSketch.Marker(number: 2, point: GeoPoint(longitude: 104.1, latitude: 31.2)!),
                       PlaceMapSketch.Marker(number: 3, point: GeoPoint(longitude: 104.05, latitude: 31.1)!)]
        let placed = PlaceMapSketch.layout(markers, width: 600, height: 420, margin: 30)
        XCTAssertEqual(placed[0].y, 390, accuracy: 0.001, "the southernmost at the bottom margin")
        XCTAssertEqual(placed[1].y, 30, accuracy: 0.001, "the northernmost at the top margin")
        XCTAssertLessThan(placed[0].x, placed[1].x, "east is right")
        XCTAssertEqual(placed[2].x, (placed[0].x + placed[1].x) / 2, accuracy: 0.001)
        XCTAssertEqual((placed[0].x + placed[1].x) / 2, 300, accuracy: 0.001, "centred across")
        XCTAssertTrue(PlaceMapSketch.svg(markers, title: "<图>").contains("<title id=\"map-title\">&lt;图&gt;</title>"))
        XCTAssertEqual(PlaceMapSketch.layout([], width: 600, height: 420, margin: 30).count, 0)
    }
}
