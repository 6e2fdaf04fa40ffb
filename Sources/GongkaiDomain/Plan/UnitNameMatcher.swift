/// Maps a unit named in a plan ("县财政局", "县发改委", "县政府办公室") to the county's organisations: by
/// full name, short name, or the name with the county's own name in front ("县财政局" → "清溪县财政局");
/// a name written in the county's usual abbreviations ("发改委" for "发展和改革局/委员会", "卫健委" for
/// "卫生健康委员会/局") is expanded once. Anything else, or more than one match, goes to the review
/// screen rather than being guessed.
public struct UnitNameMatcher: Sendable {
    public struct Candidate: Sendable, Equatable {
        public let id: Int
        public let name: String
        public let shortName: String
        public init(id: Int, name: String, shortName: String) {
            self.id = id
            self.name = name
            self.shortName = shortName
        }
    }

    public enum Match: Sendable, Equatable {
        case one(Int)
        case several([Int])
        case none
    }

    let candidates: [Candidate]
    /// The county's name as organisations start with it ("清溪县").
    let countyPrefix: String

    public init(candidates: [Candidate], countyPrefix: String) {
        self.candidates = candidates
        self.countyPrefix = countyPrefix
    }

    static let abbreviations: [(String, [String])] = [
        ("发改委", ["发展和改革局", "发展和改革委员会"]), ("卫健委", ["卫生健康委员会", "卫生健康局"]), ("经信局", ["经济和信息化局"]),
        ("市场监管局", ["市场监督管理局"]), ("住建局", ["住房和城乡建设局"]), ("人社局", ["人力资源和社会保障局"]),
        ("自然资源局", ["自然资源和规划局", "自然资源局"]), ("文旅局", ["文化和旅游局", "文化广播电视和旅游局"]),
        ("农业农村局", ["农业农村局"]), ("应急局", ["应急管理局"]), ("政府办", ["人民政府办公室"]), ("政府办公室", ["人民政府办公室"]),
        ("数据资源局", ["数据资源管理局"]), ("行政审批局", ["行政审批局", "政务服务和公共资源交易服务中心"]),
    ]

    public func match(_ raw: String) -> Match {
        let name = ResponsibleUnits.normalise(raw)
        guard !name.isEmpty else { return .none }
        var forms: [String] = [name]
        if name.hasPrefix("县") { forms.append(countyPrefix + name.dropFirst()) }
        for (short, longs) in Self.abbreviations where name.hasSuffix(short) {
            let stem = String(name.dropLast(short.count))
            for long in longs {
                forms.append(stem + long)
                if stem.hasPrefix("县") { forms.append(countyPrefix + stem.dropFirst() + long) }
            }
        }
        let normalised = candidates.map { (id: $0.id, name: ResponsibleUnits.normalise($0.name), short: ResponsibleUnits.normalise($0.shortName)) }
        let exact = Set(normalised.filter { c in forms.contains(c.name) || forms.contains(c.short) }.map(\.id))
        switch exact.count {
        case 1: return .one(exact.first!)
        case 0: return .none
        default: return .several(exact.sorted())
        }
    }
}
