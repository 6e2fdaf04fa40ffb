import Foundation
import GongkaiDomain

/// Everything the app reads from its environment. Built once at start-up; a wrong value stops
/// start-up with a message naming the variable.
public struct AppConfig: Sendable {
    public enum DatabaseLocation: Sendable, Equatable {
        case sqliteFile(String)
        case postgres(URL)
    }

    public struct Footer: Sendable, Equatable {
        public var sponsor: String
        public var contact: String
        public var siteCode: String
        public var icpRecord: String
        public var publicSecurityRecord: String
    }

    public var host: String
    public var port: Int
    public var database: DatabaseLocation
    public var databasePoolSize: Int
    public var siteName: String
    public var baseURL: URL
    public var footer: Footer
    public var uploadMaxBytes: Int
    public var sessionIdleMinutes: Int
    public var sessionMaxHours: Int
    public var templatesOverrideDirectory: String?
    public var requireTOTPForAdministrators: Bool
    /// Reverse proxies whose X-Forwarded-For entries are believed (see `ClientAddress`).
    public var trustedProxies: [IPNetwork]
    /// GONGKAI_SECRET_KEY, decoded; nil: a key file in `dataDirectory`.
    public var secretKey: [UInt8]?
    public var dataDirectory: String = "./data"
    public var bcryptCost: Int
    /// Outgoing mail; nil when no SMTP host is set (messages then wait in the outbox).
    public var mail: MailSettings?
    /// Working days before a reply is due when handlers get a reminder.
    public var reminderLeadDays: Int
    /// How often `serve` runs the background jobs (reminders, outbox); 0 leaves it to `gongkai jobs`.
    public var jobsIntervalMinutes: Int
    /// Whether the background jobs check the links of published items on the internet.
    public var checkLinks: Bool
    /// How 身份证号 are masked everywhere (one preset per deployment, practice.md §5.2).
    public var idMaskPreset: IDMaskPreset
    /// Rendered public pages kept in memory per instance (0 = no cache).
    public var pageCachePages: Int = 2_000
    /// SQLite's page cache of the one connection, in MiB (SQLite's own default is 2).
    public var sqliteCacheMiB: Int = 64
    /// Art. 30 asks for a "合理的补正期限"; the law sets no number, so the shortest accepted is a setting.
    public var minimumCorrectionWorkingDays: Int = 5
    /// Townships and 街道 report by the county's date (Art. 49 does not name them).
    public var annualReportDeadline = AnnualReportDeadline()
    /// LibreOffice's `soffice`, to offer documents as PDF too (nil: Word only, and the pages say why).
    public var pdfConverter: String? = nil
    /// Let the dead-link check reach loopback and private addresses (an intranet site); off by default.
    public var linkCheckPrivateAddresses = false
    /// A training or demonstration site's date: the clock runs from this day instead of today
    /// (periods that take weeks can be shown by restarting with a later date). Unset in production.
    public var siteDate: CivilDate? = nil
    /// Themes a month's 政策解读日 plan must have (the 定远 plan asks for three; a local rule).
    public var interpretationDayThemes = 3
    /// Reply periods of letters per kind, in working days (defaults: 咨询 5, 建议/投诉/求助 15).
    public var letterPeriods = LetterPeriods.standard
    /// 舆情回应 limits in hours (80号: 5 h information and 24 h press conference for major events; 61号: 48 h).
    public var opinionLimits = OpinionLimits()
    /// Working days to answer 在线访谈 questions left open after the session.
    public var interviewFollowUpDays = 5
    /// Seconds without a touch after which the 公开专区 terminal returns to its start page.
    public var kioskIdleSeconds = 120
    /// 政策服务直通车: the audience words the county uses (groups, life events, 园区).
    public var audienceVocabulary = AudienceVocabulary()
    /// Webhooks may go to private and loopback addresses (a gateway inside the government network).
    public var pushWebhookPrivateAddresses = false
    /// Site monitoring, the 政务新媒体 registry and the annual-report similarity check (issue 19).
    public var monitor = MonitorSettings()
    /// Running the plan (issue 20): reminders before task deadlines, the 联席会议 day.
    public var plan = PlanSettings()
    /// How slowly a client may send a request before its connection is closed (tests shorten it).
    var slowClientLimits = SlowClientCutoff.Limits()

