import Mustache
import NIOConcurrencyHelpers

/// The CSRF token forms of this request embed. Signed-in staff and returning visitors already have
/// one; a new anonymous visitor gets one only when a page actually renders a form with it, so the
/// public pages that have no form set no cookie (and cost no random numbers: issue 21's profile).
public final class FormToken: Sendable, MustacheCustomRenderable {
    private let state: NIOLockedValueBox<(value: String?, minted: Bool)>

    /// `existing`: the session's or cookie's token; nil mints one on first use.
    init(existing: String?) {
        state = NIOLockedValueBox((existing, false))
    }

    /// True when the request came with a token (session or cookie) rather than needing a new one.
    var existed: Bool { state.withLockedValue { $0.value != nil && !$0.minted } }

    /// The token, minted now if the request had none.
    public var value: String {
        state.withLockedValue { s in
            if let v = s.value { return v }
            let v = Tokens.random()
            s = (v, true)
            return v
        }
    }

    /// The token minted during this request, which the response must set as the cookie.
    var minted: String? { state.withLockedValue { $0.minted ? $0.value : nil } }

    public var renderText: String { value }
    public var isNull: Bool { false }
}
