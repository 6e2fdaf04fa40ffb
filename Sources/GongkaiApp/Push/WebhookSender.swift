import AsyncHTTPClient
import FluentKit
import Foundation
import GongkaiDomain
import NIOCore
import NIOHTTP1

/// Hands notices to the county's webhooks: a delivery per webhook and notice, POSTed as signed
/// JSON (`WebhookSignature`), retried on `WebhookRetry`'s schedule, logged for the office.
struct WebhookSender: Sendable {
    let services: AppServices
    var timeout: TimeAmount = .seconds(10)

    /// One delivery per active webhook (`hooks`) whose government holds the notice's publisher.
    func enqueue(_ notice: PushNotice, hooks: [PushWebhook], now: Date) async throws {
        guard !hooks.isEmpty, let publisher = try await Organisation.find(notice.organisationID, on: services.db) else { return }
        for h in hooks where publisher.ancestry.ids.contains(h.organisationID) {
            let d = WebhookDelivery()
            d.id = UUID(); d.webhookID = h.id!; d.noticeID = notice.id!; d.attempts = 0; d.nextAttemptAt = now
            d.lastResult = ""; d.createdAt = now
            do { try await d.create(on: services.db) } catch { continue }
        }
    }

    struct Report: Sendable, Equatable {
        var delivered = 0
        var retrying = 0
        var failed = 0
    }

    /// Tries every delivery whose time has come.
    func deliverDue(now: Date) async throws -> Report {
        var report = Report()
        let due = try await WebhookDelivery.query(on: services.db).filter(\.$deliveredAt == nil).filter(\.$failedAt == nil)
            .filter(\.$nextAttemptAt <= now).sort(\.$createdAt).limit(200).all()
        guard !due.isEmpty else { return report }
        let names = try await OrganisationQueries.activeNames(services)
        let shortNames = try await PushQueries.matcher(services).names
        for d in due {
            guard let hook = try await PushWebhook.find(d.webhookID, on: services.db), hook.active,
                  let notice = try await PushNotice.find(d.noticeID, on: services.db) else {
                d.failedAt = now; d.lastResult = "接口已停用"; try await d.update(on: services.db); continue
            }
            // Two instances running the job at once may both send: the payload's id is the notice's,
            // the same in every try, so a receiver drops repeats (README).
            d.attempts += 1
            let result: String
            var ok = false
            do {
                let body = try WebhookPayload.encode(try await payload(notice, names: names, shortNames: shortNames))
                let status = try await post(body, to: hook, now: now)
                ok = (200..<300).contains(status)
                result = "HTTP \(status)"
            } catch {
                result = "连接失败：" + "\(error)".prefix(160)
            }
            d.lastResult = result
            if ok {
                d.deliveredAt = now; d.nextAttemptAt = nil; report.delivered += 1
            } else if let pause = WebhookRetry.delay(afterAttempts: d.attempts) {
                d.nextAttemptAt = now.addingTimeInterval(pause); report.retrying += 1
            } else {
                d.failedAt = now; d.nextAttemptAt = nil; report.failed += 1
            }
            try await d.update(on: services.db)
        }
        return report
    }

    /// `names`: full names of organisations; `shortNames`: those used for regions.
    func payload(_ n: PushNotice, names: [Int: String], shortNames: [Int: String]) async throws -> WebhookPayload {
        let base = services.config.publicBase
        let item = try await InformationItem.find(n.itemID, on: services.db)
        let audience = try await PushQueries.confirmedAudiences(of: [n.itemID], on: services.db)[n.itemID] ?? Audience()
        let iso = ISO8601DateFormatter()
        return WebhookPayload(
            id: n.id!, event: n.kind, eventLabel: n.kindValue.label, occurredAt: iso.string(from: n.createdAt),
            text: PushNoticeKind.line(kind: n.kindValue, title: n.title, successorTitle: n.successorTitle) + " " + base + n.path,
            policy: .init(id: n.itemID, title: n.title, url: base + n.path, organisationId: n.organisationID, organisation: names[n.organisationID] ?? "",
                          documentNumber: item?.documentNumber ?? "", publishedOn: item?.publishedAt.map { SiteClock.day(of: $0).description },
                          summary: item?.summary ?? "", replacedBy: n.successorTitle),
            audience: .init(regions: audience.regions.map { .init(id: $0, name: shortNames[$0] ?? "") }, groups: audience.groups,
                            lifeEvents: audience.lifeEvents, industries: audience.industries, sizes: audience.sizes, parks: audience.parks))
    }

    /// POSTs to the resolved, checked address (no redirects); returns the status.
    func post(_ body: [UInt8], to hook: PushWebhook, now: Date) async throws -> Int {
        guard let c = URLComponents(string: hook.url), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = c.host, !host.isEmpty else { throw LinkProbe.ProtocolError(description: "地址格式不正确") }
        let probe = LinkProbe(timeout: timeout, allowPrivateAddresses: services.config.pushWebhookPrivateAddresses)
        let address = try await probe.checkedAddress(host: host, port: c.port ?? (scheme == "https" ? 443 : 80))
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: timeout, read: timeout))
        configuration.dnsOverride = [host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")): address]
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        // The wire timestamp is the real time even on a training site whose clock is shifted
        // (GONGKAI_SITE_DATE): receivers check it against their own clock.
        let timestamp = Int(Date().timeIntervalSince1970)
        do {
            var request = HTTPClientRequest(url: hook.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.headers.add(name: "User-Agent", value: "Gongkai-Push/1.0")
            request.headers.add(name: "X-Gongkai-Timestamp", value: String(timestamp))
            request.headers.add(name: "X-Gongkai-Signature", value: WebhookSignature.sign(body: body, timestamp: timestamp, secret: hook.secret))
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await client.execute(request, timeout: timeout)
            let code = Int(response.status.code)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            try await client.shutdown()
            return code
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
