import FluentKit
import Foundation

/// Look-ups by number and query code (applications, letters): failed tries are counted per client
/// address among the log-in attempts under the tracker's name; twenty within an hour block that
/// address for the rest of the hour, so codes cannot be guessed.
struct TrackingThrottle: Sendable {
    let services: AppServices
    /// The name the failures are recorded under ("查询申请", "查询来信").
    let tracker: String

    static let limit = 20

    func isBlocked(_ clientAddress: String) async throws -> Bool {
        let windowStart = services.clock.now().addingTimeInterval(-3600)
        return try await LoginAttempt.query(on: services.db).filter(\.$username == tracker).filter(\.$clientAddress == clientAddress)
            .filter(\.$succeeded == false).filter(\.$at >= windowStart).count() >= Self.limit
    }

    func recordFailure(_ clientAddress: String) async throws {
        let attempt = LoginAttempt()
        attempt.username = tracker
        attempt.clientAddress = clientAddress
        attempt.succeeded = false
        attempt.at = services.clock.now()
        try await attempt.create(on: services.db)
    }
}
