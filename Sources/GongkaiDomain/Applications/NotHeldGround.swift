/// Why an organ cannot provide information it does not hold: two different answers of Art. 36 that
/// the annual report counts in one row ((四)1 本机关不掌握相关政府信息).
public enum NotHeldGround: String, CaseIterable, Codable, Sendable {
    /// Art. 36(四): searched, nothing found — the information does not exist.
    case doesNotExist = "does_not_exist"
    /// Art. 36(五): not this organ's to disclose — say why, and name the responsible organ where known.
    case notThisOrgan = "not_this_organ"

    public var label: String {
        switch self {
        case .doesNotExist: return "经检索，该政府信息不存在（第三十六条第（四）项）"
        case .notThisOrgan: return "不属于本机关负责公开（第三十六条第（五）项）"
        }
    }

    public var basis: String {
        switch self {
        case .doesNotExist: return "《中华人民共和国政府信息公开条例》第三十六条第（四）项"
        case .notThisOrgan: return "《中华人民共和国政府信息公开条例》第三十六条第（五）项"
        }
    }
}
