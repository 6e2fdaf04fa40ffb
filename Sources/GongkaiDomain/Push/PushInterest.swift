/// What a subscriber asked for: who they are (the audience attributes, with their own township or
/// village as the region) and what else they follow (words, organisations, columns).
public struct PushInterest: Codable, Equatable, Sendable {
    public var audience: Audience
    public var keywords: [String]
    public var organisations: [Int]
    /// Column keys of 法定主动公开内容.
    public var columns: [String]

    public init(audience: Audience = Audience(), keywords: [String] = [], organisations: [Int] = [], columns: [String] = []) {
        self.audience = audience
        self.keywords = keywords
        self.organisations = organisations
        self.columns = columns
    }

    /// Whether anything beyond the region was chosen.
    public var hasTopics: Bool { audience.hasTopics || !keywords.isEmpty || !organisations.isEmpty || !columns.isEmpty }

    public var isEmpty: Bool { !hasTopics && audience.regions.isEmpty }

    /// Keywords typed by a visitor: separated by spaces, commas or 、; each 2–20 characters, at most
    /// 10. Returns the words, or a message for the field.
    public static func parseKeywords(_ text: String) -> Result<[String], KeywordProblem> {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "，" || $0 == "、" || $0 == "\u{3000}" || $0 == "\n" })
            .map(String.init)
        var seen = Set<String>()
        let unique = words.filter { seen.insert($0).inserted }
        if unique.count > 10 { return .failure(KeywordProblem(message: "关键词最多10个")) }
        if unique.contains(where: { $0.count < 2 || $0.count > 20 }) { return .failure(KeywordProblem(message: "每个关键词2至20个字")) }
        return .success(unique)
    }

    public struct KeywordProblem: Error, Equatable, Sendable {
        public let message: String
    }
}
