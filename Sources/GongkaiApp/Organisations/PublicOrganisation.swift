import FluentKit
import Hummingbird

extension OrganisationQueries {
    /// The active organisation named by the `:org` path parameter of a public page; 404 otherwise.
    static func publicOrganisation(_ services: AppServices, _ context: AppRequestContext) async throws -> Organisation {
        guard let id = context.parameters.get("org", as: Int.self),
              let org = try await Organisation.find(id, on: services.db), org.isActive else { throw HTTPError(.notFound) }
        return org
    }
}
