import ServiceKit

/// The sign-in pages' Mustache templates (rendered inside ServiceKit's `WebLayout`). Plain forms:
/// every step works without JavaScript, in WeChat's browser too. Words come from `WebStrings.SignIn` (`t.…`).
enum PagesTemplates {
    static let signIn = "sign-in"
    static let signedIn = "signed-in"
    static let signedOut = "signed-out"

    static var all: [String: String] { [signIn: signInPage, signedIn: signedInPage, signedOut: signedOutPage, "hidden": hidden] }

    /// The fields every form of these pages carries.
    static let hidden = """
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="next" value="{{next}}">
        """

    static let signInPage = """
        <h1>{{t.heading}}</h1>
        {{#error}}<p class="error" role="alert" id="error">{{error}}</p>{{/error}}
        {{#notice}}<p class="notice" role="status" id="notice">{{notice}}</p>{{/notice}}
        <div class="card">
        {{^codeStep}}
        <form method="post" action="/auth/sign-in/code">
        {{> hidden}}
        <label for="phone">{{t.phone}}</label>
        <input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="20" placeholder="{{t.phonePlaceholder}}" value="{{phone}}" required>
        <button type="submit" id="get-code">{{t.getCode}}</button>
        </form>
        <p class="hint">{{t.intro}}</p>
        {{/codeStep}}
        {{#codeStep}}
        <form method="post" action="/auth/sign-in/verify">
        {{> hidden}}<input type="hidden" name="phone" value="{{phone}}">
        <p>{{t.phone}}：{{maskedPhone}}</p>
        <label for="code">{{t.code}}</label>
        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" placeholder="{{t.codePlaceholder}}" required autofocus>
        <button type="submit" id="sign-in">{{t.signIn}}</button>
        </form>
        <form method="post" action="/auth/sign-in/code">
        {{> hidden}}<input type="hidden" name="phone" value="{{phone}}">
        <button type="submit" class="secondary" id="resend">{{t.resend}}</button>
        </form>
        <p class="hint">{{t.notRegisteredHint}}</p>
        <div class="links"><a href="/auth/sign-in?next={{nextEncoded}}">{{t.changePhone}}</a></div>
        {{/codeStep}}
        </div>
        <details class="card"{{#staffOpen}} open{{/staffOpen}}>
        <summary id="staff">{{t.staff}}</summary>
        {{#singleSignOn}}<a class="button secondary" id="sso" href="/auth/oidc/start?next={{nextEncoded}}">{{t.staffSSO}}</a>{{/singleSignOn}}
        <form method="post" action="/auth/sign-in/password">
        {{> hidden}}
        <label for="login">{{t.login}}</label>
        <input id="login" name="login" autocomplete="username" value="{{login}}" required>
        <label for="password">{{t.password}}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <label for="totp">{{t.totp}}</label>
        <input id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" maxlength="6" placeholder="{{t.totpPlaceholder}}" required>
        <button type="submit" id="password-sign-in">{{t.staffPassword}}</button>
        </form>
        </details>
        """

    static let signedInPage = """
        <h1>{{t.heading}}</h1>
        <div class="card">
        <p class="notice" role="status" id="signed-in">{{signedInAs}}：{{subject}}</p>
        <a class="button" id="continue" href="{{next}}">{{continue}}</a>
        <form method="post" action="/auth/sign-out">
        {{> hidden}}
        <button type="submit" class="secondary" id="sign-out">{{t.signOut}}</button>
        </form>
        </div>
        """

    static let signedOutPage = """
        <h1>{{t.signOut}}</h1>
        <div class="card">
        <p class="notice" role="status" id="signed-out">{{t.signedOut}}</p>
        <a class="button" id="sign-in-again" href="/auth/sign-in">{{t.signInAgain}}</a>
        </div>
        """

    /// `WebStrings.SignIn` as the templates' `t`.
    static var words: [String: String] {
        typealias W = WebStrings.SignIn
        return [
            "heading": W.heading, "intro": W.intro, "phone": W.phone, "phonePlaceholder": W.phonePlaceholder, "getCode": W.getCode,
            "code": W.code, "codePlaceholder": W.codePlaceholder, "signIn": W.signIn, "notRegisteredHint": W.notRegisteredHint,
            "changePhone": W.changePhone, "resend": W.resend, "staff": W.staff, "staffSSO": W.staffSSO,
            "staffPassword": W.staffPassword, "login": W.login, "password": W.password, "totp": W.totp,
            "totpPlaceholder": W.totpPlaceholder, "signOut": W.signOut, "signedOut": W.signedOut, "signInAgain": W.signInAgain,
        ]
    }
}
