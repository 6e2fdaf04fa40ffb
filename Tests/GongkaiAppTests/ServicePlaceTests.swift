import FluentKit
import Foundation
import GongkaiDomain
import Hummingbird
import HummingbirdTesting
import XCTest
@testable import GongkaiApp

/// The 政务地图 over HTTP: the office adds places (coordinates and hours checked), the public list
/// filters by township and kind, says whether each is open today on the holiday calendar, and the
/// GeoJSON and the printable sheet carry the same places; a hidden place is gone.
final class ServicePlaceTests: XCTestCase {
    func testPlacesFromTheOfficeToThePublicMap() async throws {
        try await withEnvironment { env in
            let f = try await Fixture.seed(env)
            try await LetterTests.grantCountyOffice(env, f)
            env.services.clock.set(SiteClock.instant(CivilDate(iso: "2026-10-10")!, hour: 10, minute: 0))
            try await env.withClient { client in
                let office = Browser(client)
                try await office.logIn("countyoffice", Fixture.password)
                let base: [(String, String)] = [("organisation", String(f.county.id!)), ("kind", "township_centre"), ("name", "测试镇便民服务中心"),
                                                ("address", "测试镇新街1号"), ("hours", "工作日 09:00-12:00 14:00-17:30\n周六 09:00-12:00"),
                                                ("phone", "0832-6211000"), ("area", String(f.township.id!))]
                let bad = try await office.post("/admin/places", base + [("coordinates", "31.0, 204.7")])
                XCTAssertEqual(bad.status, .badRequest)
                XCTAssertTrue(bad.body.contains("请填写经度和纬度（GCJ-02"))
                XCTAssertTrue(bad.body.contains("测试镇新街1号"), "what was typed stays")
                let made = try await office.post("/admin/places", base + [("coordinates", "104.7189, 31.0154")])
                XCTAssertEqual(made.status, .found)
                _ = try await office.post("/admin/places", [("organisation", String(f.county.id!)), ("kind", "gazette_reading"), ("name", "测试县图书馆"),
                                                            ("address", "文化路12号"), ("hours", "周日 09:00-17:00"), ("coordinates", "104.7058, 31.0263"),
                                                            ("area", String(f.county.id!))])
                let outsider = Browser(client)
                try await outsider.logIn("admina", Fixture.password)
                let foreign = try await outsider.post("/admin/places", [("organisation", String(f.deptA.id!))] + base.dropFirst() + [("coordinates", "104.7, 31.0")])
                XCTAssertTrue(foreign.body.contains("所在乡镇应为本机关或其下属单位"), "a department cannot place things in a township")

                let citizen = Browser(client)
                let map = try await citizen.get("/banshi/map")
                // 10月10日 is the 调休 Saturday: working hours apply.
                XCTAssertTrue(map.body.contains("今日开放，现在开放中（至12:00）"), map.body)
                XCTAssertTrue(map.body.contains("uri.amap.com/marker?position=104.718900,31.015400"))
                XCTAssertTrue(map.body.contains("<svg"))
                let township = try await citizen.get("/banshi/map?area=\(f.township.id!)")
                XCTAssertTrue(township.body.contains("测试镇便民服务中心") && !township.body.contains("测试县图书馆"))
                let kind = try await citizen.get("/banshi/map?kind=gazette_reading")
                XCTAssertTrue(kind.body.contains("测试县图书馆") && !kind.body.contains("测试镇便民服务中心"))
                let badKind = try await citizen.get("/banshi/map?kind=castle")
                XCTAssertEqual(badKind.status, .badRequest)
                env.services.clock.set(SiteClock.instant(CivilDate(iso: "2026-10-02")!, hour: 10, minute: 0))
                let holiday = try await citizen.get("/banshi/map?area=\(f.township.id!)")
                XCTAssertTrue(holiday.body.contains("今日国庆节放假，不开放"))

                let geojson = try await citizen.get("/banshi/map.geojson")
                let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(geojson.body.utf8)) as? [String: Any])
                let features = try XCTUnwrap(object["features"] as? [[String: Any]])
                XCTAssertEqual(features.count, 2)
                let coordinates = features.compactMap { (($0["geometry"] as? [String: Any])?["coordinates"] as? [Double]) }
                XCTAssertTrue(coordinates.contains([104.7189, 31.0154]), "[longitude, latitude] as GeoJSON orders them")
                let sheet = try await citizen.get("/banshi/map/print?kind=township_centre")
                XCTAssertTrue(sheet.body.contains("线下政务地图") && sheet.body.contains("测试镇便民服务中心") && !sheet.body.contains("测试县图书馆"))

                try await office.logIn("countyoffice", Fixture.password)
                let place = try await ServicePlace.query(on: env.db).filter(\.$name == "测试县图书馆").first()!
                _ = try await office.post("/admin/places/\(place.id!.uuidString)", [("action", "hide")])
                let after = try await citizen.get("/banshi/map")
                XCTAssertFalse(after.body.contains("测试县图书馆"))
            }
            let actions = Set(try await AuditRecord.query(on: env.db).filter(\.$entity == AuditEntity.servicePlace.rawValue).all().map(\.action))
            XCTAssertEqual(actions, ["添加政务地图场所", "隐藏政务地图场所"])
        }
    }
}
