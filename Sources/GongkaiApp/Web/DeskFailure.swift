/// The one way a desk (the service behind a page) says no: field messages shown next to the
/// fields, or a refusal of the whole action with its reason. Both are Chinese and for the user;
/// a handler that does not catch one gets a 400/409 page with the message (ErrorPageMiddleware).
enum DeskFailure: Error, Equatable {
    /// Field name → Chinese message.
    case invalid([String: String])
    /// The action is not allowed now (its state, a rule), with the reason.
    case refused(String)

    /// Messages by form field; a refusal is shown beside `field`.
    func fieldErrors(refusalAt field: String) -> [String: String] {
        switch self {
        case .invalid(let errors): return errors
        case .refused(let reason): return [field: reason]
        }
    }

    /// Everything it says, for a page that has no form to show it beside.
    var message: String {
        switch self {
        case .invalid(let errors): return errors.keys.sorted().compactMap { errors[$0] }.joined(separator: "；")
        case .refused(let reason): return reason
        }
    }
}
