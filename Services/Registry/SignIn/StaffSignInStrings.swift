/// What a person reads of staff sign-in's answers, Chinese first (the problem details; "browser"
/// shows its own page words from these too).
enum StaffSignInStrings {
    static let notConfigured = "本系统未配置单位账号登录，请使用账号密码登录。"
    static let stateUnknown = "登录已过期或已使用，请重新登录。"
    static let providerUnavailable = "单位账号登录服务暂时无法访问，请稍后再试。"
    static let codeRefused = "单位账号登录未能完成，请重新登录。"
    static let idTokenInvalid = "单位账号登录的凭证无效，请重新登录。"
    static let noPost = "您的账号没有在本系统的岗位，请联系管理员。"
    static let postsMixed = "您的岗位设置有误（不同类型的岗位不能同时拥有），请联系管理员。"
    static let accountDisabled = "账号已停用，请联系管理员。"
    static let badCredentials = "账号、密码或动态验证码不正确。"
    static let locked = "失败次数过多，账号已暂时锁定 15 分钟，请稍后再试。"
    static let loginRule = "登录名为 3 到 64 位小写字母、数字或 . _ -"
    static let passwordRule = "密码至少 12 个字符，最多 72 字节"
}
