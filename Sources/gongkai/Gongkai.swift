import ArgumentParser
import Foundation
import GongkaiApp
import GongkaiDomain
import Logging

@main
struct Gongkai: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "Gongkai 政务公开平台",
        subcommands: [Serve.self, Migrate.self, Demo.self, UserCommand.self, OrgCommand.self, Backup.self,
                      AuditCommand.self, ConfigCommand.self, Jobs.self, ImportCommand.self],
        defaultSubcommand: Serve.self)
}

/// Writes a line to standard output at once (say() is block-buffered when piped to a file).
func say(_ s: String) {
    FileHandle.standardOutput.write(Data((s + "\n").utf8))
}

/// Shared start-up: configuration from the environment, logging.
enum Boot {
    static func config() throws -> AppConfig {
        do {
            return try AppConfig.fromEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(78)
        }
    }

    static func logger() -> Logger {
        var logger = Logger(label: "gongkai")
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        logger.logLevel = level
        return logger
    }

    /// Runs `body` with migrated services, then closes the database.
    static func withServices<T: Sendable>(_ body: @Sendable (AppServices) async throws -> T) async throws -> T {
        let config = try config()
        let logger = logger()
        let database = try DatabaseService(config: config, logger: logger)
        do {
            try await database.migrate()
            let services = try AppServices(config: config, database: database, logger: logger)
            try await services.upkeep()
            let r = try await body(services)
            await database.shutdown()
            return r
        } catch {
            await database.shutdown()
            throw error
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "迁移数据库并启动网站")

    func run() async throws {
        let config = try Boot.config()
        let app = try await buildApplication(config: config, logger: Boot.logger())
        try await app.runService()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "把数据库结构升级到最新")

    func run() async throws {
        try await Boot.withServices { _ in }
        say("数据库结构已是最新。")
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "载入演示县数据（数据库为空时）并启动网站")

    /// Footer and site facts of the fictional demo county, used where the environment sets none.
    static let demoDefaults = [
        "GONGKAI_SITE_NAME": "清溪县人民政府 政府信息公开",
        "GONGKAI_SPONSOR": "清溪县人民政府办公室（演示）",
        "GONGKAI_CONTACT": "0832-5550100",
        "GONGKAI_ICP": "演示站点，无ICP备案",
        // The demo's links are fictional; do not probe the internet for them.
        "GONGKAI_LINK_CHECK": "false",
    ]

    func run() async throws {
        for (k, v) in Self.demoDefaults where ProcessInfo.processInfo.environment[k] == nil { setenv(k, v, 0) }
        let loaded = try await Boot.withServices { services in try await DemoCounty(services: services).loadIfEmpty() }
        let config = try Boot.config()
        say(loaded ? "已载入演示数据：清溪县（虚构）。" : "数据库中已有机构，未重复载入演示数据。")
        say("网站地址：\(config.baseURL.absoluteString)    后台：\(config.baseURL.absoluteString)/admin")
        say("演示账户（仅供演示，请勿用于正式环境）：")
        for l in try DemoCounty.logins() {
            say("  \(l.username.padding(toLength: 10, withPad: " ", startingAt: 0))  密码 \(l.password)  \(l.roleLabel)（\(l.organisation)）")
        }
        let app = try await buildApplication(config: config, logger: Boot.logger())
        try await app.runService()
    }
}

struct Jobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "运行一次后台任务：依申请公开期限提醒与督办、发送待发邮件、定时发布、链接检查")
    @Option(help: "按此日期计算提醒（YYYY-MM-DD，默认今天）") var today: String?

    func run() async throws {
        var date: CivilDate?
        if let raw = today {
            guard let d = CivilDate(iso: raw) else {
                FileHandle.standardError.write(Data("日期格式应为 YYYY-MM-DD，实际为“\(raw)”\n".utf8))
                throw ExitCode(64)
            }
            date = d
        }
        let day = date
        let r = try await Boot.withServices { services in try await BackgroundJobs(services: services).runOnce(today: day) }
        say(r.lines.joined(separator: "；") + "。")
        if !r.failed.isEmpty { throw ExitCode.failure }
        if r.needsAttention { throw ExitCode(3) }
    }
}
