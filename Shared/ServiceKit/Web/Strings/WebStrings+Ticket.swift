extension WebStrings {
    /// The ticket page (`/tickets/{id}`, the calendar): what a resident shows at the door.
    public enum Ticket {
        public static let title = "报名凭证"
        public static let code = "签到码"
        public static let codeHint = "到场后出示此页，工作人员扫码或输入签到码即可签到。"
        public static let qrLabel = "签到二维码"
        public static let forWhom = "报名人"
        public static let when = "时间"
        public static let confirmed = "报名成功"
        /// "On the waitlist, place N".
        public static func waitlisted(_ position: Int) -> String { "候补第 \(position) 位：有人取消时按先后递补，递补后会通知您" }
        public static let cancelled = "已取消"
        public static let cancel = "取消报名"
        public static let backToActivity = "返回活动页面"
        public static let addToCalendar = "加入手机日历"
        /// Appended to the title of a waitlisted sign-up in the calendar file.
        public static let waitlistSuffix = "（候补）"
    }
}
