/// Arranges a flat list of organisations (each with its path) into display order:
/// depth-first, siblings by sort order then name.
public struct OrganisationTree<Node: Sendable>: Sendable {
    public struct Entry: Sendable {
        public let node: Node
        public let depth: Int
    }

    public let entries: [Entry]

    public init(nodes: [Node], path: (Node) -> OrganisationPath, sortKey: (Node) -> (Int, String)) {
        var children: [Int?: [Node]] = [:]
        let presentIDs = Set(nodes.map { path($0).ids.last! })
        for n in nodes {
            let ids = path(n).ids
            // A node whose parent is not in the list (outside the viewer's scope) is shown as a root.
            let parent = ids.count >= 2 && presentIDs.contains(ids[ids.count - 2]) ? ids[ids.count - 2] : nil
            children[parent, default: []].append(n)
        }
        for key in children.keys {
            children[key]!.sort { a, b in
                let ka = sortKey(a), kb = sortKey(b)
                return ka.0 != kb.0 ? ka.0 < kb.0 : ka.1 < kb.1
            }
        }
        var out: [Entry] = []
        func walk(_ parent: Int?, depth: Int) {
            for n in children[parent] ?? [] {
                out.append(Entry(node: n, depth: depth))
                walk(path(n).ids.last!, depth: depth + 1)
            }
        }
        walk(nil, depth: 0)
        entries = out
    }
}