    public var cookiesSecure: Bool { baseURL.scheme == "https" }

    /// The public base address without a trailing slash, to put before a path in links that leave
    /// the site (mail, feeds, API answers, QR codes).
    public var publicBase: String { baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let variable: String
        public let reason: String
        public var description: String { "配置错误：环境变量 \(variable) \(reason)" }
    }

    /// One documented variable: name, default (nil = empty/absent) and meaning. The README table is
    /// written from the same facts; `gongkai config` prints it.
    public struct Variable: Sendable {
        public let name: String
        public let defaultValue: String
        public let meaning: String
    }

    public static let variables: [Variable] = [
        .init(name: "GONGKAI_HOST", defaultValue: "127.0.0.1", meaning: "监听地址 / listen address"),
        .init(name: "GONGKAI_PORT", defaultValue: "8080", meaning: "监听端口 / listen port (1–65535)"),
        .init(name: "DATABASE_URL", defaultValue: "(unset: SQLite file ./data/gongkai.sqlite)", meaning: "postgres://user:pass@host:port/db for PostgreSQL, or sqlite:///path/file.sqlite"),
        .init(name: "GONGKAI_DATA_DIR", defaultValue: "./data", meaning: "folder for the SQLite file when DATABASE_URL is unset"),
        .init(name: "GONGKAI_DB_POOL_SIZE", defaultValue: "4", meaning: "PostgreSQL connections per event loop (1–64); SQLite always uses one writer connection"),
        .init(name: "GONGKAI_SITE_NAME", defaultValue: "政府信息公开", meaning: "网站名称 / site name"),
        .init(name: "GONGKAI_BASE_URL", defaultValue: "http://127.0.0.1:8080", meaning: "公开访问地址 / public base URL; https makes cookies Secure"),
        .init(name: "GONGKAI_SPONSOR", defaultValue: "(empty)", meaning: "页脚：主办单位"),
        .init(name: "GONGKAI_CONTACT", defaultValue: "(empty)", meaning: "页脚：联系方式"),
        .init(name: "GONGKAI_SITE_CODE", defaultValue: "(empty)", meaning: "页脚：网站标识码 (10 digits when set)"),
        .init(name: "GONGKAI_ICP", defaultValue: "(empty)", meaning: "页脚：ICP备案号"),
        .init(name: "GONGKAI_PSB", defaultValue: "(empty)", meaning: "页脚：公安机关备案号"),
        .init(name: "GONGKAI_UPLOAD_MAX_MB", defaultValue: "20", meaning: "largest accepted upload in MiB (1–1024)"),
        .init(name: "GONGKAI_SESSION_IDLE_MINUTES", defaultValue: "30", meaning: "back-office session idle timeout in minutes (5–1440)"),
        .init(name: "GONGKAI_SESSION_MAX_HOURS", defaultValue: "12", meaning: "absolute session lifetime in hours (1–720)"),
        .init(name: "GONGKAI_TEMPLATES_DIR", defaultValue: "(unset)", meaning: "folder whose .mustache files and static/ files override the shipped ones"),
        .init(name: "GONGKAI_REQUIRE_TOTP", defaultValue: "false", meaning: "true: 系统管理员 and 公开办管理员 must use a TOTP second factor"),
        .init(name: "GONGKAI_TRUSTED_PROXIES", defaultValue: "(empty: X-Forwarded-For is ignored)", meaning: "comma-separated addresses or CIDRs of your own reverse proxies, e.g. 127.0.0.1,10.0.0.0/8; the client is the right-most X-Forwarded-For entry not in this list"),
        .init(name: "GONGKAI_TRUST_PROXY", defaultValue: "false", meaning: "older switch: true = GONGKAI_TRUSTED_PROXIES=127.0.0.1,::1 (a proxy on the same machine)"),
        .init(name: "GONGKAI_SECRET_KEY", defaultValue: "(unset: secret.key in GONGKAI_DATA_DIR, made on first start)", meaning: "base64 of 32 random bytes (openssl rand -base64 32); seals TOTP secrets in the database; every instance needs the same key"),
        .init(name: "GONGKAI_BCRYPT_COST", defaultValue: "12", meaning: "bcrypt cost factor (10–16)"),
        .init(name: "GONGKAI_SMTP_HOST", defaultValue: "(unset: no mail is sent; messages wait in the outbox)", meaning: "发信服务器 / outgoing SMTP server"),
        .init(name: "GONGKAI_SMTP_PORT", defaultValue: "587 (465 with tls, 25 with none)", meaning: "SMTP port"),
        .init(name: "GONGKAI_SMTP_SECURITY", defaultValue: "starttls", meaning: "starttls, tls (implicit, port 465) or none (only for a relay on a trusted network)"),
        .init(name: "GONGKAI_SMTP_USER", defaultValue: "(unset: no login)", meaning: "SMTP login name"),
        .init(name: "GONGKAI_SMTP_PASSWORD", defaultValue: "(unset)", meaning: "SMTP password"),
        .init(name: "GONGKAI_SMTP_CA_FILE", defaultValue: "(unset: the system's trusted certificates)", meaning: "PEM file of CA certificates also trusted for the SMTP server (an internal mail server with its own CA)"),
        .init(name: "GONGKAI_MAIL_FROM", defaultValue: "noreply@(host of GONGKAI_BASE_URL)", meaning: "发件人地址 / sender address"),
        .init(name: "GONGKAI_LINK_CHECK_PRIVATE", defaultValue: "false", meaning: "死链检查是否访问本机和内网地址（默认否，防止服务器端请求伪造）"),
        .init(name: "GONGKAI_INTERPRETATION_DAY_THEMES", defaultValue: "3", meaning: "政策解读日每月计划至少包含的主题数（1–10；定远县方案为3个）"),
        .init(name: "GONGKAI_LETTER_DAYS", defaultValue: "咨询=5,政策咨询=5,建议=15,投诉=15,求助=15", meaning: "来信答复期限（工作日，1–60），未列出的类别用默认值"),
        .init(name: "GONGKAI_OPINION_HOURS", defaultValue: "5,24,48", meaning: "舆情回应时限（小时）：重大突发事件发布权威信息、召开新闻发布会，一般政务舆情回应"),
        .init(name: "GONGKAI_INTERVIEW_FOLLOW_UP_DAYS", defaultValue: "5", meaning: "在线访谈结束后答复遗留问题的期限（工作日，1–30）"),
        .init(name: "GONGKAI_KIOSK_IDLE_SECONDS", defaultValue: "120", meaning: "公开专区查询终端无人操作多少秒后回到首页（15–3600）"),
        .init(name: "GONGKAI_PUSH_GROUPS", defaultValue: AudienceVocabulary.defaultGroups.joined(separator: "、"), meaning: "政策服务直通车：可选的人群（用“、”或逗号分隔，每项不超过20字，最多40项）"),
        .init(name: "GONGKAI_PUSH_LIFE_EVENTS", defaultValue: AudienceVocabulary.defaultLifeEvents.joined(separator: "、"), meaning: "政策服务直通车：可选的人生事项（同上）"),
        .init(name: "GONGKAI_PUSH_PARKS", defaultValue: "(none)", meaning: "政策服务直通车：本县的园区名称（同上），供企业选择所在园区"),
        .init(name: "GONGKAI_PUSH_WEBHOOK_PRIVATE", defaultValue: "false", meaning: "true: 推送接口（webhook）可以发往内网和本机地址（政务外网内的短信、微信网关）"),
        .init(name: "GONGKAI_MONITOR_PORTAL_URL", defaultValue: "http://127.0.0.1:<端口>", meaning: "网站监测：从哪个地址抓取本站（默认本机回环地址）"),
        .init(name: "GONGKAI_MONITOR_CRAWL_HOURS", defaultValue: "24", meaning: "网站监测：定时全站检查的间隔小时数（0：只在点击“立即检查”时检查）"),
        .init(name: "GONGKAI_MONITOR_PROBE_MINUTES", defaultValue: "45", meaning: "网站监测：首页可用性探测间隔分钟数（1–240，0 为不探测；每天应不少于20次）"),
        .init(name: "GONGKAI_MONITOR_DELAY_MS", defaultValue: "500", meaning: "网站监测：两次抓取之间至少间隔的毫秒数（robots.txt 要求更长的，从其要求）"),
        .init(name: "GONGKAI_MONITOR_MAX_PAGES", defaultValue: "2000", meaning: "网站监测：每次检查每个网站最多抓取的页面数"),
        .init(name: "GONGKAI_MONITOR_MAX_DEPTH", defaultValue: "10", meaning: "网站监测：从首页起最多跟随几层链接（最深一层只检查链接是否可用，不再读取其中的链接）"),
        .init(name: "GONGKAI_MONITOR_EXTERNAL_LINKS", defaultValue: "true", meaning: "网站监测：是否检查指向其他网站的链接是否可用"),
        .init(name: "GONGKAI_MONITOR_PRIVATE", defaultValue: "false", meaning: "true: 网站监测可以访问内网地址（县里登记的内网网站）"),
        .init(name: "GONGKAI_MONITOR_BAD_HOSTS", defaultValue: "(内置：.bet、.casino、bocai 等)", meaning: "网站监测：暗链可疑网站（顶级域“.bet”、域名“a.example”或域名中的词，逗号分隔，替换内置名单）"),
        .init(name: "GONGKAI_MONITOR_NEWS_DAYS", defaultValue: "14", meaning: "网站监测：动态要闻类栏目、首页超过多少天未更新算“不更新”"),
        .init(name: "GONGKAI_MONITOR_NOTICE_DAYS", defaultValue: "183", meaning: "网站监测：通知公告、政策文件类栏目超过多少天未更新算“不更新”"),
        .init(name: "GONGKAI_MONITOR_WEIGHTS", defaultValue: "(见说明)", meaning: "网站监测：扣分分值，如 homepage_dead_link=1,dead_link=0.1,typo=0.2,stale_column=1,blank_column=1,availability=5（未经核实，可调整）"),
        .init(name: "GONGKAI_NEW_MEDIA_STALE_DAYS", defaultValue: "14", meaning: "政务新媒体：超过多少天未更新提醒（有的县要求10天）"),
        .init(name: "GONGKAI_PLAN_REMINDER_DAYS", defaultValue: "7", meaning: "工作任务台账、整改清单：到期前几天提醒责任单位（逾期后同时报公开办，0–60）"),
        .init(name: "GONGKAI_JOINT_MEETING_DAY", defaultValue: "15", meaning: "联席会议：每月几日召开（遇节假日顺延到下一个工作日，1–28）"),
        .init(name: "GONGKAI_REPORT_SIMILARITY_PERCENT", defaultValue: "60", meaning: "年度报告：与其他单位或上年报告的语句相似度达到多少（%）须改写或说明"),
        .init(name: "GONGKAI_SITE_DATE", defaultValue: "(unset: today)", meaning: "培训、演示站点的日期（YYYY-MM-DD，2000–2100年）：时钟从该日的当前时刻起走；正式站点不要设置"),
        .init(name: "GONGKAI_PDF_CONVERTER", defaultValue: "", meaning: "LibreOffice soffice 的路径（如 /usr/bin/soffice）：配置后文书另提供 PDF 版"),
        .init(name: "GONGKAI_TOWNSHIP_REPORT_DUE", defaultValue: "03-31", meaning: "乡镇和街道年度报告的报送期限（次年的月-日，县里规定，条例第四十九条未列明）"),
        .init(name: "GONGKAI_MIN_CORRECTION_DAYS", defaultValue: "5", meaning: "依申请公开：补正期限至少几个工作日（条例第三十条“合理的补正期限”，1–30）"),
        .init(name: "GONGKAI_REMINDER_DAYS", defaultValue: "3", meaning: "依申请公开：到期前几个工作日提醒经办人 (0–20)"),
        .init(name: "GONGKAI_ID_MASK", defaultValue: "6+4", meaning: "身份证号脱敏规则：6+4 (350102********1234) or 2+3 (35*************123)"),
        .init(name: "GONGKAI_LINK_CHECK", defaultValue: "true", meaning: "true: the background jobs check links in published items (each address once a day); false on machines without internet access"),
        .init(name: "GONGKAI_PAGE_CACHE_PAGES", defaultValue: "2000", meaning: "rendered public pages (item, column, organisation pages) kept in memory per instance, re-checked against the audit trail every second; 0 = off (0–100000)"),
        .init(name: "GONGKAI_SQLITE_CACHE_MIB", defaultValue: "64", meaning: "SQLite only: the database pages kept in memory, in MiB (2–4096); a bulk import into a large database gains most from a larger cache"),
        .init(name: "GONGKAI_JOBS_INTERVAL_MINUTES", defaultValue: "10", meaning: "minutes between background job runs in serve (reminders, mail); 0 = off, run `gongkai jobs` from cron instead (0–1440)"),
    ]

