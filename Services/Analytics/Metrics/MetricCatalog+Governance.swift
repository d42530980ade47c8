extension MetricCatalog {
    /// Concerns, councils, member check-ins and notifications.
    static let governance: [Metric] = [
        Metric(
            id: "concerns-raised",
            nameZh: "诉求受理数",
            nameEn: "Concerns raised",
            definition: "Residents' concerns raised in the period.",
            definitionZh: "期内受理的群众诉求数。",
            unit: "count",
            groupBy: places,
            formula: .sum(.concernsRaised),
            people: []
        ),
        Metric(
            id: "concerns-settled",
            nameZh: "诉求办结数",
            nameEn: "Concerns settled",
            definition: "Concerns settled in the period (a concern settled again after reopening counts again).",
            definitionZh: "期内办结的诉求数（重开后再次办结的再计一次）。",
            unit: "count",
            groupBy: places,
            formula: .sum(.concernsSettled),
            people: []
        ),
        Metric(
            id: "time-to-settle-p50",
            nameZh: "办结时长中位数",
            nameEn: "Time to settle, median",
            definition: "Median hours from raising to settling, over concerns settled in the period (nearest rank, whole hours).",
            definitionZh: "期内办结诉求从受理到办结的小时数中位数（取整小时，最近秩）。",
            unit: "hours",
            groupBy: places,
            formula: .settleHoursPercentile(0.5),
            people: []
        ),
        Metric(
            id: "time-to-settle-p90",
            nameZh: "办结时长P90",
            nameEn: "Time to settle, 90th percentile",
            definition: "90th-percentile hours from raising to settling, over concerns settled in the period (nearest rank, whole hours).",
            definitionZh: "期内办结诉求从受理到办结的小时数第90百分位（取整小时，最近秩）。",
            unit: "hours",
            groupBy: places,
            formula: .settleHoursPercentile(0.9),
            people: []
        ),
        Metric(
            id: "reopen-rate",
            nameZh: "诉求重开率",
            nameEn: "Reopen rate",
            definition: "Concerns reopened in the period over concerns settled in the period.",
            definitionZh: "期内重开的诉求数与期内办结数之比。",
            unit: "share",
            groupBy: places,
            formula: .ratio(.concernsReopened, over: [.concernsSettled]),
            people: []
        ),
        Metric(
            id: "council-meetings-held",
            nameZh: "四方议事会召开次数",
            nameEn: "Council meetings held",
            definition: "Four-party council meetings held in the period.",
            definitionZh: "期内召开的四方议事会次数。",
            unit: "count",
            groupBy: places,
            formula: .sum(.councilMeetings),
            people: []
        ),
        Metric(
            id: "member-check-ins",
            nameZh: "在职党员报到数",
            nameEn: "In-office member check-ins",
            definition: "In-office party members who registered at their home compound in the period.",
            definitionZh: "期内到居住小区报到的在职党员人数。",
            unit: "count",
            groupBy: places,
            formula: .sum(.memberCheckins),
            people: [.measure(.memberCheckins)]
        ),
        Metric(
            id: "notifications-sent",
            nameZh: "通知送达数",
            nameEn: "Notifications delivered",
            definition: "Notification deliveries that reached their channel in the period.",
            definitionZh: "期内成功送达的通知数。",
            unit: "count",
            groupBy: [.area, .compound, .grid, .channel],
            formula: .sum(.notificationsSent),
            people: []
        ),
        Metric(
            id: "notification-delivery-rate",
            nameZh: "通知送达率",
            nameEn: "Notification delivery rate",
            definition: "Deliveries sent over deliveries that reached an end (sent or given up) in the period.",
            definitionZh: "送达数占期内结束投递（送达或放弃）总数的比例。",
            unit: "share",
            groupBy: [.area, .compound, .grid, .channel],
            formula: .ratio(.notificationsSent, over: [.notificationsSent, .notificationsFailed]),
            people: []
        ),
        Metric(
            id: "notification-failure-rate",
            nameZh: "通知失败率",
            nameEn: "Notification failure rate",
            definition: "Deliveries given up after their retries over deliveries that reached an end in the period.",
            definitionZh: "重试后仍放弃的投递占期内结束投递总数的比例。",
            unit: "share",
            groupBy: [.area, .compound, .grid, .channel],
            formula: .ratio(.notificationsFailed, over: [.notificationsSent, .notificationsFailed]),
            people: []
        ),
    ]
}
