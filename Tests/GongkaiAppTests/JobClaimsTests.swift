import FluentKit
import Foundation
import XCTest
@testable import GongkaiApp

/// Several `serve` instances on one database run each periodic job once per interval (issue 21).
final class JobClaimsTests: XCTestCase {
    func testOfInstancesRacingForAJobExactlyOneRunsIt() async throws {
        try await withEnvironment { env in
            let db = env.db
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let instances = (0..<4).map { JobClaims(db: db, holder: "instance-\($0)") }
            for n in 0..<10 {
                let job = "race-\(n)"
                let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for claims in instances { group.addTask { try await claims.claim(job, now: now, interval: 60) } }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                XCTAssertEqual(winners, 1, job)
            }
            let a = instances[0], b = instances[1]
            // Not due again within the interval, whoever asks; due after it; 立即检查 forces it.
            let first = try await a.claim("mail", now: now, interval: 60)
            XCTAssertTrue(first)
            let early = try await b.claim("mail", now: now.addingTimeInterval(59), interval: 60)
            XCTAssertFalse(early)
            let forced = try await b.claim("mail", now: now.addingTimeInterval(59), interval: 60, force: true)
            XCTAssertTrue(forced)
            let again = try await a.claim("mail", now: now.addingTimeInterval(118), interval: 60)
            XCTAssertFalse(again)
            let due = try await a.claim("mail", now: now.addingTimeInterval(119), interval: 60)
            XCTAssertTrue(due)
            let runs = try await a.runs()
            XCTAssertEqual(runs["mail"], 3)
            XCTAssertEqual((0..<10).map { runs["race-\($0)"] }, Array(repeating: 1, count: 10))
        }
    }

    func testTwoInstancesPassesRunEveryJobOnce() async throws {
        try await withEnvironment { env in
            let jobs = env.services.capabilities.flatMap(\.jobs).map(\.name)
            let one = BackgroundJobs(services: env.services), two = BackgroundJobs(services: env.services)
            let claimsOne = JobClaims(db: env.db, holder: "one"), claimsTwo = JobClaims(db: env.db, holder: "two")
            async let a = one.runOnce(today: nil, claims: claimsOne, interval: 3600, force: false)
            async let b = two.runOnce(today: nil, claims: claimsTwo, interval: 3600, force: false)
            let (ra, rb) = try await (a, b)
            XCTAssertEqual(ra.lines.count + rb.lines.count, jobs.count)
            let runs = try await claimsOne.runs()
            XCTAssertEqual(runs.count, jobs.count)
            XCTAssertTrue(runs.values.allSatisfy { $0 == 1 }, "\(runs)")
            // A later pass within the interval runs nothing; an unclaimed pass (gongkai jobs) runs all.
            let later = try await one.runOnce(today: nil, claims: claimsOne, interval: 3600, force: false)
            XCTAssertTrue(later.lines.isEmpty)
            let manual = try await one.runOnce()
            XCTAssertEqual(manual.lines.count, jobs.count)
        }
    }
}
