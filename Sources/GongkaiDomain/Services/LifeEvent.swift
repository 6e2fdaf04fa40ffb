/// 一件事: several services bundled into one life event (出生, 开办餐饮店, 退休). The materials of all
/// of them are combined — a material several services ask for is listed once, marked with every
/// service that needs it and the most copies any of them asks — and the steps follow service by
/// service, so one checklist serves the whole event.
public enum LifeEvent {
    public struct Service: Sendable, Equatable {
        public let name: String
        public let organisation: String
        public let materials: [GuideMaterial]
        public let steps: [GuideStep]

        public init(name: String, organisation: String, materials: [GuideMaterial], steps: [GuideStep]) {
            self.name = name; self.organisation = organisation; self.materials = materials; self.steps = steps
        }
    }

    public struct CombinedMaterial: Sendable, Equatable {
        public let material: GuideMaterial
        /// The services that ask for it, in the bundle's order.
        public let services: [String]
        public var isShared: Bool { services.count > 1 }
    }

    public struct Combined: Sendable, Equatable {
        public let materials: [CombinedMaterial]
        /// (service, step) in order.
        public let steps: [(service: String, step: GuideStep)]
        public let organisations: [String]

        public static func == (a: Combined, b: Combined) -> Bool {
            a.materials == b.materials && a.organisations == b.organisations
                && a.steps.map { "\($0.service)\u{1}\($0.step.line)" } == b.steps.map { "\($0.service)\u{1}\($0.step.line)" }
        }
    }

    /// The same material is recognised by its name with spaces and brackets' contents ignored
    /// ("居民身份证（原件）" and "居民身份证" are one).
    public static func key(_ name: String) -> String {
        var out = ""
        var depth = 0
        for ch in name {
            if ch == "（" || ch == "(" { depth += 1; continue }
            if ch == "）" || ch == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 && !ch.isWhitespace { out.append(ch) }
        }
        return out
    }

    public static func combine(_ services: [Service]) -> Combined {
        var order: [String] = []
        var first: [String: GuideMaterial] = [:]
        var copies: [String: Int] = [:]
        var needed: [String: [String]] = [:]
        for s in services {
            for m in s.materials {
                let k = key(m.name)
                if first[k] == nil { order.append(k); first[k] = m }
                copies[k] = max(copies[k] ?? 0, m.copies)
                if !(needed[k] ?? []).contains(s.name) { needed[k, default: []].append(s.name) }
            }
        }
        let materials = order.map { k -> CombinedMaterial in
            let m = first[k]!
            return CombinedMaterial(material: GuideMaterial(name: m.name, source: m.source, copies: copies[k]!, medium: m.medium, requirement: m.requirement),
                                    services: needed[k]!)
        }
        var organisations: [String] = []
        for s in services where !organisations.contains(s.organisation) { organisations.append(s.organisation) }
        return Combined(materials: materials, steps: services.flatMap { s in s.steps.map { (s.name, $0) } }, organisations: organisations)
    }
}
