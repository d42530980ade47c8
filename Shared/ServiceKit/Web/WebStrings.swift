/// Every sentence a person reads on Linli's web pages, in one catalogue (Chinese first), so that an
/// English one can be added beside it and no page carries text of its own.
///
/// Pages of every service (the sign-in pages, the dashboard, and the resident and staff pages to
/// come) take their words from here; a feature with many words of its own may add a nested enum.
public enum WebStrings {
    /// The product's name, in every page title.
    public static let product = "邻里"
    /// The language of the pages (`<html lang>`).
    public static let language = "zh-CN"

    /// The bar of sections on top of the resident pages.
    public enum Nav {
        public static let label = "栏目"
        public static let home = "首页"
        public static let festival = "活动"
        public static let inbox = "消息"
        public static let points = "积分"
        public static let concerns = "诉求"
    }

    /// Titles and messages of the error pages a browser gets instead of problem+json.
    public enum Errors {
        public static let title = "出错了"
        public static let signInRequired = "请先登录"
        public static let signInExpired = "登录已过期，请重新登录"
        public static let forbidden = "您没有权限查看或进行此操作"
        public static let csrf = "页面已过期或来源不明，请返回刷新后重试"
        public static let notFound = "页面不存在，或您无权查看"
        public static let invalid = "填写的内容有误，请检查后重试"
        public static let conflict = "操作与当前状态冲突，请刷新后重试"
        public static let tooLarge = "提交的内容太大"
        public static let unsupported = "不支持的内容类型"
        public static let tooMany = "操作太频繁，请稍后再试"
        /// "Please try again in N seconds / minutes".
        public static func retryAfter(seconds: Int) -> String {
            seconds >= 120 ? "请 \((seconds + 59) / 60) 分钟后再试" : "请 \(max(seconds, 1)) 秒后再试"
        }
        public static let unavailable = "服务暂时不可用，请稍后再试"
        public static let internalError = "系统出了点问题，请稍后再试"
        public static let requestID = "请求编号"
        public static let backHome = "返回登录页"
        public static let back = "返回上一页"
    }

    /// The sign-in, refresh and sign-out pages (`/auth/…`, the registry).
    public enum SignIn {
        public static let title = "登录"
        public static let heading = "登录邻里"
        public static let intro = "居民和楼栋长用手机号登录"
        public static let phone = "手机号"
        public static let phonePlaceholder = "11 位手机号"
        public static let getCode = "获取验证码"
        public static let code = "验证码"
        public static let codePlaceholder = "6 位数字"
        public static let signIn = "登录"
        public static let codeSent = "如果该手机号已登记，验证码已发送，5 分钟内有效。"
        public static let notRegisteredHint = "收不到验证码？请联系您的楼栋长或小区登记手机号。"
        public static let changePhone = "换一个手机号"
        public static let resend = "重新获取验证码"
        public static let staff = "工作人员登录"
        public static let staffSSO = "使用单位账号登录"
        public static let staffPassword = "账号密码登录"
        public static let login = "账号"
        public static let password = "密码"
        public static let totp = "动态口令"
        public static let totpPlaceholder = "身份验证器上的 6 位数字"
        public static let badPhone = "请输入正确的 11 位手机号"
        public static let badCode = "请输入 6 位数字验证码"
        public static let wrongCode = "验证码错误或已过期，请重新输入或重新获取"
        public static let wrongPassword = "账号、密码或动态口令不正确"
        public static let missingPassword = "请填写账号、密码和动态口令"
        public static let tooManyCodes = "获取验证码太频繁"
        public static let locked = "错误次数太多，已暂时锁定"
        public static let noPost = "您的账号还没有岗位，暂时无法登录，请联系管理员"
        public static let disabled = "您的账号已停用，请联系管理员"
        public static let ssoFailed = "单位账号登录没有成功，请重试或使用账号密码登录"
        public static let unavailable = "登录服务暂时不可用，请稍后再试"
        public static let signedOut = "您已退出登录"
        public static let signOut = "退出登录"
        public static let signInAgain = "重新登录"
        public static let signedInAs = "您已登录"
        public static let proceed = "继续"
    }

    /// The analytics dashboard's page chrome (its charts carry their own labels).
    public enum Dashboard {
        public static let signedInAs = "当前账号"
    }
}
