import GongkaiDomain

/// 回执编号 of public submissions (comments, sign-ups, proposals): a prefix, the day and six random
/// digits; the tables' unique key catches the rare repeat and the desk draws again.
enum ReceiptNumber {
    static func make(_ prefix: String, on day: CivilDate) -> String {
        var g = SystemRandomNumberGenerator()
        return prefix + day.description.replacingOccurrences(of: "-", with: "") + String((0..<6).map { _ in "0123456789".randomElement(using: &g)! })
    }
}
