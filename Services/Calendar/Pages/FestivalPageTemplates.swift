/// The festival page's Mustache template (inside ServiceKit's layout): the month with links to the
/// months around it, the city-wide theme, and one card per activity linking to its page.
enum FestivalPageTemplates {
    static let festival = "festival"

    static var all: [String: String] { [festival: page] }

    static let page = """
        <h1 id="title">{{heading}}</h1>
        {{#compounds}}<p class="meta" id="compounds">{{compounds}}</p>{{/compounds}}
        <div class="card" id="theme">
        <p><span class="badge">{{t.theme}}</span> {{#themes}}{{themes}}{{/themes}}{{^themes}}{{t.noTheme}}{{/themes}}</p>
        </div>
        {{#noCompound}}<p class="hint" id="no-compound">{{t.noCompound}}</p>{{/noCompound}}
        {{#noActivities}}<p class="hint" id="no-activities">{{t.noActivities}}</p>{{/noActivities}}
        <ul class="list" id="activities">
        {{#entries}}<li><a class="title" href="/activities/{{id}}">{{title}}</a>
        <div class="meta">{{#place}}{{place}} · {{/place}}{{sessions}}</div>
        <ul>{{#occurrences}}<li><a href="/activities/{{id}}?occurrence={{key}}#sign-up">{{time}}</a></li>{{/occurrences}}</ul>
        </li>{{/entries}}
        </ul>
        <div class="row links"><a href="/festival?month={{previous}}" id="previous">{{t.previous}}</a><a href="/festival?month={{next}}" id="next">{{t.next}}</a></div>
        """
}
