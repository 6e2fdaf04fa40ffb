import Foundation
import XCTest

/// A real SMTP server for tests: e2e/mail/smtp_sink.py (aiosmtpd), started per test. Each message
/// it receives is decoded by Python's `email` package and written as JSON, so our encoding is
/// checked by an independent reader. Skips the test where aiosmtpd is missing, unless
/// GONGKAI_TEST_REQUIRE_SMTP is set (CI), where that is a failure.
final class SMTPSink {
    struct Received: Decodable {
        let mail_from: String
        let rcpt_tos: [String]
        let subject: String
        let from: String
        let to: String
        let message_id: String
        let body: String?
        let authenticated_as: String?
    }

    struct Unavailable: Error { let reason: String }

    let process: Process
    /// The sink stops when this pipe closes.
    let lifeline: Pipe
    let port: Int
    let folder: URL
    /// With `tls`: the server's self-signed certificate (PEM), to trust in the client.
    let certificate: String?

    enum TLSMode: String { case starttls, implicit }

    init(user: String? = nil, password: String? = nil, tls: TLSMode? = nil) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../e2e/mail/smtp_sink.py").standardized
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gk-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var args = ["python3", script.path, "--dir", folder.path]
        if let user, let password { args += ["--user", user, "--password", password] }
        if let tls { args += ["--tls", tls.rawValue] }
        p.arguments = args
        let out = Pipe()
        let input = Pipe()
        p.standardOutput = out
        p.standardInput = input
        lifeline = input
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        // The first line says where it listens, or the process ends (aiosmtpd missing).
        var line = Data()
        while !line.contains(10) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
        guard words.first == "READY", words.count >= 2, let n = Int(words[1]) else {
            try? input.fileHandleForWriting.close()
            let message = "e2e/mail/smtp_sink.py did not start (pip install aiosmtpd)"
            if ProcessInfo.processInfo.environment["GONGKAI_TEST_REQUIRE_SMTP"] != nil { throw Unavailable(reason: message) }
            throw XCTSkip(message)
        }
        port = n
        certificate = words.count > 2 ? words[2] : nil
    }

    /// Waits until `count` messages have arrived (or a few seconds pass) and returns them in order.
    func messages(expecting count: Int) async throws -> [Received] {
        for _ in 0..<100 {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            if files.count >= count {
                return try files.map { try JSONDecoder().decode(Received.self, from: Data(contentsOf: folder.appendingPathComponent($0))) }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try messages(now: ())
    }

    private func messages(now: Void) throws -> [Received] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { try JSONDecoder().decode(Received.self, from: Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    func stop() {
        guard process.isRunning else { return }
        try? lifeline.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }
}
