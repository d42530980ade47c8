extension MessageKind {
    private static let activitySample: TemplateContext = [
        "compound": "枫林小区", "title": "幸福邻里节·百家宴", "time": "12月6日 09:30", "venue": "枫林党群服务站",
        "capacity": "120", "link": "https://linli.example/a/42", "points": "5",
        "changes": .texts(["时间改为 12月6日 10:00", "地点改为 小区广场"]), "reason": "天气原因", "occurrence": "12月6日 09:30",
    ]

    /// The catalogue of kinds (templates are zh-CN first; every one can be replaced per channel).
    static let catalogue: [MessageKind] = [
        MessageKind(
            name: activityPublished,
            groupMode: .immediate,
            title: "新活动：{{title}}",
            text:
                "{{compound}}发布了活动「{{title}}」\n时间：{{time}}\n{{#venue}}地点：{{venue}}\n{{/venue}}{{#capacity}}名额：{{capacity}}人\n{{/capacity}}详情：{{link}}",
            sample: activitySample
        ),
        MessageKind(
            name: activityChanged,
            groupMode: .digest,
            title: "活动变更：{{title}}",
            text: "「{{title}}」有变更：{{#changes}}\n· {{.}}{{/changes}}\n详情：{{link}}",
            sample: activitySample
        ),
        MessageKind(
            name: activityCancelled,
            groupMode: .immediate,
            title: "活动取消：{{title}}",
            text: "很抱歉，「{{title}}」{{#occurrence}}（{{occurrence}}）{{/occurrence}}已取消。{{#reason}}原因：{{reason}}。{{/reason}}",
            sample: activitySample
        ),
        MessageKind(
            name: reminder24h,
            groupMode: .none,
            title: "明天有活动：{{title}}",
            text: "提醒：您报名的「{{title}}」将于{{time}}开始{{#venue}}，地点：{{venue}}{{/venue}}。",
            sample: activitySample
        ),
        MessageKind(
            name: reminder2h,
            groupMode: .none,
            title: "活动即将开始：{{title}}",
            text: "提醒：「{{title}}」将于{{time}}开始（约两小时后）{{#venue}}，地点：{{venue}}{{/venue}}。",
            sample: activitySample
        ),
        MessageKind(
            name: registrationConfirmed,
            groupMode: .none,
            title: "报名成功：{{title}}",
            text: "您已成功报名「{{title}}」（{{time}}）。",
            sample: activitySample
        ),
        MessageKind(
            name: registrationWaitlisted,
            groupMode: .none,
            title: "已进入候补：{{title}}",
            text: "「{{title}}」名额已满，您已进入候补名单，有空位时会通知您。",
            sample: activitySample
        ),
        MessageKind(
            name: registrationPromoted,
            groupMode: .none,
            title: "候补转正：{{title}}",
            text: "好消息！您已从候补转为正式报名「{{title}}」（{{time}}）。",
            sample: activitySample
        ),
        MessageKind(
            name: pointsAwarded,
            groupMode: .none,
            title: "积分变动 {{delta}}",
            text: "您的志愿服务积分变动 {{delta}} 分（{{reason}}），当前共 {{balance}} 分。",
            sample: ["delta": "+5", "reason": "参加活动", "balance": "120"]
        ),
        MessageKind(
            name: starReached,
            groupMode: .none,
            title: "恭喜升至{{star}}星志愿者",
            text: "恭喜！您的志愿服务积分达到 {{balance}} 分，升为{{star}}星志愿者。",
            sample: ["star": "三", "balance": "300"]
        ),
        MessageKind(
            name: concernUpdated,
            groupMode: .none,
            title: "诉求进展：{{title}}",
            text: "您反映的「{{title}}」有新进展：{{state}}。{{#note}}{{note}}{{/note}}",
            sample: ["title": "3栋楼道灯不亮", "state": "办理中", "note": "物业已安排电工周五上门。"]
        ),
        MessageKind(
            name: concernSettled,
            groupMode: .digest,
            title: "诉求已办结：{{title}}",
            text: "您反映的「{{title}}」已办结。如有异议，可在7天内申请重新办理。",
            sample: ["title": "3栋楼道灯不亮"]
        ),
        MessageKind(
            name: councilScheduled,
            groupMode: .immediate,
            title: "四方议事会：{{title}}",
            text: "{{compound}}将于{{time}}{{#venue}}在{{venue}}{{/venue}}召开四方议事会「{{title}}」。{{#agenda}}\n· {{.}}{{/agenda}}",
            sample: ["compound": "枫林小区", "title": "停车位改造", "time": "12月8日 19:00", "venue": "党群服务站", "agenda": .texts(["停车位划线", "充电桩安装"])]
        ),
        MessageKind(
            name: councilHeld,
            groupMode: .digest,
            title: "四方议事会已召开",
            text: "四方议事会已于{{time}}召开{{#quorum}}，四方到会{{/quorum}}。",
            sample: ["time": "12月8日 19:00", "quorum": .flag(true)]
        ),
        MessageKind(
            name: actionOverdue,
            groupMode: .none,
            title: "逾期督办：{{title}}",
            text: "「{{title}}」已超过期限（{{due}}）仍未办结{{#escalation}}，第{{escalation}}次督办{{/escalation}}。",
            sample: ["title": "修复小区东门", "due": "12月1日", "escalation": "2"]
        ),
        MessageKind(
            name: notice,
            groupMode: .immediate,
            title: "{{title}}",
            text: "{{body}}",
            sample: ["title": "停水通知", "body": "明日 9:00–12:00 停水，请提前储水。"]
        ),
        MessageKind(
            name: digest,
            groupMode: .immediate,
            title: "{{compound}} {{date}} 动态",
            text: "**{{compound}} {{date}} 动态**（共{{count}}条）{{#items}}\n> {{time}} {{title}}{{/items}}{{#more}}\n> ……另有{{more}}条{{/more}}",
            sample: [
                "compound": "枫林小区", "date": "12月6日", "count": "2",
                "items": .list([.object(["time": "18:20", "title": "诉求已办结：3栋楼道灯不亮"]), .object(["time": "09:10", "title": "活动变更：百家宴"])]),
            ]
        ),
    ]
}
