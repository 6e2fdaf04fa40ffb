import Foundation
import XCTest
@testable import GongkaiDomain

final class MailTests: XCTestCase {
    func decodeWords(_ header: String) -> String {
        // Unfold, then decode each =?UTF-8?B?…?= word; whitespace between adjacent words is dropped (RFC 2047 §6.2).
        let unfolded = header.replacingOccurrences(of: "\r\n ", with: " ")
        var bytes = Data()
        for word in unfolded.split(separator: " ") {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return unfolded }
            bytes.append(Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func testChineseSubjectAndBodySurviveEncoding() {
        let subject = "【即将到期提醒】依申请公开 清民政〔2026〕第0001号 应于2026年10月30日前答复，请及时办理相关事项"
        let body = "您好：\n\n以下申请距答复期限还有3个工作日。\n.\n最后一行"
        let m = MailMessage(from: .init(name: "清溪县政府信息公开", address: "noreply@qx.example.cn"),
                            to: [.init(name: "张三", address: "zs@qx.example.cn")], subject: subject, body: body)
        let text = m.encoded(date: Date(timeIntervalSince1970: 1_790_000_000), messageID: "abc")
        let (head, encodedBody) = {
            let parts = text.components(separatedBy: "\r\n\r\n")
            return (parts[0], parts[1])
        }()
        XCTAssertFalse(text.contains("\n") && text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "only CRLF line ends")
        for line in text.components(separatedBy: "\r\n") {
            XCTAssertLessThanOrEqual(line.utf8.count, 78, line)
            XCTAssertTrue(line.allSatisfy(\.isASCII), "7-bit clean: \(line)")
            XCTAssertFalse(line.hasPrefix("."), "nothing needs dot-stuffing")
        }
        let headers = head.replacingOccurrences(of: "\r\n ", with: " \u{1}").components(separatedBy: "\r\n")
            .map { $0.replacingOccurrences(of: " \u{1}", with: "\r\n ") }
        let subjectHeader = headers.first { $0.hasPrefix("Subject: ") }!
        XCTAssertEqual(decodeWords(String(subjectHeader.dropFirst("Subject: ".count))), subject)
        XCTAssertTrue(headers.contains("To: \(MailMessage.encodedWord("张三")) <zs@qx.example.cn>"))
        XCTAssertTrue(headers.contains("Message-ID: <abc@qx.example.cn>"))
        XCTAssertTrue(headers.contains("Content-Type: text/plain; charset=UTF-8"))
        let decoded = String(decoding: Data(base64Encoded: encodedBody.replacingOccurrences(of: "\r\n", with: ""))!, as: UTF8.self)
        XCTAssertEqual(decoded, body.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    func testPlainASCIISubjectIsLeftReadable() {
        XCTAssertEqual(MailMessage.encodedWord("Weekly report"), "Weekly report")
        XCTAssertNotEqual(MailMessage.encodedWord("a=b?"), "a=b?", "specials are encoded")
    }

    func testEncodedWordsNeverSplitACharacter() {
        let text = String(repeating: "政务公开𠀀", count: 40)
        for word in MailMessage.encodedWord(text).components(separatedBy: "\r\n ") {
            XCTAssertLessThanOrEqual(word.count, 75)
            let payload = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
            XCTAssertNotNil(String(data: payload, encoding: .utf8), "each word is valid UTF-8 on its own")
        }
        XCTAssertEqual(decodeWords(MailMessage.encodedWord(text)), text)
    }

    func testReplyReaderJoinsMultilineRepliesAndReadsExtensions() throws {
        var reader = SMTPReply.Reader()
        XCTAssertNil(try reader.feed("250-mail.example.cn Hello"))
        XCTAssertNil(try reader.feed("250-PIPELINING"))
        XCTAssertNil(try reader.feed("250-STARTTLS"))
        XCTAssertNil(try reader.feed("250-AUTH LOGIN PLAIN"))
        let r = try reader.feed("250 8BITMIME")
        XCTAssertEqual(r?.code, 250)
        XCTAssertEqual(r?.extensions, ["PIPELINING", "STARTTLS", "AUTH", "8BITMIME"])
        // The reader starts afresh for the next reply.
        let next = try reader.feed("354 End data with <CR><LF>.<CR><LF>")
        XCTAssertEqual(next, SMTPReply(code: 354, lines: ["End data with <CR><LF>.<CR><LF>"]))
        XCTAssertEqual(try reader.feed("220"), SMTPReply(code: 220, lines: [""]))
        XCTAssertTrue(next!.isPositive)
        XCTAssertFalse(SMTPReply(code: 550, lines: []).isPositive)
    }

    func testReplyReaderRejectsGarbage() {
        var reader = SMTPReply.Reader()
        XCTAssertThrowsError(try reader.feed("hello"))
        XCTAssertThrowsError(try reader.feed("25"))
        XCTAssertThrowsError(try reader.feed("250*x"))
        XCTAssertThrowsError(try reader.feed("999 nope"))
        var mixed = SMTPReply.Reader()
        XCTAssertNil(try mixed.feed("250-first"))
        XCTAssertThrowsError(try mixed.feed("251 second"))
    }

    func testPlainCredentialsEncoding() {
        XCTAssertEqual(SMTPReply.plainCredentials(user: "user", password: "pass"), "AHVzZXIAcGFzcw==")
    }

    func testDeadlineReminderDecision() {
        let due = CivilDate(iso: "2026-10-30")!
        XCTAssertNil(DeadlineReminder.due(dueDate: due, today: CivilDate(iso: "2026-10-20")!, workingDaysLeft: 8, leadDays: 3))
        XCTAssertEqual(DeadlineReminder.due(dueDate: due, today: CivilDate(iso: "2026-10-27")!, workingDaysLeft: 3, leadDays: 3), .dueSoon)
        XCTAssertEqual(DeadlineReminder.due(dueDate: due, today: due, workingDaysLeft: 0, leadDays: 0), .dueSoon)
        XCTAssertEqual(DeadlineReminder.due(dueDate: due, today: CivilDate(iso: "2026-10-31")!, workingDaysLeft: 0, leadDays: 3), .overdue)
        XCTAssertEqual(DeadlineReminder.due(dueDate: due, today: CivilDate(iso: "2026-11-03")!, workingDaysLeft: -2, leadDays: 3), .overdue)
    }
}
