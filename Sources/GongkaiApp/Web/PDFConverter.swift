import Foundation

/// Word documents as PDF through LibreOffice (`soffice --headless --convert-to pdf`), when the
/// deployment names the program (`GONGKAI_PDF_CONVERTER`). Each conversion runs in a temporary folder
/// with its own LibreOffice profile (so conversions at the same time do not share one), with a time
/// limit; the folder is removed afterwards.
struct PDFConverter: Sendable {
    let program: String
    var timeout: TimeInterval = 60

    enum Failure: Error, CustomStringConvertible {
        case failed(String)
        var description: String {
            switch self { case .failed(let why): return "PDF 转换失败：\(why)" }
        }
    }

    /// Why documents come only as Word here, for the pages that offer downloads.
    static let unavailableNote = "本站未配置 PDF 转换程序，请下载 Word 文档，或在打印版页面使用浏览器“打印”另存为 PDF。"

    func pdf(fromDocx docx: [UInt8]) async throws -> [UInt8] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gk-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("document.docx")
        try Data(docx).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-env:UserInstallation=" + dir.appendingPathComponent("profile").absoluteString,
                             "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir.path, input.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure.failed("无法启动 \(program)：\(error.localizedDescription)"))
                return
            }
            let limit = timeout
            DispatchQueue.global().asyncAfter(deadline: .now() + limit) { if process.isRunning { process.terminate() } }
        }
        let output = dir.appendingPathComponent("document.pdf")
        guard status == 0, let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF".utf8)) else {
            throw Failure.failed("转换程序退出码 \(status)，未生成 PDF 文件")
        }
        return Array(data)
    }
}
