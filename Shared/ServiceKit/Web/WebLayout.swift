/// The one layout of every page: phone first, the shared stylesheet (``WebAssets``), no script, so
/// a page is one small HTML document plus one cached stylesheet, and works in WeChat's browser.
/// Pages put their content in `{{{body}}}`; with the app chrome a bar of the resident's sections
/// (``WebSection``) sits on top.
enum WebLayout {
    static let name = "layout"

    static let template = """
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{product}}</title>
        <link rel="stylesheet" href="{{stylesheet}}">
        </head>
        <body>
        {{#showsBar}}
        <nav class="bar" aria-label="{{navLabel}}"><ul>
        {{#sections}}<li><a href="{{path}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/sections}}
        </ul></nav>
        {{/showsBar}}
        <main{{#wide}} class="wide"{{/wide}}>
        {{{body}}}
        </main>
        </body>
        </html>
        """
}

/// The sections in the bar on top of every resident page.
public enum WebSection: String, CaseIterable, Sendable {
    case home, festival, inbox, points, concerns

    /// The section's page.
    public var path: String {
        switch self {
        case .home: "/"
        case .festival: "/festival"
        case .inbox: "/inbox"
        case .points: "/points"
        case .concerns: "/concerns"
        }
    }

    /// Its name in the bar.
    public var label: String {
        switch self {
        case .home: WebStrings.Nav.home
        case .festival: WebStrings.Nav.festival
        case .inbox: WebStrings.Nav.inbox
        case .points: WebStrings.Nav.points
        case .concerns: WebStrings.Nav.concerns
        }
    }
}

/// What surrounds a page's body: the bar of sections or nothing (sign-in, error and printed pages),
/// and a narrow (phone) or wide (console, tables) column.
public struct WebChrome: Sendable {
    /// Whether the bar of sections is shown.
    public var showsBar: Bool
    /// The section the page belongs to, marked in the bar.
    public var current: WebSection?
    /// A wide column for tables and the staff console.
    public var wide: Bool

    public init(showsBar: Bool = true, current: WebSection? = nil, wide: Bool = false) {
        self.showsBar = showsBar
        self.current = current
        self.wide = wide
    }

    /// The bar, no section marked.
    public static let app = WebChrome()
    /// No bar: sign-in, errors, posters.
    public static let bare = WebChrome(showsBar: false)

    /// The bar with `section` marked.
    public static func app(_ section: WebSection, wide: Bool = false) -> WebChrome {
        WebChrome(current: section, wide: wide)
    }

    /// The layout's values for the chrome.
    var values: [String: Any] {
        let sections: [[String: Any]] =
            showsBar ? WebSection.allCases.map { ["path": $0.path, "label": $0.label, "current": $0 == current] } : []
        return ["showsBar": showsBar, "sections": sections, "navLabel": WebStrings.Nav.label, "wide": wide]
    }
}
