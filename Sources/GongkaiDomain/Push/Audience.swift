import Foundation

/// Whom a policy, guide or 政策包 is for, and what a subscriber says about themself: the same
/// attributes on both sides, so matching compares like with like. Regions are organisation ids
/// (a township or village from the organisation tree; none means county-wide).
public struct Audience: Codable, Equatable, Sendable {
    public var regions: [Int]
    /// 人群, e.g. 农民, 退役军人 (the configured list).
    public var groups: [String]
    /// 人生事项, e.g. 生育, 入学.
    public var lifeEvents: [String]
    /// GB/T 4754 section letters.
    public var industries: [String]
    /// `EnterpriseSize` raw values.
    public var sizes: [String]
    /// 园区 names.
    public var parks: [String]

    public init(regions: [Int] = [], groups: [String] = [], lifeEvents: [String] = [], industries: [String] = [],
                sizes: [String] = [], parks: [String] = []) {
        self.regions = regions
        self.groups = groups
        self.lifeEvents = lifeEvents
        self.industries = industries
        self.sizes = sizes
        self.parks = parks
    }

    public var isEmpty: Bool {
        regions.isEmpty && groups.isEmpty && lifeEvents.isEmpty && industries.isEmpty && sizes.isEmpty && parks.isEmpty
    }

    /// Whether it says anything beyond the region (whom, not where).
    public var hasTopics: Bool {
        !(groups.isEmpty && lifeEvents.isEmpty && industries.isEmpty && sizes.isEmpty && parks.isEmpty)
    }

    /// Sorted, without duplicates or blanks, each value checked against the vocabulary.
    public func normalised(_ vocabulary: AudienceVocabulary) -> Audience {
        func clean(_ values: [String], _ allowed: [String]) -> [String] {
            let ok = Set(allowed)
            return Array(Set(values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { ok.contains($0) })).sorted()
        }
        return Audience(regions: Array(Set(regions.filter { $0 > 0 })).sorted(),
                        groups: clean(groups, vocabulary.groups),
                        lifeEvents: clean(lifeEvents, vocabulary.lifeEvents),
                        industries: clean(industries, IndustrySection.allCases.map(\.rawValue)),
                        sizes: clean(sizes, EnterpriseSize.allCases.map(\.rawValue)),
                        parks: clean(parks, vocabulary.parks))
    }
}
