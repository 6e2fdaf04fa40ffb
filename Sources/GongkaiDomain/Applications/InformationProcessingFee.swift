/// 信息处理费 (国办函〔2020〕109号): charged only where applications exceed a reasonable number or
/// volume; one method per application, progressive over the excess. Amounts in yuan.
/// The bands above 30 applications a month and the payment period are not confirmed by a primary
/// source (law.md §3): both are settings, with the commonly understood values as defaults.
public struct InformationProcessingFee: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable, Codable {
        /// 按件计收: by the applicant's number of applications in the calendar month.
        case byCount = "by_count"
        /// 按量计收: by pages provided (paper, e-mail, copied electronic data).
        case byVolume = "by_volume"

        public var label: String { self == .byCount ? "按件计收" : "按量计收" }
    }

    /// Applications a month that are free.
    public var freeApplicationsPerMonth = 10
    /// Applications 11–30 cost this much each.
    public var firstBandLimit = 30
    public var firstBandCharge = 100
    /// Above the first band the charge rises by `stepIncrease` for every `stepSize` further applications.
    public var stepSize = 10
    public var stepIncrease = 100
    /// Page bands: (first page of the band, charge per page). Pages before the first band are free.
    public var pageBands: [(from: Int, perPage: Int)] = [(31, 10), (101, 20), (201, 40)]
    /// Working days the applicant has to pay after receiving the 收费通知.
    public var paymentPeriodWorkingDays = 20

    public init() {}

    public static func == (a: Self, b: Self) -> Bool {
        a.freeApplicationsPerMonth == b.freeApplicationsPerMonth && a.firstBandLimit == b.firstBandLimit
            && a.firstBandCharge == b.firstBandCharge && a.stepSize == b.stepSize && a.stepIncrease == b.stepIncrease
            && a.pageBands.map(\.from) == b.pageBands.map(\.from) && a.pageBands.map(\.perPage) == b.pageBands.map(\.perPage)
            && a.paymentPeriodWorkingDays == b.paymentPeriodWorkingDays
    }

    /// The charge for the applicant's `ordinal`-th application in a calendar month (1-based).
    public func chargeForApplication(ordinal: Int) -> Int {
        if ordinal <= freeApplicationsPerMonth { return 0 }
        if ordinal <= firstBandLimit { return firstBandCharge }
        let stepsAbove = (ordinal - firstBandLimit - 1) / stepSize + 1
        return firstBandCharge + stepsAbove * stepIncrease
    }

    /// The charge for providing `pages` pages: each page is charged at the rate of the band it falls in.
    public func chargeForPages(_ pages: Int) -> Int {
        guard pages > 0 else { return 0 }
        var total = 0
        for (i, band) in pageBands.enumerated() {
            let end = i + 1 < pageBands.count ? pageBands[i + 1].from - 1 : Int.max
            guard pages >= band.from else { break }
            total += (min(pages, end) - band.from + 1) * band.perPage
        }
        return total
    }

    /// The standard in words, from these settings, for the 政府信息公开指南 (seed 004: the guide states it).
    public var standardText: String {
        var pages: [String] = ["\(pageBands.first.map { $0.from - 1 } ?? 0)页以下（含）不收费"]
        for (i, band) in pageBands.enumerated() {
            if i + 1 < pageBands.count {
                pages.append("\(band.from)—\(pageBands[i + 1].from - 1)页的部分按\(band.perPage)元/页收费")
            } else {
                pages.append("\(band.from)页以上的部分按\(band.perPage)元/页收费")
            }
        }
        return "按件计收：同一申请人一个自然月内累计申请\(freeApplicationsPerMonth)件以下（含）的不收费；"
            + "\(freeApplicationsPerMonth + 1)—\(firstBandLimit)件的部分按\(firstBandCharge)元/件收费；"
            + "\(firstBandLimit)件以上的部分，每增加\(stepSize)件，收费标准提高\(stepIncrease)元/件。"
            + "按量计收（纸质、电子邮件或复制电子数据提供）：" + pages.joined(separator: "；") + "。"
            + "同一申请只适用一种计收方式。申请人应当自收到收费通知之日起\(paymentPeriodWorkingDays)个工作日内缴纳，逾期未缴纳的，本机关不再处理该申请。"
            + "依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。"
    }

    /// How the amount was reached, in Chinese, for the 收费通知书.
    public func explain(method: Method, quantity: Int) -> String {
        switch method {
        case .byCount:
            let fee = chargeForApplication(ordinal: quantity)
            return fee == 0
                ? "本申请为申请人本月第\(quantity)件申请，未超过\(freeApplicationsPerMonth)件，不收费"
                : "本申请为申请人本月第\(quantity)件申请，按件计收\(fee)元"
        case .byVolume:
            let fee = chargeForPages(quantity)
            return fee == 0 ? "提供\(quantity)页，未超过30页，不收费" : "提供\(quantity)页，超过30页的部分按量累进计收，共\(fee)元"
        }
    }
}
