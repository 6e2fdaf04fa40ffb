import ArgumentParser
import Foundation
import GongkaiApp
import GongkaiDomain

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "管理后台账户", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "新建后台账户（首次登录须修改密码）")

        @Option(help: "用户名（3–32位英文字母、数字、_ . -）") var username: String
        @Option(help: "姓名") var name: String
        @Option(parsing: .upToNextOption, help: "角色，可多个：\(StaffRole.allCases.map { "\($0.rawValue)=\($0.label)" }.joined(separator: ", "))")
        var role: [String]
        @Option(help: "机构编号或全称") var org: String
        @Flag(help: "角色同时覆盖下级机构") var subtree = false
        @Option(help: "初始密码；省略时自动生成并打印") var password: String?

        func run() async throws {
            var roles: [StaffRole] = []
            for r in role {
                guard let parsed = StaffRole(rawValue: r) ?? StaffRole.allCases.first(where: { $0.label == r }) else {
                    throw ValidationError("未知角色“\(r)”。可用：\(StaffRole.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))")
                }
                roles.append(parsed)
            }
            let initial = password ?? Self.generatePassword()
            let (username, name, org, subtree) = (self.username, self.name, self.org, self.subtree)
            let rolesCopy = roles
            let result = try await Boot.withServices { services in
                try await CommandLineAdmin(services: services).createUser(
                    username: username, displayName: name, organisation: org, roles: rolesCopy,
                    includesSubtree: subtree, password: initial)
            }
            switch result {
            case .success(let summary):
                say(summary)
                if password == nil { say("初始密码：\(initial)（首次登录后须修改）") }
            case .failure(let message):
                throw ValidationError(message)
            }
        }

        static func generatePassword() -> String {
            let upper = Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), lower = Array("abcdefghijkmnpqrstuvwxyz"), digits = Array("23456789")
            var chars = (0..<4).map { _ in upper.randomElement()! } + (0..<4).map { _ in lower.randomElement()! }
                + (0..<3).map { _ in digits.randomElement()! } + ["@"]
            chars.shuffle()
            return String(chars)
        }
    }
}

struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "org", abstract: "管理机构", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "新建机构（用于首次部署时建立县级人民政府）")
        @Option(help: "机构全称") var name: String
        @Option(help: "简称") var shortName: String
        @Option(help: "类型：\(OrganisationKind.allCases.map { "\($0.rawValue)=\($0.label)" }.joined(separator: ", "))")
        var kind: String = OrganisationKind.countyGovernment.rawValue
        @Option(help: "上级机构编号或全称") var parent: String?
        @Option(help: "统一社会信用代码") var creditCode: String?

        func run() async throws {
            let (name, shortName, kind, parent, code) = (self.name, self.shortName, self.kind, self.parent, self.creditCode)
            let result = try await Boot.withServices { services in
                try await CommandLineAdmin(services: services).createOrganisation(
                    name: name, shortName: shortName, kind: kind, parent: parent, creditCode: code)
            }
            switch result {
            case .success(let s): say(s)
            case .failure(let m): throw ValidationError(m)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出机构树")
        func run() async throws {
            let lines = try await Boot.withServices { services in try await CommandLineAdmin(services: services).organisationLines() }
            lines.forEach { say($0) }
        }
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "在网站运行时生成 SQLite 数据库的一致性副本")
    @Argument(help: "备份文件路径（不能已存在）") var file: String

    func run() async throws {
        let file = self.file
        try await Boot.withServices { services in try await CommandLineAdmin(services: services).backup(to: file) }
        say("已备份到 \(file)")
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "审计日志", subcommands: [Verify.self, Head.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "重新计算哈希链，报告第一处断裂；--head 与保存的链头比较")
        @Option(name: .long, help: "之前保存的链头（序号:哈希），用于发现最新记录被删除")
        var head: String?

        func run() async throws {
            var anchor: AuditAnchor?
            if let head {
                guard let a = AuditAnchor(head) else {
                    say("--head 应为“序号:哈希”，如 1234:3f9a…（64位十六进制）")
                    throw ExitCode(64)
                }
                anchor = a
            }
            let saved = anchor
            let verdict = try await Boot.withServices { services in try await services.audit.verify(on: services.db, anchor: saved) }
            switch verdict {
            case .intact(let count):
                say("审计日志完整：共 \(count) 条记录，哈希链校验通过。")
            case .broken(let seq, let reason):
                say("审计日志被破坏：第 \(seq) 条记录：\(reason)")
                throw ExitCode(2)
            }
        }
    }
}

extension AuditCommand {
    struct Head: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "打印当前链头（序号:哈希），请保存在数据库以外")
        func run() async throws {
            let head = try await Boot.withServices { services in try await services.audit.head(on: services.db) }
            say(head?.description ?? "审计日志为空")
        }
    }
}

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "列出环境变量及默认值，并检查当前配置")
    func run() async throws {
        for v in AppConfig.variables {
            say("\(v.name)\t默认 \(v.defaultValue)\t\(v.meaning)")
        }
        _ = try Boot.config()
        say("当前配置有效。")
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入旧网站的信息（JSON Lines，每行一条：title、body_html、written_on、published_on、columns，可选 document_number、kind、genre、topic、validity、attachments）",
        discussion: "每批在一个事务中导入：一行有误则本批都不导入，并指出行号；此前的批次保留。附件路径相对于导入文件所在的文件夹。")

    @Argument(help: "JSON Lines 文件") var file: String
    @Option(help: "导入到的机构编号") var org: Int
    @Option(help: "记为发布人的账户用户名") var author: String
    @Option(help: "每批条数（1–5000）") var batch: Int = 500

    func run() async throws {
        let (file, org, author, batch) = (file, org, author, batch)
        do {
            let s = try await Boot.withServices { services in
                try await ArchiveImport(services: services).run(file: URL(fileURLWithPath: file), organisationID: org, author: author,
                                                                batchSize: batch, progress: { say($0) })
            }
            say("完成：导入 \(s.imported) 条；检查发现问题的 \(s.withFindings) 条，其中含个人信息或敏感词的 \(s.withSevereFindings) 条（见各条信息的处理记录）。")
        } catch let p as ArchiveImport.Problem {
            FileHandle.standardError.write(Data("\(p.description)\n".utf8))
            throw ExitCode(65)
        }
    }
}
