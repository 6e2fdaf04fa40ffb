/// A materialised path "/1/5/12/" listing an organisation's ancestry, root first, itself last.
/// Stored on every organisation so subtree queries are one `LIKE 'prefix%'`.
public struct OrganisationPath: Hashable, Sendable, CustomStringConvertible {
    public let ids: [Int]

    public init(ids: [Int]) { self.ids = ids }

    public init?(_ text: String) {
        guard text.hasPrefix("/"), text.hasSuffix("/") else { return nil }
        let parts = text.split(separator: "/")
        var ids: [Int] = []
        for p in parts {
            guard let id = Int(p) else { return nil }
            ids.append(id)
        }
        guard !ids.isEmpty else { return nil }
        self.ids = ids
    }

    public var description: String { "/" + ids.map(String.init).joined(separator: "/") + "/" }

    public var depth: Int { ids.count - 1 }

    public func appending(_ id: Int) -> OrganisationPath { OrganisationPath(ids: ids + [id]) }

    public func isWithin(_ other: OrganisationPath) -> Bool {
        ids.count >= other.ids.count && Array(ids.prefix(other.ids.count)) == other.ids
    }

    /// The path after moving the subtree rooted at `oldRoot` under a new parent path.
    public func rebased(from oldRoot: OrganisationPath, to newRoot: OrganisationPath) -> OrganisationPath? {
        guard isWithin(oldRoot) else { return nil }
        return OrganisationPath(ids: newRoot.ids + ids.dropFirst(oldRoot.ids.count))
    }

    /// Why a node may not be moved under `newParent`, in Chinese, or nil when it may.
    public static func moveProblem(node: OrganisationPath, newParent: OrganisationPath) -> String? {
        if newParent.isWithin(node) { return "不能把机构移动到它自己或它的下级机构之下" }
        return nil
    }
}
