import Crypto
import Foundation

/// Seals secrets kept in the database (TOTP seeds) with AES-GCM under a key from configuration,
/// so a copy of the database alone does not yield second factors. Sealed values start with
/// "v1:"; anything else is an older plain value, still read and sealed on its next write.
public struct SecretBox: Sendable {
    let key: SymmetricKey

    public init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
    }

    public func seal(_ plain: String) -> String {
        // AES-GCM with a random nonce never fails for in-memory input of this size.
        let box = try! AES.GCM.seal(Data(plain.utf8), using: key)
        return "v1:" + box.combined!.base64EncodedString()
    }

    /// nil when a sealed value cannot be opened (wrong key, damaged).
    public func open(_ stored: String) -> String? {
        guard stored.hasPrefix("v1:") else { return stored }
        guard let data = Data(base64Encoded: String(stored.dropFirst(3))),
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: key) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }

    /// The key: GONGKAI_SECRET_KEY (base64 of 32 bytes), else `secret.key` in the data folder,
    /// made on first start. Several instances must share GONGKAI_SECRET_KEY.
    static func loadKey(configured: [UInt8]?, dataDirectory: String) throws -> [UInt8] {
        if let configured { return configured }
        let path = (dataDirectory as NSString).appendingPathComponent("secret.key")
        if let existing = FileManager.default.contents(atPath: path), let key = Data(base64Encoded: existing.prefix(44)), key.count == 32 {
            return [UInt8](key)
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let key = (0..<32).map { _ in UInt8.random(in: 0...255) }
        guard FileManager.default.createFile(atPath: path, contents: Data(Data(key).base64EncodedString().utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw AppConfig.Problem(variable: "GONGKAI_SECRET_KEY", reason: "未设置，且无法在数据目录写入 secret.key（\(path)）")
        }
        return key
    }
}
