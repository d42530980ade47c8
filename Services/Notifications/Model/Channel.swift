/// A way a message reaches people, with the most bytes its text may take.
public enum Channel: String, Codable, Sendable, CaseIterable {
    /// The resident's in-app inbox.
    case inbox
    /// A WeCom group robot posting into the compound's group chat.
    case wecomRobot = "wecom-robot"
    /// A signed webhook to another system (one call per message).
    case webhook
    /// An SMS, through a signed webhook to an SMS gateway (one call per resident who opted in).
    case sms
    /// A "copy this text" task for the owner of a group chat without a robot.
    case copyTask = "copy-task"

    /// Channels that push to someone's phone and therefore wait out quiet hours.
    public var isPush: Bool { self == .wecomRobot || self == .webhook || self == .sms }

    /// Channels sent over HTTP by a delivery job.
    public var isSentByJob: Bool { isPush }
}

/// What a template renders: the title, or the text of one channel.
public enum TemplateSlot: String, Codable, Sendable, CaseIterable {
    case title
    case inbox
    case wecomRobot = "wecom-robot"
    case sms
    case copyTask = "copy-task"

    /// The most UTF-8 bytes the rendered text may take on this channel.
    ///
    /// WeCom robots take text up to 2,048 bytes and markdown up to 4,096; a news article's title
    /// 128. An SMS of up to 5 segments of 70 Chinese characters is about 1,000 bytes.
    public var byteBudget: Int {
        switch self {
        case .title: 128
        case .inbox: 4_000
        case .wecomRobot: RobotMessage.markdownLimit
        case .sms: 1_000
        case .copyTask: RobotMessage.textLimit
        }
    }
}
