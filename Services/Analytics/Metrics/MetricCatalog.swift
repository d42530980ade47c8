/// The one glossary of metrics: every figure the API, the dashboard and Grafana show is defined here.
public enum MetricCatalog {
    static let places: [GroupBy] = [.area, .compound, .grid]
    static let all5: [GroupBy] = [.area, .compound, .grid, .theme, .channel]

    /// Every metric, in the order the glossary lists them.
    public static let metrics: [Metric] =
        [
            Metric(
                id: "activities-held",
                nameZh: "活动场次",
                nameEn: "Activities held",
                definition: "Occurrences of activities held whose closing report was filed, by when they started.",
                definitionZh: "已提交结项报告的活动场次，按活动开始时间计。",
                unit: "count",
                groupBy: [.area, .compound, .grid, .theme],
                formula: .sum(.activitiesHeld),
                people: []
            ),
            Metric(
                id: "attendances",
                nameZh: "参与人次",
                nameEn: "Attendances",
                definition: "Resident attendances recorded at activities (one per resident per occurrence), by when the occurrence started.",
                definitionZh: "居民参加活动的签到人次（每人每场一次），按活动开始时间计。",
                unit: "count",
                groupBy: all5,
                formula: .sum(.attendances),
                people: [.measure(.attendances)]
            ),
            Metric(
                id: "unique-residents",
                nameZh: "参与居民数",
                nameEn: "Unique residents",
                definition: "Residents with at least one attendance in the period, each counted once, at the place of their first attendance in it.",
                definitionZh: "期内至少参加一次活动的居民人数，每人只计一次，计入其期内首次参与时所在地。",
                unit: "count",
                groupBy: places,
                formula: .sum(.uniqueResidents),
                people: [.measure(.uniqueResidents)]
            ),
            Metric(
                id: "households-reached",
                nameZh: "参与户数",
                nameEn: "Households reached",
                definition: "Households with at least one member's attendance in the period.",
                definitionZh: "期内至少有一名成员参加活动的户数。",
                unit: "count",
                groupBy: places,
                formula: .sum(.householdsAttended),
                people: [.measure(.householdsAttended)]
            ),
            Metric(
                id: "household-coverage",
                nameZh: "户覆盖率",
                nameEn: "Household coverage",
                definition: "Share of registered households with at least one attendance in the period (households as at the end of the period).",
                definitionZh: "期内至少有一人参加活动的户数占登记户数（期末）的比例。",
                unit: "share",
                groupBy: places,
                formula: .measureOverGauge(.householdsAttended, over: .households),
                people: [.measure(.householdsAttended), .gauge(.households)]
            ),
            Metric(
                id: "registrations",
                nameZh: "报名人数",
                nameEn: "Registrations",
                definition:
                    "Confirmed seats for occurrences in the period: sign-ups (by the resident or through a head) confirmed or promoted from the waitlist, less cancellations. Walk-ins count as attendances, not registrations.",
                definitionZh: "期内活动的确认报名数：本人或由楼长代报、确认或候补转正的报名，减去取消；现场参加计入参与人次，不计报名。",
                unit: "count",
                groupBy: all5,
                formula: .sum(.registrations),
                people: [.measure(.registrations)]
            ),
            Metric(
                id: "check-ins",
                nameZh: "报名签到人次",
                nameEn: "Check-ins",
                definition: "Attendances by residents who had signed up (themselves or through a head), by when the occurrence started.",
                definitionZh: "已报名（本人或由楼长代报）居民的签到人次。",
                unit: "count",
                groupBy: all5,
                formula: .sum(.checkins),
                people: [.measure(.checkins)]
            ),
            Metric(
                id: "no-show-rate",
                nameZh: "报名未到率",
                nameEn: "No-show rate",
                definition: "One minus check-ins over registrations for occurrences in the period.",
                definitionZh: "1 减去签到人次与报名人数之比。",
                unit: "share",
                groupBy: all5,
                formula: .ratio(.checkins, over: [.registrations], complement: true),
                people: [.measure(.registrations), .measure(.checkins)]
            ),
            Metric(
                id: "volunteer-hours",
                nameZh: "志愿服务时长",
                nameEn: "Volunteer hours",
                definition: "Volunteer hours logged at attendances in the period.",
                definitionZh: "期内活动中登记的志愿服务小时数。",
                unit: "hours",
                groupBy: all5,
                formula: .sum(.volunteerHours),
                people: [.measure(.volunteerAttendances)]
            ),
            Metric(
                id: "active-volunteers",
                nameZh: "活跃志愿者",
                nameEn: "Active volunteers",
                definition: "Residents who logged volunteer hours in the period, each counted once.",
                definitionZh: "期内登记过志愿服务时长的居民人数，每人只计一次。",
                unit: "count",
                groupBy: places,
                formula: .sum(.activeVolunteers),
                people: [.measure(.activeVolunteers)]
            ),
            Metric(
                id: "points-awarded",
                nameZh: "积分发放",
                nameEn: "Points awarded",
                definition: "Volunteer points added to residents' lifelong ledgers in the period, reversals deducted.",
                definitionZh: "期内计入居民终身积分账户的积分，扣除冲正。",
                unit: "points",
                groupBy: places,
                formula: .sum(.pointsAwarded),
                people: [.measure(.pointsEntries)]
            ),
            Metric(
                id: "star-distribution",
                nameZh: "星级分布",
                nameEn: "Star distribution",
                definition: "Residents by volunteer star level, as at the end of the period (the current period: now).",
                definitionZh: "各志愿星级的居民人数（期末；本期为当前）。",
                unit: "count",
                groupBy: [.star],
                formula: .gauge(.residents),
                people: [.gauge(.residents)]
            ),
            Metric(
                id: "neighbour-head-coverage",
                nameZh: "邻长联户覆盖率",
                nameEn: "Neighbour-head coverage",
                definition: "Share of registered households linked to an active neighbour head, as at the end of the period.",
                definitionZh: "有在任邻长联系的户数占登记户数的比例（期末）。",
                unit: "share",
                groupBy: places,
                formula: .gaugeRatio(.householdsWithHead, over: .households),
                people: []
            ),
            Metric(
                id: "compounds-with-branch",
                nameZh: "建有党支部的小区",
                nameEn: "Compounds with a party branch",
                definition: "Compounds with a party branch, as at the end of the period.",
                definitionZh: "建有小区党支部的小区数（期末）。",
                unit: "count",
                groupBy: places,
                formula: .gauge(.compoundsWithBranch),
                people: []
            ),
            Metric(
                id: "compounds-with-group-chat",
                nameZh: "建有小区群的小区",
                nameEn: "Compounds with a group chat",
                definition: "Compounds with a residents' group chat, as at the end of the period.",
                definitionZh: "建有小区居民群的小区数（期末）。",
                unit: "count",
                groupBy: places,
                formula: .gauge(.compoundsWithGroupChat),
                people: []
            ),
            Metric(
                id: "compounds-with-robot",
                nameZh: "小区群接入机器人的小区",
                nameEn: "Compounds with a group-chat robot",
                definition: "Compounds whose group chat has a notification robot, as at the end of the period.",
                definitionZh: "小区群已接入通知机器人的小区数（期末）。",
                unit: "count",
                groupBy: places,
                formula: .gauge(.compoundsWithRobot),
                people: []
            ),
        ] + governance

    /// Finds a metric by id.
    public static func metric(_ id: String) -> Metric? { metrics.first { $0.id == id } }
}
