extension WebStrings {
    /// The resident's concern pages (`/concerns…`, the concerns service): raise one with photos, follow it, confirm or reopen it.
    public enum Concerns {
        public static let listTitle = "我的诉求"
        public static let none = "您还没有反映过诉求。"
        public static let raise = "反映诉求"
        public static let newTitle = "反映诉求"
        /// A head's choice of the household they raise it for.
        public static let household = "为哪一户反映"
        public static let ownHousehold = "（本户）"
        public static let category = "类别"
        public static let subject = "标题"
        public static let subjectHint = "一句话说明问题，例如：3栋电梯停运"
        public static let text = "详细情况"
        public static let textHint = "时间、地点、影响了谁，越具体越好办"
        public static let photos = "照片"
        /// "Up to N photos, each at most M MB: JPEG, PNG or WebP".
        public static func photosHint(_ count: Int, megabytes: Int) -> String {
            "最多 \(count) 张，每张不超过 \(megabytes) MB，支持 JPEG、PNG、WebP 格式"
        }
        public static let submit = "提交"
        public static let back = "返回我的诉求"
        public static let raisedAt = "提交时间"
        public static let expectedBy = "预计办结"
        public static let owner = "承办方"
        public static let progress = "办理进度"
        public static let meetings = "四方议事会"
        public static let held = "已召开"
        public static let scheduled = "待召开"
        /// The alt text of the n-th photo.
        public static func photo(_ n: Int) -> String { "诉求照片 \(n)" }
        public static let settledAsk = "问题已办结。您满意吗？"
        /// "You may reopen it until …".
        public static func reopenUntil(_ date: String) -> String { "如仍未解决，可在 \(date) 前申请重新办理。" }
        public static let confirm = "确认已解决"
        public static let reopen = "仍未解决，重新办理"
        public static let reopenReason = "未解决的原因（可不填）"
        public static let confirmed = "您已确认办结，谢谢！"

        /// A state's name.
        public static func state(_ state: String) -> String {
            switch state {
            case "open": "已受理"
            case "acknowledged": "已分派"
            case "in-progress": "办理中"
            case "referred": "提交议事会"
            case "settled": "已办结"
            case "closed-unsettled": "已关闭"
            default: state
            }
        }

        /// A step of the history.
        public static func action(_ action: String) -> String {
            switch action {
            case "raise": "提交诉求"
            case "acknowledge": "分派承办方"
            case "start": "开始办理"
            case "refer": "提交四方议事会"
            case "settle": "办结"
            case "close": "关闭"
            case "confirm": "居民确认办结"
            case "reopen": "居民申请重新办理"
            case "note": "进展说明"
            case "assign": "更换承办方"
            case "decision": "议事会决议"
            default: action
            }
        }

        /// One of the four parties.
        public static func party(_ party: String) -> String {
            switch party {
            case "party-branch": "小区党支部"
            case "owners-committee": "业委会"
            case "property-company": "物业公司"
            case "resident-representatives": "居民代表"
            default: party
            }
        }
    }
}
