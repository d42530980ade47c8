extension WebStrings {
    /// The activity page (`/activities/{id}`, the calendar): what every message links to, and sign-up.
    public enum Activity {
        public static let pageTitle = "活动"
        public static let theme = "本月主题"
        public static let when = "时间"
        public static let recurrence = "周期"
        public static let place = "地点"
        public static let seats = "名额"
        public static let window = "报名时间"
        public static let notes = "活动说明"
        public static let formats = "活动形式"
        public static let volunteers = "招募志愿者"
        /// "Taking part earns N points".
        public static func points(_ points: Int) -> String { "参加可得 \(points) 积分" }

        public static let activityCancelled = "本活动已取消"
        public static let cancelReason = "取消原因"
        public static let nextOccurrences = "近期场次"
        public static let noOccurrences = "近期没有场次"
        public static let occurrenceCancelled = "本场取消"
        public static let occurrenceEnded = "本场已结束"
        public static let choose = "选择此场"
        public static let chosen = "已选"

        public static let unlimited = "不限名额"
        /// "N seats left".
        public static func seatsLeft(_ count: Int) -> String { "余 \(count) 席" }
        /// "N seats in all".
        public static func capacity(_ count: Int) -> String { "共 \(count) 席" }
        public static let full = "已满"
        /// "N waiting".
        public static func waitlist(_ count: Int) -> String { "候补 \(count) 人" }
        /// "N seats held for heads signing up elderly neighbours".
        public static func reserved(_ count: Int) -> String { "另有 \(count) 席留给楼栋长代老人报名" }

        public static let windowOnPublish = "发布后即可报名"
        /// "Sign-up opens N days before".
        public static func windowOpens(days: Int) -> String { "活动前 \(days) 天开始报名" }
        public static let windowClosesAtStart = "活动开始前均可报名"
        /// "Closes N hours/minutes before the start".
        public static func windowCloses(_ span: String) -> String { "开始前 \(span)截止" }
        /// A span of minutes in words: "2 小时", "30 分钟", "1 天".
        public static func span(minutes: Int) -> String {
            if minutes % 1_440 == 0 { return "\(minutes / 1_440) 天" }
            if minutes % 60 == 0 { return "\(minutes / 60) 小时" }
            return "\(minutes) 分钟"
        }

        public static let signUp = "报名"
        public static let who = "为谁报名"
        /// "Myself (name)".
        public static func myself(_ name: String) -> String { "本人（\(name)）" }
        /// "Family: name".
        public static func family(_ name: String) -> String { "家人：\(name)" }
        /// A resident of a household the head covers: "name (dwelling)".
        public static func covered(_ name: String, dwelling: String?) -> String {
            guard let dwelling, !dwelling.isEmpty else { return name }
            return "\(name)（\(dwelling)）"
        }
        public static let groupFamily = "我和家人"
        public static let groupCovered = "我联系的住户"
        public static let submit = "报名"
        public static let submitWaitlist = "报名候补"
        public static let fullHint = "本场名额已满，报名后进入候补；有人取消时按报名先后依次递补。"
        public static let signInToSignUp = "登录后报名"
        public static let signInHint = "本小区居民登录后，可以为自己或家人报名。"
        public static let residentsOnly = "本活动仅限本小区居民报名。"
        public static let everyoneSignedUp = "您可以报名的人都已报名本场。"
        /// "Sign-up for this session opens at …".
        public static func opensAt(_ time: String) -> String { "本场报名将于 \(time) 开始" }
        public static let closed = "本场报名已截止"

        public static let mine = "我的报名"
        public static let confirmed = "已报名"
        /// "Waitlisted, number N".
        public static func waitlisted(_ position: Int) -> String { "候补第 \(position) 位" }
        public static let ticket = "报名凭证"
        public static let cancel = "取消报名"
        public static let cancelledNotice = "已取消报名。名额已让出，候补的邻居会依次递补。"

        public static let alreadyRegistered = "已经报过名了，不需要重复报名"
        public static let notOpen = "活动已取消或尚未发布，不能报名"
        public static let registrationNotOpen = "本场报名还没有开始"
        public static let registrationClosed = "本场报名已截止"
        public static let notInCompound = "只能为住在本小区的居民报名"
        public static let pickSomeone = "请选择为谁报名"
        public static let pickOccurrence = "请选择场次"
        public static let started = "活动已经开始，不能再取消报名"
        public static let refused = "没有办成，请刷新页面后重试"

        /// Weekday names, Monday first (ISO 8601 order).
        public static let weekdays = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        /// Ordinals in words, first to fifth.
        public static let ordinals = ["一", "二", "三", "四", "五"]
        /// A month and day: "12月12日".
        public static func monthDay(month: Int, day: Int) -> String { "\(month)月\(day)日" }
        /// A full date: "2026年12月31日".
        public static func date(year: Int, month: Int, day: Int) -> String { "\(year)年\(month)月\(day)日" }
        public static let daily = "每天"
        /// "Every N days".
        public static func everyDays(_ count: Int) -> String { "每 \(count) 天" }
        /// "Every week on …" ("每周六", "每周二、周四").
        public static func weekly(_ days: String) -> String { "每\(days)" }
        /// "Every N weeks on …".
        public static func everyWeeks(_ count: Int, _ days: String) -> String { "每 \(count) 周的\(days)" }
        /// "Every month" or "every N months", before what day.
        public static func monthly(_ count: Int) -> String { count == 1 ? "每月" : "每 \(count) 个月的" }
        /// "The N-th Saturday" ("第二个周六").
        public static func nth(_ ordinal: String, _ weekday: String) -> String { "第\(ordinal)个\(weekday)" }
        /// "The last Saturday".
        public static func last(_ weekday: String) -> String { "最后一个\(weekday)" }
        /// "The N-th last Saturday".
        public static func nthLast(_ ordinal: String, _ weekday: String) -> String { "倒数第\(ordinal)个\(weekday)" }
        /// "Every Saturday" within a month.
        public static func every(_ weekday: String) -> String { "每个\(weekday)" }
        /// "The Nth (day)".
        public static func dayOfMonth(_ day: Int) -> String { "\(day)日" }
        public static let lastDay = "最后一天"
        /// "Every year on …".
        public static func yearly(_ count: Int) -> String { count == 1 ? "每年" : "每 \(count) 年的" }
        /// "N times in all".
        public static func count(_ count: Int) -> String { "共 \(count) 次" }
        /// "Until …".
        public static func until(_ date: String) -> String { "至 \(date)" }
        public static let once = "单次活动"
        public static let irregular = "定期举行"
        public static let listSeparator = "、"
        public static let clauseSeparator = "，"
    }

    /// This month's festival (`/festival`, the calendar): the city-wide theme and the compound's activities.
    public enum Festival {
        public static let title = "本月活动"
        /// "December 2026".
        public static func month(year: Int, month: Int) -> String { "\(year)年\(month)月" }
        public static let theme = "全市主题"
        public static let noTheme = "本月没有全市统一的主题"
        public static let noActivities = "本月小区还没有发布活动"
        public static let noCompound = "您还没有登记到小区，暂时看不到小区的活动。"
        public static let previous = "上个月"
        public static let next = "下个月"
        /// "N sessions this month".
        public static func sessions(_ count: Int) -> String { "本月 \(count) 场" }
        public static let open = "查看并报名"
    }
}
