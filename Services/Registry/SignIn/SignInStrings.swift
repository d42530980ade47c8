/// The sign-in texts a person reads (Chinese first), in one place.
enum SignInStrings {
    /// The one answer to every code request, registered phone or not.
    static let codeRequested = "如该手机号已登记，验证码已发送，5分钟内有效。如未收到，请联系您的邻长或所在小区为您登记。"
    static let codeRejected = "验证码错误或已过期，请重新获取。"
    static let tooManyRequests = "请求过于频繁，请稍后再试。"
    static let phoneLocked = "验证码错误次数过多，该手机号已暂时锁定，请15分钟后再试。"
    static let refreshRejected = "登录已失效，请重新登录。"
    static let accountDisabled = "该账号已停用，请联系管理员。"
    static let noPost = "该账号没有任何职务，无法登录。"
    static let notPlaced = "您尚未登记在任何住户中，请联系您的邻长或所在小区为您登记。"
}
