import FluentKit
import Foundation
import XCTest
@testable import GongkaiApp

/// A pass of the background jobs runs every job even when one of them fails: the failure is
/// logged, named in the report and marks the pass for attention.
final class BackgroundJobsTests: XCTestCase {
    struct Broken: Error {}

    func testAFailingJobDoesNotStopTheOthersOfThePass() async throws {
        try await withEnvironment { env in
            let standard = env.services.capabilities.flatMap(\.jobs)
            let broken = BackgroundJob(name: "broken") { _ in throw Broken() }
            let jobs = BackgroundJobs(services: env.services, transport: nil, jobs: [broken] + standard + [broken])

            let manual = try await jobs.runOnce()
            XCTAssertEqual(manual.failed, ["broken", "broken"])
            XCTAssertTrue(manual.needsAttention)
            XCTAssertEqual(manual.lines.count, standard.count + 2)
            XCTAssertEqual(manual.lines.first, "后台任务 broken 出错（见日志）")

            // With claims (serve): every other job was claimed and ran once.
            let claims = JobClaims(db: env.db, holder: "one")
            let pass = try await jobs.runOnce(today: nil, claims: claims, interval: 3600, force: false)
            XCTAssertEqual(pass.failed, ["broken"], "claimed once per interval, failing or not")
            let runs = try await claims.runs()
            for job in standard { XCTAssertEqual(runs[job.name], 1, job.name) }

            // Nothing failing: nothing named, and attention only if a job asks for it.
            let clean = try await BackgroundJobs(services: env.services).runOnce()
            XCTAssertEqual(clean.failed, [])
            XCTAssertEqual(clean.lines.count, standard.count)
        }
    }
}