    public static func fromEnvironment(_ env: [String: String]) throws(Problem) -> AppConfig {
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        func int(_ name: String, default d: Int, range: ClosedRange<Int>) throws(Problem) -> Int {
            guard let raw = value(name) else { return d }
            guard let n = Int(raw) else { throw Problem(variable: name, reason: "应为整数，实际为“\(raw)”") }
            guard range.contains(n) else {
                throw Problem(variable: name, reason: "应在 \(range.lowerBound)–\(range.upperBound) 之间，实际为 \(n)")
            }
            return n
        }
        func bool(_ name: String, default d: Bool) throws(Problem) -> Bool {
            guard let raw = value(name)?.lowercased() else { return d }
            switch raw {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw Problem(variable: name, reason: "应为 true 或 false，实际为“\(raw)”")
            }
        }

        func trustedProxies() throws(Problem) -> [IPNetwork] {
            var list: [IPNetwork] = []
            for raw in (value("GONGKAI_TRUSTED_PROXIES") ?? "").split(separator: ",") {
                guard let n = IPNetwork(String(raw)) else {
                    throw Problem(variable: "GONGKAI_TRUSTED_PROXIES", reason: "“\(raw)”不是 IP 地址或 CIDR（如 10.0.0.0/8）")
                }
                list.append(n)
            }
            if try bool("GONGKAI_TRUST_PROXY", default: false) { list += [IPNetwork("127.0.0.1")!, IPNetwork("::1")!] }
            return list
        }

        func secretKey() throws(Problem) -> [UInt8]? {
            guard let raw = value("GONGKAI_SECRET_KEY") else { return nil }
            guard let key = Data(base64Encoded: raw), key.count == 32 else {
                throw Problem(variable: "GONGKAI_SECRET_KEY", reason: "应为32字节随机数的 base64 编码（可用 openssl rand -base64 32 生成）")
            }
            return [UInt8](key)
        }

        let dataDirectory = value("GONGKAI_DATA_DIR") ?? "./data"
        let port = try int("GONGKAI_PORT", default: 8080, range: 1...65535)
        let host = value("GONGKAI_HOST") ?? "127.0.0.1"

        let database: DatabaseLocation
        if let raw = value("DATABASE_URL") {
            if raw.hasPrefix("sqlite://") {
                let path = String(raw.dropFirst("sqlite://".count))
                guard !path.isEmpty else { throw Problem(variable: "DATABASE_URL", reason: "sqlite:// 后应跟数据库文件路径") }
                database = .sqliteFile(path)
            } else if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
                guard let url = URL(string: raw), url.host != nil else {
                    throw Problem(variable: "DATABASE_URL", reason: "不是有效的 PostgreSQL 地址（示例：postgres://用户:密码@127.0.0.1:5432/库名）")
                }
                guard url.path.count > 1 else {
                    throw Problem(variable: "DATABASE_URL", reason: "缺少数据库名（地址末尾应为 /库名）")
                }
                database = .postgres(url)
            } else {
                throw Problem(variable: "DATABASE_URL", reason: "只支持 postgres:// 或 sqlite:// 开头的地址，实际为“\(raw.prefix(20))…”")
            }
        } else {
            database = .sqliteFile((dataDirectory as NSString).appendingPathComponent("gongkai.sqlite"))
        }

