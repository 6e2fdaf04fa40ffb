/// 政策解读: forms, the question–answer format, and the 三同步 rule (a policy that needs an
/// interpretation is published with it, not before).
public enum InterpretationForm: String, Sendable, CaseIterable, Codable {
    case text = "text"
    case graphic = "graphic"
    case questionsAndAnswers = "qa"
    case video = "video"
    case pressConference = "press"
    case officialExplains = "official"

    public var label: String {
        switch self {
        case .text: return "文字解读"
        case .graphic: return "图解"
        case .questionsAndAnswers: return "简明问答"
        case .video: return "视频解读"
        case .pressConference: return "新闻发布会"
        case .officialExplains: return "负责人解读"
        }
    }

    /// Forms whose substance is a link (the recording of a video or press conference).
    public var needsMediaLink: Bool { self == .video }
}

/// Question–answer pairs typed as lines "问：…" and "答：…" (an answer may run over several lines).
public struct QuestionsAndAnswers: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        public let question: String
        public let answer: String
    }

    public let pairs: [Pair]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case empty
        case answerWithoutQuestion(line: Int)
        case questionWithoutAnswer(String)

        public var description: String {
            switch self {
            case .empty: return "简明问答至少需要一组“问：……”“答：……”"
            case .answerWithoutQuestion(let n): return "第\(n)行：答案前缺少对应的“问：”"
            case .questionWithoutAnswer(let q): return "问题“\(q.prefix(20))”缺少“答：”"
            }
        }
    }

    public init(parsing text: String) throws(Problem) {
        var pairs: [Pair] = []
        var question: String?
        var answer: String?
        func close() throws(Problem) {
            guard let q = question else { return }
            guard let a = answer, !a.isEmpty else { throw .questionWithoutAnswer(q) }
            pairs.append(Pair(question: q, answer: a))
            question = nil
            answer = nil
        }
        for (n, raw) in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces()
            if line.isEmpty { continue }
            if let q = Self.strip(line, prefixes: ["问：", "问:", "Q：", "Q:"]) {
                try close()
                question = q
            } else if let a = Self.strip(line, prefixes: ["答：", "答:", "A：", "A:"]) {
                guard question != nil, answer == nil else { throw .answerWithoutQuestion(line: n + 1) }
                answer = a
            } else if answer != nil {
                answer! += "\n" + line
            } else if question != nil {
                question! += line
            } else {
                throw .answerWithoutQuestion(line: n + 1)
            }
        }
        try close()
        guard !pairs.isEmpty else { throw .empty }
        self.pairs = pairs
    }

    static func strip(_ line: String, prefixes: [String]) -> String? {
        for p in prefixes where line.hasPrefix(p) { return String(line.dropFirst(p.count)).trimmingSpaces() }
        return nil
    }
}

/// 三同步: may a policy that needs an interpretation be approved for publication now?
public enum InterpretationSync {
    /// nil when it may; otherwise the reason, and whether it blocks (rule .block) or only warns.
    public static func problem(needsInterpretation: Bool, interpretationStates: [ReviewFlow.State],
                               rule: PublishingSettings.InterpretationRule) -> (message: String, blocks: Bool)? {
        guard needsInterpretation else { return nil }
        let ready = interpretationStates.contains { $0 == .approved || $0 == .published }
        guard !ready else { return nil }
        let message = interpretationStates.isEmpty
            ? "该文件需要政策解读，但尚未起草解读（三同步）"
            : "该文件的政策解读尚未审核通过（三同步）"
        return (message, rule == .block)
    }
}
