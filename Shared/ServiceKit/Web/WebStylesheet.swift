/// The one stylesheet of every page, served by every service at ``WebAssets/stylesheetPath`` (its
/// name carries a hash of its text, so browsers keep it a year and a change is a new name). Phone
/// first: readable at 360 px, tap targets at least 48 px high, system CJK fonts, no web font.
///
/// The classes pages may use: `card`, `hint`, `notice`, `error`, `links`, `tiles` (a grid of big
/// links), `list` (rows of `li` with `.meta`), `badge` (+ `ok`, `warn`, `bad`, `muted`), `big-code`
/// (a ticket's code), `qr` (an inline SVG), `row` (side-by-side buttons), `button`, `secondary`,
/// `inline` (a small button in a row of text), `sr-only`. No page may carry a `style` attribute
/// (the Content-Security-Policy allows only this stylesheet).
enum WebStylesheet {
    static let text = """
        *{box-sizing:border-box}
        body{margin:0;background:#f4f6f8;color:#1f2933;font:17px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
        a{color:#1d4ed8}
        .bar{background:#b91c1c;color:#fff}
        .bar ul{display:flex;max-width:60rem;margin:0 auto;padding:0 .25rem;list-style:none;overflow-x:auto}
        .bar a{display:block;min-height:48px;line-height:48px;padding:0 .7rem;color:#fff;text-decoration:none;white-space:nowrap;font-size:1rem}
        .bar a[aria-current=page]{font-weight:700;box-shadow:inset 0 -3px 0 #fde68a}
        main{max-width:30rem;margin:0 auto;padding:1.25rem 1rem 3rem}
        main.wide{max-width:60rem}
        h1{font-size:1.5rem;margin:.5rem 0 1rem}
        h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        .card{background:#fff;border-radius:12px;padding:1.25rem;margin:0 0 1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
        label{display:block;font-weight:600;margin:.75rem 0 .25rem}
        input,select,textarea{display:block;width:100%;min-height:48px;font:inherit;font-size:1.1rem;padding:.5rem .75rem;border:1px solid #9aa5b1;border-radius:8px;background:#fff}
        textarea{min-height:7rem}
        input[type=checkbox],input[type=radio]{display:inline-block;width:auto;min-height:0;margin-right:.5rem}
        input:focus,select:focus,textarea:focus{outline:3px solid #93c5fd;border-color:#2563eb}
        button,.button{display:block;width:100%;min-height:52px;margin:1rem 0 0;font:inherit;font-size:1.1rem;font-weight:600;border:0;border-radius:10px;background:#c2410c;color:#fff;text-align:center;text-decoration:none;line-height:52px;padding:0 1rem;cursor:pointer}
        .button.secondary,button.secondary{background:#fff;color:#1f2933;border:1px solid #9aa5b1;line-height:50px}
        button.inline,.button.inline{display:inline-block;width:auto;min-height:44px;line-height:44px;margin:.25rem 0;font-size:1rem}
        .row{display:flex;gap:.75rem}
        .row>*{flex:1}
        .hint,.meta{color:#52606d;font-size:.95rem;margin:.5rem 0}
        .notice{background:#ecfdf5;border:1px solid #6ee7b7;border-radius:8px;padding:.75rem;margin:0 0 1rem}
        .error{background:#fef2f2;border:1px solid #fca5a5;color:#991b1b;border-radius:8px;padding:.75rem;margin:0 0 1rem}
        .links{margin:1rem 0;text-align:center}
        .links a{display:inline-block;min-height:48px;line-height:48px;padding:0 .75rem}
        .tiles{display:grid;grid-template-columns:1fr 1fr;gap:.75rem;margin:0 0 1rem}
        .tiles a{display:flex;align-items:center;justify-content:center;min-height:88px;padding:.75rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08);color:#1f2933;text-decoration:none;font-weight:600;font-size:1.1rem;text-align:center}
        .list{list-style:none;margin:0;padding:0}
        .list li{background:#fff;border-radius:12px;padding:1rem;margin:0 0 .75rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
        .list li.unread{border-left:4px solid #c2410c}
        .list a.title{display:block;font-weight:600;min-height:44px;line-height:1.5;padding:.25rem 0}
        .badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.85rem;background:#e4e7eb;color:#1f2933}
        .badge.ok{background:#dcfce7;color:#166534}.badge.warn{background:#fef3c7;color:#92400e}.badge.bad{background:#fee2e2;color:#991b1b}.badge.muted{background:#f1f5f9;color:#52606d}
        .big-code{font:700 2.6rem/1.2 ui-monospace,SFMono-Regular,Menlo,monospace;letter-spacing:.25rem;text-align:center;margin:.5rem 0}
        .qr{display:block;margin:0 auto;text-align:center}
        .qr svg{width:min(72vw,18rem);height:auto}
        table{width:100%;border-collapse:collapse;background:#fff}
        th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e4e7eb}
        details summary{min-height:48px;line-height:48px;cursor:pointer;color:#1d4ed8}
        .sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        @media (min-width:900px){main{padding-top:3rem}}
        @media print{.bar,button,.button{display:none}body{background:#fff}}
        .photos img{display:block;max-width:100%;height:auto;border-radius:8px;margin:.5rem 0}
        """
}
