/// The activity page's Mustache template (inside ServiceKit's layout). Plain forms and links, no
/// script: choosing an occurrence is a link (`?occurrence=`), signing up and cancelling are posts with
/// the CSRF token. Words come from `WebStrings.Activity` (`t.…`); everything else is escaped data.
enum ActivityPageTemplates {
    static let activity = "activity"

    static var all: [String: String] { [activity: page, "csrf": csrf] }

    static let csrf = #"<input type="hidden" name="_csrf" value="{{csrf}}">"#

    static let page = """
        <h1 id="title">{{title}}</h1>
        {{#cancelled}}<p class="error" role="alert" id="cancelled">{{t.activityCancelled}}{{#reason}}。{{t.cancelReason}}：{{reason}}{{/reason}}</p>{{/cancelled}}
        {{#error}}<p class="error" role="alert" id="error">{{error}}</p>{{/error}}
        {{#notice}}<p class="notice" role="status" id="notice">{{notice}}</p>{{/notice}}
        <div class="card" id="about">
        {{#theme}}<p id="theme"><span class="badge">{{t.theme}}</span> {{theme}}</p>{{/theme}}
        {{#when}}<p id="when"><strong>{{t.when}}</strong>：{{when}}</p>{{/when}}
        {{#recurrence}}<p id="recurrence"><strong>{{t.recurrence}}</strong>：{{recurrence}}</p>{{/recurrence}}
        {{#place}}<p id="place"><strong>{{t.place}}</strong>：{{place}}</p>{{/place}}
        <p id="seats"><strong>{{t.seats}}</strong>：{{capacity}}</p>
        <p id="window"><strong>{{t.window}}</strong>：{{window}}</p>
        {{#points}}<p id="points"><span class="badge ok">{{points}}</span></p>{{/points}}
        {{#formats}}<p id="formats"><strong>{{t.formats}}</strong>：{{formats}}</p>{{/formats}}
        {{#volunteers}}<p id="volunteers"><strong>{{t.volunteers}}</strong>：{{volunteers}}</p>{{/volunteers}}
        {{#hasNotes}}<h2>{{t.notes}}</h2><div id="notes">{{#notes}}<p>{{.}}</p>{{/notes}}</div>{{/hasNotes}}
        </div>
        {{#hasMine}}
        <h2>{{t.mine}}</h2>
        <ul class="list" id="mine">
        {{#mine}}<li id="registration-{{id}}"><span class="badge {{badge}}">{{status}}</span> {{name}}
        <div class="meta">{{time}}</div>
        <div class="row"><a class="button secondary inline" href="/tickets/{{id}}">{{t.ticket}}</a>
        <form method="post" action="/activities/{{activityID}}/registrations/{{id}}/cancel">{{> csrf}}<button type="submit" class="secondary inline" id="cancel-{{id}}">{{t.cancel}}</button></form></div>
        </li>{{/mine}}
        </ul>
        {{/hasMine}}
        <h2>{{t.nextOccurrences}}</h2>
        {{^slots}}<p class="hint" id="no-occurrences">{{t.noOccurrences}}</p>{{/slots}}
        <ul class="list" id="occurrences">
        {{#slots}}<li{{#chosen}} aria-current="true"{{/chosen}}><a class="title" href="/activities/{{activityID}}?occurrence={{key}}#sign-up">{{time}}</a>
        <div class="meta">{{#cancelled}}<span class="badge muted">{{t.occurrenceCancelled}}</span> {{/cancelled}}{{#chosen}}<span class="badge ok">{{t.chosen}}</span> {{/chosen}}{{seats}}</div></li>{{/slots}}
        </ul>
        {{#chosenTime}}
        <div class="card" id="sign-up">
        <h2>{{t.signUp}} · {{chosenTime}}</h2>
        {{#chosenSeats}}<p class="meta" id="chosen-seats">{{chosenSeats}}</p>{{/chosenSeats}}
        {{#closedMessage}}<p class="hint" id="closed">{{closedMessage}}</p>{{/closedMessage}}
        {{#form}}
        {{#full}}<p class="hint" id="full">{{t.fullHint}}</p>{{/full}}
        <form method="post" action="/activities/{{activityID}}/sign-up">
        {{> csrf}}<input type="hidden" name="occurrence" value="{{chosenKey}}">
        <label for="resident">{{t.who}}</label>
        <select id="resident" name="resident">
        {{#hasFamily}}<optgroup label="{{t.groupFamily}}">{{#family}}<option value="{{id}}">{{label}}</option>{{/family}}</optgroup>{{/hasFamily}}
        {{#hasCovered}}<optgroup label="{{t.groupCovered}}">{{#covered}}<option value="{{id}}">{{label}}</option>{{/covered}}</optgroup>{{/hasCovered}}
        </select>
        <button type="submit" id="sign-up-button">{{submit}}</button>
        </form>
        {{/form}}
        {{#everyoneSignedUp}}<p class="hint" id="everyone">{{t.everyoneSignedUp}}</p>{{/everyoneSignedUp}}
        {{#signIn}}<p class="hint">{{t.signInHint}}</p><a class="button" id="sign-in" href="{{signIn}}">{{t.signInToSignUp}}</a>{{/signIn}}
        {{#residentsOnly}}<p class="hint" id="residents-only">{{t.residentsOnly}}</p>{{/residentsOnly}}
        </div>
        {{/chosenTime}}
        """
}
