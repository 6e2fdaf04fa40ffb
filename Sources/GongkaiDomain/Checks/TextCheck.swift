/// A check that reads a text through `CheckText` (ContentChecker prepares one per text for all of
/// them); checking a plain string prepares it first.
public protocol TextCheck {
    func scan(_ text: CheckText, source: String) -> [Finding]
}

extension TextCheck {
    public func scan(_ text: String, source: String) -> [Finding] {
        scan(CheckText(text), source: source)
    }
}