        let baseRaw = value("GONGKAI_BASE_URL") ?? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
        guard let baseURL = URL(string: baseRaw), let scheme = baseURL.scheme, ["http", "https"].contains(scheme),
              baseURL.host != nil else {
            throw Problem(variable: "GONGKAI_BASE_URL", reason: "应为 http:// 或 https:// 开头的完整地址，实际为“\(baseRaw)”")
        }

        let siteCode = value("GONGKAI_SITE_CODE") ?? ""
        if !siteCode.isEmpty && !(siteCode.count == 10 && siteCode.allSatisfy(\.isNumber)) {
            throw Problem(variable: "GONGKAI_SITE_CODE", reason: "网站标识码应为10位数字，实际为“\(siteCode)”")
        }

        func pdfConverter() throws(Problem) -> String? {
            guard let path = value("GONGKAI_PDF_CONVERTER") else { return nil }
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw Problem(variable: "GONGKAI_PDF_CONVERTER", reason: "应为可执行的 LibreOffice soffice 程序路径（如 /usr/bin/soffice），“\(path)”不可执行")
            }
            return path
        }

        func reportDeadline() throws(Problem) -> AnnualReportDeadline {
            guard let raw = value("GONGKAI_TOWNSHIP_REPORT_DUE") else { return AnnualReportDeadline() }
            guard let d = AnnualReportDeadline(townshipDue: raw) else {
                throw Problem(variable: "GONGKAI_TOWNSHIP_REPORT_DUE", reason: "应为“月-日”，如 02-20，实际为“\(raw)”")
            }
            return d
        }

        func idMask() throws(Problem) -> IDMaskPreset {
            guard let raw = value("GONGKAI_ID_MASK") else { return .keepFirst6Last4 }
            guard let p = IDMaskPreset(rawValue: raw) else { throw Problem(variable: "GONGKAI_ID_MASK", reason: "应为 6+4 或 2+3，实际为“\(raw)”") }
            return p
        }

        func mailSettings() throws(Problem) -> MailSettings? {
            guard let host = value("GONGKAI_SMTP_HOST") else { return nil }
            let securityRaw = value("GONGKAI_SMTP_SECURITY")?.lowercased() ?? "starttls"
            guard let security = MailSettings.Security(rawValue: securityRaw) else {
                throw Problem(variable: "GONGKAI_SMTP_SECURITY", reason: "应为 starttls、tls 或 none，实际为“\(securityRaw)”")
            }
            let defaultPort = security == .tls ? 465 : security == .none ? 25 : 587
            let user = value("GONGKAI_SMTP_USER")
            let password = value("GONGKAI_SMTP_PASSWORD")
            if user != nil && password == nil {
                throw Problem(variable: "GONGKAI_SMTP_PASSWORD", reason: "设置了 GONGKAI_SMTP_USER 时必须同时设置")
            }
            let from = value("GONGKAI_MAIL_FROM") ?? "noreply@\(baseURL.host ?? "localhost")"
            guard ContactFormat.isEmail(from) || from.hasSuffix("@localhost") || from.hasSuffix("@127.0.0.1") else {
                throw Problem(variable: "GONGKAI_MAIL_FROM", reason: "不是有效的电子邮箱地址：“\(from)”")
            }
            let caFile = value("GONGKAI_SMTP_CA_FILE")
            if let f = caFile, !FileManager.default.isReadableFile(atPath: f) {
                throw Problem(variable: "GONGKAI_SMTP_CA_FILE", reason: "无法读取证书文件“\(f)”")
            }
            return MailSettings(host: host, port: try int("GONGKAI_SMTP_PORT", default: defaultPort, range: 1...65535),
                                security: security, username: user, password: password,
                                from: .init(name: value("GONGKAI_SITE_NAME") ?? "政府信息公开", address: from), caFile: caFile)
        }

        func letterPeriods() throws(Problem) -> LetterPeriods {
            guard let raw = value("GONGKAI_LETTER_DAYS") else { return .standard }
            switch LetterPeriods.parse(raw) {
            case .success(let p): return p
            case .failure(let e): throw Problem(variable: "GONGKAI_LETTER_DAYS", reason: e.message)
            }
        }

        func vocabulary() throws(Problem) -> AudienceVocabulary {
            func list(_ name: String, _ fallback: [String]) throws(Problem) -> [String] {
                guard let raw = value(name) else { return fallback }
                guard let names = AudienceVocabulary.parseList(raw) else { throw Problem(variable: name, reason: "每项不超过20字，最多40项") }
                return names
            }
            return AudienceVocabulary(groups: try list("GONGKAI_PUSH_GROUPS", AudienceVocabulary.defaultGroups),
                                      lifeEvents: try list("GONGKAI_PUSH_LIFE_EVENTS", AudienceVocabulary.defaultLifeEvents),
                                      parks: try list("GONGKAI_PUSH_PARKS", AudienceVocabulary.defaultParks))
        }

        func opinionLimits() throws(Problem) -> OpinionLimits {
            guard let raw = value("GONGKAI_OPINION_HOURS") else { return OpinionLimits() }
            switch OpinionLimits.parse(raw) {
            case .success(let l): return l
            case .failure(let e): throw Problem(variable: "GONGKAI_OPINION_HOURS", reason: e.message)
            }
        }

        func monitorSettings() throws(Problem) -> MonitorSettings {
            var m = MonitorSettings()
            if let raw = value("GONGKAI_MONITOR_PORTAL_URL") {
                guard let u = URL(string: raw), ["http", "https"].contains(u.scheme ?? ""), u.host?.isEmpty == false else {
                    throw Problem(variable: "GONGKAI_MONITOR_PORTAL_URL", reason: "应为 http(s) 地址，如 http://127.0.0.1:8080")
                }
                m.portalURL = raw.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            }
            m.crawlEveryHours = try int("GONGKAI_MONITOR_CRAWL_HOURS", default: 24, range: 0...720)
            m.probeEveryMinutes = try int("GONGKAI_MONITOR_PROBE_MINUTES", default: 45, range: 0...240)
            m.delayMilliseconds = try int("GONGKAI_MONITOR_DELAY_MS", default: 500, range: 0...60_000)
            m.maxPages = try int("GONGKAI_MONITOR_MAX_PAGES", default: 2000, range: 10...100_000)
            m.maxDepth = try int("GONGKAI_MONITOR_MAX_DEPTH", default: 10, range: 1...50)
            m.checkExternalLinks = try bool("GONGKAI_MONITOR_EXTERNAL_LINKS", default: true)
            m.privateAddresses = try bool("GONGKAI_MONITOR_PRIVATE", default: false)
            if let raw = value("GONGKAI_MONITOR_BAD_HOSTS") {
                let entries = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard entries.count <= 200, entries.allSatisfy({ $0.count <= 100 }) else {
                    throw Problem(variable: "GONGKAI_MONITOR_BAD_HOSTS", reason: "最多200项，每项不超过100个字符")
                }
                m.suspiciousHosts = SuspiciousHosts(entries: entries)
            }
            m.freshness = ColumnFreshness(newsDays: try int("GONGKAI_MONITOR_NEWS_DAYS", default: 14, range: 1...365),
                                          noticeDays: try int("GONGKAI_MONITOR_NOTICE_DAYS", default: 183, range: 1...730))
            if let raw = value("GONGKAI_MONITOR_WEIGHTS") {
                guard let w = InspectionVerdict.Weights.parse(raw) else {
                    throw Problem(variable: "GONGKAI_MONITOR_WEIGHTS", reason: "应为“项目=分值”逗号分隔（分值0–100），项目为 homepage_dead_link、dead_link、typo、stale_column、blank_column、availability")
                }
                m.weights = w
            }
            m.newMediaStaleDays = try int("GONGKAI_NEW_MEDIA_STALE_DAYS", default: 14, range: 1...90)
            m.reportSimilarityPercent = try int("GONGKAI_REPORT_SIMILARITY_PERCENT", default: 60, range: 30...95)
            return m
        }

        func planSettings() throws(Problem) -> PlanSettings {
            var p = PlanSettings()
            p.reminderDays = try int("GONGKAI_PLAN_REMINDER_DAYS", default: 7, range: 0...60)
            p.meetingDay = try int("GONGKAI_JOINT_MEETING_DAY", default: 15, range: 1...28)
            return p
        }

        func siteDate() throws(Problem) -> CivilDate? {
            guard let raw = value("GONGKAI_SITE_DATE") else { return nil }
            guard let d = CivilDate(iso: raw), (2000...2100).contains(d.year) else {
                throw Problem(variable: "GONGKAI_SITE_DATE", reason: "应为2000–2100年间的日期，如 2026-09-28，而不是“\(raw.prefix(40))”")
            }
            return d
        }

        let templatesDir = value("GONGKAI_TEMPLATES_DIR")
        if let dir = templatesDir {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw Problem(variable: "GONGKAI_TEMPLATES_DIR", reason: "指向的目录不存在：\(dir)")
            }
        }

        return AppConfig(
            host: host,
            port: port,
            database: database,
            databasePoolSize: try int("GONGKAI_DB_POOL_SIZE", default: 4, range: 1...64),
            siteName: value("GONGKAI_SITE_NAME") ?? "政府信息公开",
            baseURL: baseURL,
            footer: Footer(
                sponsor: value("GONGKAI_SPONSOR") ?? "",
                contact: value("GONGKAI_CONTACT") ?? "",
                siteCode: siteCode,
                icpRecord: value("GONGKAI_ICP") ?? "",
                publicSecurityRecord: value("GONGKAI_PSB") ?? ""
            ),
            uploadMaxBytes: try int("GONGKAI_UPLOAD_MAX_MB", default: 20, range: 1...1024) * 1024 * 1024,
            sessionIdleMinutes: try int("GONGKAI_SESSION_IDLE_MINUTES", default: 30, range: 5...1440),
            sessionMaxHours: try int("GONGKAI_SESSION_MAX_HOURS", default: 12, range: 1...720),
            templatesOverrideDirectory: templatesDir,
            requireTOTPForAdministrators: try bool("GONGKAI_REQUIRE_TOTP", default: false),
            trustedProxies: try trustedProxies(),
            secretKey: try secretKey(),
            dataDirectory: dataDirectory,
            bcryptCost: try int("GONGKAI_BCRYPT_COST", default: 12, range: 10...16),
            mail: try mailSettings(),
            reminderLeadDays: try int("GONGKAI_REMINDER_DAYS", default: 3, range: 0...20),
            jobsIntervalMinutes: try int("GONGKAI_JOBS_INTERVAL_MINUTES", default: 10, range: 0...1440),
            checkLinks: try bool("GONGKAI_LINK_CHECK", default: true),
            idMaskPreset: try idMask(),
            pageCachePages: try int("GONGKAI_PAGE_CACHE_PAGES", default: 2_000, range: 0...100_000),
            sqliteCacheMiB: try int("GONGKAI_SQLITE_CACHE_MIB", default: 64, range: 2...4_096),
            minimumCorrectionWorkingDays: try int("GONGKAI_MIN_CORRECTION_DAYS", default: 5, range: 1...30),
            annualReportDeadline: try reportDeadline(),
            pdfConverter: try pdfConverter(),
            linkCheckPrivateAddresses: try bool("GONGKAI_LINK_CHECK_PRIVATE", default: false),
            siteDate: try siteDate(),
            interpretationDayThemes: try int("GONGKAI_INTERPRETATION_DAY_THEMES", default: 3, range: 1...10),
            letterPeriods: try letterPeriods(),
            opinionLimits: try opinionLimits(),
            interviewFollowUpDays: try int("GONGKAI_INTERVIEW_FOLLOW_UP_DAYS", default: 5, range: 1...30),
            kioskIdleSeconds: try int("GONGKAI_KIOSK_IDLE_SECONDS", default: 120, range: 15...3600),
            audienceVocabulary: try vocabulary(),
            pushWebhookPrivateAddresses: try bool("GONGKAI_PUSH_WEBHOOK_PRIVATE", default: false),
            monitor: try monitorSettings(),
            plan: try planSettings()
        )
    }
}
