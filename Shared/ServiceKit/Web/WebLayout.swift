/// The one layout of every page: phone first (readable at 360 px, tap targets at least 48 px high),
/// system CJK fonts, no script and no external asset, so a page is one small HTML document that
/// works in WeChat's browser. Pages put their content in `{{{body}}}`.
enum WebLayout {
    static let name = "layout"

    static let template = """
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{product}}</title>
        <style>
        *{box-sizing:border-box}
        body{margin:0;background:#f4f6f8;color:#1f2933;font:17px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
        main{max-width:30rem;margin:0 auto;padding:1.25rem 1rem 3rem}
        h1{font-size:1.5rem;margin:.5rem 0 1rem}
        h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        .card{background:#fff;border-radius:12px;padding:1.25rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
        label{display:block;font-weight:600;margin:.75rem 0 .25rem}
        input{display:block;width:100%;min-height:48px;font-size:1.1rem;padding:.5rem .75rem;border:1px solid #9aa5b1;border-radius:8px;background:#fff}
        input:focus{outline:3px solid #93c5fd;border-color:#2563eb}
        button,.button{display:block;width:100%;min-height:52px;margin:1rem 0 0;font-size:1.1rem;font-weight:600;border:0;border-radius:10px;background:#c2410c;color:#fff;text-align:center;text-decoration:none;line-height:52px;padding:0 1rem;cursor:pointer}
        .button.secondary,button.secondary{background:#fff;color:#1f2933;border:1px solid #9aa5b1;line-height:50px}
        .hint{color:#52606d;font-size:.95rem;margin:.5rem 0}
        .notice{background:#ecfdf5;border:1px solid #6ee7b7;border-radius:8px;padding:.75rem;margin:0 0 1rem}
        .error{background:#fef2f2;border:1px solid #fca5a5;color:#991b1b;border-radius:8px;padding:.75rem;margin:0 0 1rem}
        .links{margin:1rem 0;text-align:center}
        .links a{display:inline-block;min-height:48px;line-height:48px;padding:0 .75rem;color:#1d4ed8}
        details summary{min-height:48px;line-height:48px;cursor:pointer;color:#1d4ed8}
        @media (min-width:900px){main{padding-top:3rem}}
        </style>
        </head>
        <body>
        <main>
        {{{body}}}
        </main>
        </body>
        </html>
        """
}
