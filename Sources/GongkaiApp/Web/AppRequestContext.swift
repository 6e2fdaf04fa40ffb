import GongkaiDomain
import GongkaiFormats
import Hummingbird
import NIOCore

/// Per-request state: who is signed in (set by `StaffSessionMiddleware`), the parsed form of a
/// state-changing request (set by `CSRFMiddleware`) and display preferences.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    public var staff: StaffIdentity?
    public var form: FormData = FormData()
    /// Files of a multipart form (checked by their capability, never trusted by name or type).
    public var uploads: [MultipartForm.File] = []
    /// Token to embed in forms rendered for this request (minted lazily for new anonymous visitors).
    public var formToken = FormToken(existing: nil)
    public var csrfToken: String { formToken.value }
    public var careMode: Bool = false
    /// The 公开专区 terminal: the page carries a QR code of itself and returns to the start when idle.
    public var kioskMode: Bool = false
    /// The address asked for (path and query, bounded), for the kiosk's QR code.
    public var requestTarget: String = "/"
    public var clientAddress: String = "未知"

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
