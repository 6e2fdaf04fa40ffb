import Crypto

/// One change of one field, as recorded in the audit trail.
public struct FieldChange: Hashable, Sendable, Codable {
    public let field: String
    public let before: String?
    public let after: String?

    /// Secrets are never written to the trail, whatever the caller passes.
    static let secretMarkers = ["password", "token", "secret", "totp", "csrf"]
    public static let hiddenValue = "（已隐藏）"

    public init(field: String, before: String?, after: String?) {
        self.field = field
        let secret = Self.secretMarkers.contains { field.lowercased().contains($0) }
        self.before = secret && before != nil ? Self.hiddenValue : before
        self.after = secret && after != nil ? Self.hiddenValue : after
    }

    /// Changes between two snapshots of named fields; unchanged fields are left out.
    public static func diff(before: [String: String?], after: [String: String?]) -> [FieldChange] {
        let keys = Set(before.keys).union(after.keys).sorted()
        return keys.compactMap { k in
            let b = before[k] ?? nil, a = after[k] ?? nil
            return b == a ? nil : FieldChange(field: k, before: b, after: a)
        }
    }
}

/// The content of one audit record that its hash covers.
public struct AuditEntry: Sendable, Equatable {
    public var sequence: Int
    /// ISO 8601 UTC with milliseconds, stored as text so the hash input survives every database exactly.
    public var occurredAt: String
    public var actorID: String?
    public var actorName: String
    public var clientAddress: String
    public var organisationID: Int?
    public var entity: String
    public var entityID: String
    public var action: String
    /// Canonical JSON of the field changes, exactly as stored.
    public var changesJSON: String
    public var previousHash: String

    public init(sequence: Int, occurredAt: String, actorID: String?, actorName: String, clientAddress: String,
                organisationID: Int?, entity: String, entityID: String, action: String,
                changesJSON: String, previousHash: String) {
        self.sequence = sequence
        self.occurredAt = occurredAt
        self.actorID = actorID
        self.actorName = actorName
        self.clientAddress = clientAddress
        self.organisationID = organisationID
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.changesJSON = changesJSON
        self.previousHash = previousHash
    }

    /// Hash of the first record's predecessor.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// SHA-256 over every field, each length-prefixed so no two different records share an input.
    public var hash: String {
        let fields: [String] = [
            String(sequence), occurredAt, actorID ?? "", actorName, clientAddress,
            organisationID.map(String.init) ?? "", entity, entityID, action, changesJSON, previousHash,
        ]
        var input = ""
        for f in fields { input += "\(f.utf8.count):\(f);" }
        let digest = SHA256.hash(data: Array(input.utf8))
        return digest.map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    /// Canonical JSON for a list of changes: keys in a fixed order, no whitespace.
    public static func canonicalJSON(_ changes: [FieldChange]) -> String {
        func q(_ s: String?) -> String {
            guard let s else { return "null" }
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if u.value < 0x20 {
                        let hex = String(u.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
            return out + "\""
        }
        let items = changes.map { "{\"field\":\(q($0.field)),\"before\":\(q($0.before)),\"after\":\(q($0.after))}" }
        return "[" + items.joined(separator: ",") + "]"
    }
}

/// Result of checking a chain of records in sequence order.
public enum AuditChainVerdict: Equatable, Sendable {
    case intact(count: Int)
    /// The first record whose stored hash or link does not match.
    case broken(sequence: Int, reason: String)
}

public enum AuditChainVerifier {
    /// Walks records (sorted by sequence) with their stored hashes and reports the first broken link.
    public static func verify(_ records: [(entry: AuditEntry, storedHash: String)]) -> AuditChainVerdict {
        var expectedPrevious = AuditEntry.genesisHash
        var expectedSequence = 1
        for (entry, stored) in records {
            if entry.sequence != expectedSequence {
                return .broken(sequence: entry.sequence, reason: "序号不连续：应为\(expectedSequence)，实为\(entry.sequence)（记录可能被删除或插入）")
            }
            if entry.previousHash != expectedPrevious {
                return .broken(sequence: entry.sequence, reason: "前一条记录的哈希不匹配（前一条记录可能被篡改）")
            }
            if entry.hash != stored {
                return .broken(sequence: entry.sequence, reason: "本条记录内容与其哈希不符（本条记录可能被篡改）")
            }
            expectedPrevious = stored
            expectedSequence += 1
        }
        return .intact(count: records.count)
    }
}

/// A saved head of the chain (sequence and hash), kept outside the database: in the daily job log,
/// printed on the audit page, or noted by an auditor. The chain alone shows that no record was
/// altered, inserted or removed in the middle; only an anchor kept elsewhere shows that the newest
/// records were not removed (a shortened chain is still a valid chain).
public struct AuditAnchor: Sendable, Equatable, CustomStringConvertible {
    public let sequence: Int
    public let hash: String

    public init(sequence: Int, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// Parses "SEQUENCE:HASH".
    public init?(_ text: String) {
        let parts = text.trimmingSpaces().split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].count <= 18, let s = Int(parts[0]), s > 0,
              parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else { return nil }
        sequence = s
        hash = parts[1].lowercased()
    }

    public var description: String { "\(sequence):\(hash)" }

    /// Checks a verified chain (its records in order) against this anchor.
    public func check(_ records: [(entry: AuditEntry, storedHash: String)]) -> AuditChainVerdict {
        guard sequence <= records.count else {
            return .broken(sequence: records.count + 1,
                           reason: "保存的链头为第\(sequence)条，现只有\(records.count)条记录：最新的记录已被删除")
        }
        guard records[sequence - 1].storedHash == hash else {
            return .broken(sequence: sequence, reason: "第\(sequence)条记录的哈希与保存的链头不符：该记录之后的链被重写")
        }
        return .intact(count: records.count)
    }
}
