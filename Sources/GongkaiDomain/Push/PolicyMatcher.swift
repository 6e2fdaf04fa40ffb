/// Whether a published policy concerns a subscriber, and why.
///
/// Each audience dimension both sides state must agree (a policy for 小型企业 does not reach a
/// 大型企业 in the same industry; a notice for 石桥镇 does not reach 横塘镇). A region agrees when
/// one contains the other (a township's notice reaches its villages; a village's notice reaches the
/// township's subscribers). Then at least one positive reason is needed: a shared attribute, a
/// keyword, a followed organisation or column — or, for a subscriber who chose only a region, a
/// notice aimed at that region.
public struct PolicyMatcher: Sendable {
    /// What is known about the published policy.
    public struct Subject: Sendable {
        public var title: String
        /// Summary, keywords and other searchable words.
        public var text: String
        public var organisationID: Int
        public var columns: [String]
        public var audience: Audience

        public init(title: String, text: String, organisationID: Int, columns: [String], audience: Audience) {
            self.title = title
            self.text = text
            self.organisationID = organisationID
            self.columns = columns
            self.audience = audience
        }
    }

    /// The ancestry of each organisation (itself first, then parent up to the root).
    public let ancestry: [Int: [Int]]
    /// Short names for the explanation.
    public let names: [Int: String]
    /// Column labels by key.
    public let columnLabels: [String: String]

    public init(ancestry: [Int: [Int]], names: [Int: String], columnLabels: [String: String]) {
        self.ancestry = ancestry
        self.names = names
        self.columnLabels = columnLabels
    }

    /// The reasons, in a stable order; empty when the policy does not concern the subscriber.
    public func reasons(for interest: PushInterest, subject: Subject) -> [PushReason] {
        let a = subject.audience, b = interest.audience
        func agree(_ x: [String], _ y: [String]) -> Bool { x.isEmpty || y.isEmpty || !Set(x).isDisjoint(with: y) }
        guard agree(a.groups, b.groups), agree(a.lifeEvents, b.lifeEvents), agree(a.industries, b.industries),
              agree(a.sizes, b.sizes), agree(a.parks, b.parks) else { return [] }
        var regionReasons: [PushReason] = []
        if !a.regions.isEmpty && !b.regions.isEmpty {
            let hits = b.regions.filter { mine in a.regions.contains { contains($0, mine) || contains(mine, $0) } }
            guard !hits.isEmpty else { return [] }
            regionReasons = hits.map { .region(names[$0] ?? String($0)) }
        }
        var found: [PushReason] = []
        func shared(_ x: [String], _ y: [String]) -> [String] { y.filter { x.contains($0) } }
        found += shared(a.groups, b.groups).map { .group($0) }
        found += shared(a.lifeEvents, b.lifeEvents).map { .lifeEvent($0) }
        found += shared(a.industries, b.industries).compactMap { IndustrySection(rawValue: $0).map { .industry($0) } }
        found += shared(a.sizes, b.sizes).compactMap { EnterpriseSize(rawValue: $0).map { .size($0) } }
        found += shared(a.parks, b.parks).map { .park($0) }
        let haystack = subject.title + "\n" + subject.text
        found += interest.keywords.filter { haystack.localizedCaseInsensitiveContains($0) }.map { .keyword($0) }
        if interest.organisations.contains(where: { contains($0, subject.organisationID) }) {
            found.append(.organisation(names[subject.organisationID] ?? String(subject.organisationID)))
        }
        found += interest.columns.filter { subject.columns.contains($0) }.map { .column(columnLabels[$0] ?? $0) }
        if found.isEmpty {
            // Only a region was chosen: everything aimed at it is wanted.
            return interest.hasTopics ? [] : regionReasons
        }
        return found + regionReasons
    }

    /// Whether `outer` is `inner` or one of its ancestors.
    func contains(_ outer: Int, _ inner: Int) -> Bool {
        outer == inner || (ancestry[inner] ?? []).contains(outer)
    }
}
