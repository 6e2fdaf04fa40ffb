import XCTest
@testable import GongkaiDomain

final class AuditChainTests: XCTestCase {
    func chain(_ n: Int) -> [(entry: AuditEntry, storedHash: String)] {
        var out: [(AuditEntry, String)] = []
        var prev = AuditEntry.genesisHash
        for i in 1...n {
            let e = AuditEntry(sequence: i, occurredAt: "2026-11-21T08:00:0\(i % 10).000Z", actorID: "u1", actorName: "张三",
                               clientAddress: "10.0.0.1", organisationID: 3, entity: "机构", entityID: "\(i)", action: "修改",
                               changesJSON: AuditEntry.canonicalJSON([FieldChange(field: "name", before: "甲", after: "乙\(i)")]),
                               previousHash: prev)
            out.append((e, e.hash))
            prev = e.hash
        }
        return out
    }

    func testIntactChainVerifies() {
        XCTAssertEqual(AuditChainVerifier.verify(chain(5)), .intact(count: 5))
        XCTAssertEqual(AuditChainVerifier.verify([]), .intact(count: 0))
    }

    func testEachTamperingIsReportedAtTheRightRecord() {
        var edited = chain(5)
        edited[2].entry.actionEdit("删除")
        XCTAssertEqual(AuditChainVerifier.verify(edited), .broken(sequence: 3, reason: "本条记录内容与其哈希不符（本条记录可能被篡改）"))

        var removed = chain(5)
        removed.remove(at: 1)
        guard case .broken(let s, let reason) = AuditChainVerifier.verify(removed) else { return XCTFail() }
        XCTAssertEqual(s, 3)
        XCTAssertTrue(reason.contains("序号不连续"))

        var rehashed = chain(5)
        rehashed[1].entry.actorName = "李四"
        rehashed[1].storedHash = rehashed[1].entry.hash
        XCTAssertEqual(AuditChainVerifier.verify(rehashed), .broken(sequence: 3, reason: "前一条记录的哈希不匹配（前一条记录可能被篡改）"))
    }

    func testHashCoversEveryFieldUnambiguously() {
        let base = chain(1)[0].entry
        var variants: [AuditEntry] = []
        var e = base; e.actorID = nil; variants.append(e)
        e = base; e.organisationID = nil; variants.append(e)
        e = base; e.clientAddress = "10.0.0.2"; variants.append(e)
        e = base; e.entity = "机构修"; e.entityID = String(base.entityID.dropFirst()); variants.append(e)
        e = base; e.occurredAt = "2026-11-21T08:00:02.000Z"; variants.append(e)
        for v in variants { XCTAssertNotEqual(v.hash, base.hash) }
        XCTAssertEqual(base.hash.count, 64)
    }

    func testSecretsNeverEnterTheTrail() {
        let c = FieldChange(field: "password_hash", before: "$2b$old", after: "$2b$new")
        XCTAssertEqual(c.before, FieldChange.hiddenValue)
        XCTAssertEqual(c.after, FieldChange.hiddenValue)
        XCTAssertEqual(FieldChange(field: "totp_secret", before: nil, after: "ABC").after, FieldChange.hiddenValue)
        XCTAssertEqual(FieldChange(field: "name", before: nil, after: "ABC").after, "ABC")
    }

    func testDiffAndCanonicalJSON() {
        let d = FieldChange.diff(before: ["a": "1", "b": "2", "c": nil], after: ["a": "1", "b": "3", "c": "x"])
        XCTAssertEqual(d, [FieldChange(field: "b", before: "2", after: "3"), FieldChange(field: "c", before: nil, after: "x")])
        XCTAssertEqual(AuditEntry.canonicalJSON([FieldChange(field: "t", before: "引\"号\n", after: nil)]),
                       #"[{"field":"t","before":"引\"号\n","after":null}]"#)
        let decoded = try? JSONDecoder().decode([FieldChange].self, from: AuditEntry.canonicalJSON(d).data(using: .utf8)!)
        XCTAssertEqual(decoded, d)
    }
}

extension AuditEntry {
    mutating func actionEdit(_ s: String) { action = s }
}
