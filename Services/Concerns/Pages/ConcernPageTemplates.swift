/// The Mustache templates of the resident's concern pages (no script, no inline style).
enum ConcernPageTemplates {
    /// `GET /concerns`: my concerns, newest first.
    static let list = """
        <h1>{{t.title}}</h1>
        <p><a class="button" href="/concerns/new" id="raise">{{t.raise}}</a></p>
        {{#hasConcerns}}
        <ul class="list" id="concerns">
        {{#concerns}}
        <li><a class="title" href="/concerns/{{id}}">{{title}}</a>
        <span class="badge {{badge}}">{{state}}</span> <span class="meta">{{category}} · {{raisedAt}}</span></li>
        {{/concerns}}
        </ul>
        {{/hasConcerns}}
        {{^hasConcerns}}<p class="hint" id="none">{{t.none}}</p>{{/hasConcerns}}
        """

    /// `GET /concerns/new`: the form, posted as multipart/form-data with its photos.
    static let new = """
        <h1>{{t.title}}</h1>
        <form method="post" action="/concerns" enctype="multipart/form-data" class="card" id="raise-form">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        {{#forHousehold}}
        <label for="householdID">{{t.household}}</label>
        <select id="householdID" name="householdID" required>
        {{#households}}<option value="{{id}}">{{dwelling}}</option>{{/households}}
        </select>
        {{/forHousehold}}
                <label for="category">{{t.category}}</label>
        <select id="category" name="category" required>
        {{#categories}}<option value="{{category}}">{{name}}</option>{{/categories}}
        </select>
        <label for="title">{{t.subject}}</label>
        <input id="title" name="title" maxlength="100" required placeholder="{{t.subjectHint}}">
        <label for="description">{{t.text}}</label>
        <textarea id="description" name="description" maxlength="2000" placeholder="{{t.textHint}}"></textarea>
        <label for="photos">{{t.photos}}</label>
        <input id="photos" name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple>
        <p class="hint">{{t.photosHint}}</p>
        <button type="submit" id="submit">{{t.submit}}</button>
        </form>
        <p class="links"><a href="/concerns">{{t.back}}</a></p>
        """

    /// `GET /concerns/{id}`: the concern, its photos, its progress and, once settled, confirm or reopen.
    static let concern = """
        <h1 id="title">{{title}}</h1>
        <div class="card" id="concern">
        <p><span class="badge {{badge}}" id="status">{{state}}</span> <span class="meta">{{category}}</span></p>
        <p class="meta">{{t.raisedAt}}：{{raisedAt}}{{#expectedBy}} · {{t.expectedBy}}：{{expectedBy}}{{/expectedBy}}</p>
        {{#owner}}<p><strong>{{t.owner}}</strong>：{{owner}}</p>{{/owner}}
        {{#description}}<p id="description">{{description}}</p>{{/description}}
        {{#hasPhotos}}
        <div class="photos" id="photos">
        {{#photos}}<a href="{{src}}"><img src="{{src}}" alt="{{alt}}" width="{{width}}" height="{{height}}"></a>{{/photos}}
        </div>
        {{/hasPhotos}}
        </div>
        {{#confirmed}}<p class="notice" id="confirmed">{{t.confirmed}}</p>{{/confirmed}}
        {{#answerable}}
        <div class="card" id="settled">
        <p>{{t.settledAsk}}</p>
        <form method="post" action="/concerns/{{id}}/confirm"><input type="hidden" name="_csrf" value="{{csrf}}">
        <button type="submit" id="confirm">{{t.confirm}}</button></form>
        <form method="post" action="/concerns/{{id}}/reopen"><input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="note">{{t.reopenReason}}</label><textarea id="note" name="note" maxlength="2000"></textarea>
        <button type="submit" class="secondary" id="reopen">{{t.reopen}}</button></form>
        <p class="hint">{{reopenUntil}}</p>
        </div>
        {{/answerable}}
        {{#hasMeetings}}
        <h2>{{t.meetings}}</h2>
        <ul class="list" id="meetings">
        {{#meetings}}<li>{{title}} <span class="meta">{{when}}</span> <span class="badge {{badge}}">{{state}}</span></li>{{/meetings}}
        </ul>
        {{/hasMeetings}}
        <h2>{{t.progress}}</h2>
        <ul class="list" id="progress">
        {{#updates}}<li><strong>{{action}}</strong>{{#state}} <span class="badge muted">{{state}}</span>{{/state}}
        <span class="meta">{{when}}{{#party}} · {{party}}{{/party}}</span>{{#note}}<br>{{note}}{{/note}}</li>{{/updates}}
        </ul>
        <p class="links"><a href="/concerns" id="back">{{t.back}}</a></p>
        """
}
