import Foundation

/// The demo city: Zhuzhou's names, two districts, twenty compounds, and the people in them.
enum DemoCity {
    /// The city area everything hangs under; a registry that has it already holds the demo.
    static let cityName = "株洲市"
    static let districts: [(name: String, subdistricts: [String])] = [
        ("芦淞区", ["建宁街道", "贺家土街道"]),
        ("天元区", ["嵩山路街道", "泰山路街道"]),
    ]
    static let compoundNames = [
        "枫林小区", "书香苑", "湘水湾", "建宁新村", "百合园", "金色家园", "丽景花园", "锦绣江南", "松柏苑", "月塘小区",
        "嵩山花园", "泰和园", "天元首府", "栗雨小区", "华天城", "珠江北", "湘江一号", "杉木新村", "桂花园", "新塘小区",
    ]
    static let surnames = ["张", "王", "李", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"]
    static let givenNames = ["桂兰", "建国", "秀英", "志强", "丽华", "海燕", "国庆", "红梅", "伟", "芳", "敏", "静", "军", "磊", "洋", "艳", "勇", "杰", "娟", "涛"]
    static let themes = [
        "迎新春 写春联", "元宵灯谜会", "学雷锋志愿服务", "清明文明祭扫", "劳动最光荣", "端午包粽子",
        "七一党课进小区", "消夏纳凉晚会", "开学安全课", "中秋邻里宴", "重阳敬老", "冬日暖邻",
    ]

    /// A deterministic name for the n-th resident.
    static func name(_ index: Int) -> String {
        surnames[index % surnames.count] + givenNames[(index / surnames.count) % givenNames.count]
    }

    /// A deterministic mobile number.
    static func phone(_ index: Int) -> String { "13\(7 + index % 3)" + String(format: "%08d", 10_000_000 + index * 7919 % 89_999_999).suffix(8) }
}
