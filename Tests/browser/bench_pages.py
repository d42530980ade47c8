#!/usr/bin/env python3
"""Page weight and server render time of the resident pages, through the front door (nginx, gzip on).

Run by `scripts/bench pages` (scripts/lib/browser-tests.sh with LINLI_BROWSER_TESTS set): a resident
signs in with a phone code over the JSON API; each page is fetched once for its size (HTML, plus the
stylesheet a first visit also loads, raw and gzipped as nginx sends them), then `ROUNDS` times one
after another for its latency at the front door (server render + nginx on loopback). The services
are the debug build the tests use: the times are an upper bound of a release deployment's.
Prints a table and writes the figures to PAGES_OUT (JSON) when set.
"""
import datetime, json, os, re, statistics, time, urllib.error, urllib.request, zoneinfo

from linli_browser import FRONT, api, city, eventually, household, sms_code, sms_count

ROUNDS = int(os.environ.get("ROUNDS", "300"))
PHONE = "13900003579"


def fetch(path, cookie=None, encoding="gzip"):
    headers = {"Accept": "text/html", "Accept-Encoding": encoding}
    if cookie:
        headers["Cookie"] = cookie
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(FRONT + path, headers=headers)) as answer:
        body = answer.read()
        status, gzipped = answer.status, answer.headers.get("Content-Encoding") == "gzip"
    return status, body, gzipped, (time.perf_counter() - started) * 1000


def post(path, body):
    request = urllib.request.Request(FRONT + path, method="POST", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as answer:
        return json.loads(answer.read() or b"null")


def main():
    _, compound = city("株洲")
    household(compound, "5-101", ("刘美华", PHONE), ("刘爷爷", None))
    local = (datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")) + datetime.timedelta(days=4)).replace(
        hour=9, minute=0, second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M:%S")
    made = []

    def draft():
        try:
            made.append(api("POST", "/v1/activities", {"compoundID": compound, "title": "邻里百家宴", "start": local,
                                                       "durationMinutes": 90, "capacity": 40,
                                                       "recurrence": "FREQ=MONTHLY;COUNT=6"})["id"])
            return True
        except urllib.error.HTTPError:
            return False

    eventually(draft, "an activity is drafted")
    api("POST", f"/v1/activities/{made[0]}/publish")
    before = sms_count()
    post("/v1/auth/phone/code", {"phone": PHONE})
    tokens = post("/v1/auth/phone/verify", {"phone": PHONE, "code": sms_code(PHONE, after=before)})
    cookie = "linli_access=" + tokens["accessToken"]
    _, page, _, _ = fetch(f"/activities/{made[0]}", cookie, encoding="identity")
    stylesheet = re.search(rb'href="(/assets/linli-[0-9a-f]+\.css)"', page).group(1).decode()
    css_raw = len(fetch(stylesheet, encoding="identity")[1])
    css_gzip = len(fetch(stylesheet)[1])
    pages = [("activity, signed out", f"/activities/{made[0]}", None),
             ("activity, signed in", f"/activities/{made[0]}?occurrence={local}", cookie),
             ("festival", "/festival", cookie),
             ("sign-in", "/auth/sign-in", None)]
    rows = []
    for name, path, session in pages:
        status, raw, _, _ = fetch(path, session, encoding="identity")
        status, wire, gzipped, _ = fetch(path, session)
        assert status == 200 and gzipped, f"{path}: {status}, gzip {gzipped}"
        for _ in range(20):
            fetch(path, session)
        times = sorted(fetch(path, session)[3] for _ in range(ROUNDS))
        rows.append({"page": name, "htmlBytes": len(raw), "htmlGzipBytes": len(wire),
                     "firstLoadGzipBytes": len(wire) + css_gzip,
                     "p50ms": round(statistics.median(times), 2), "p99ms": round(times[int(len(times) * 0.99) - 1], 2)})
    print(f"stylesheet: {css_raw} B raw, {css_gzip} B gzipped (cached a year after the first page)")
    print(f"{'page':24} {'HTML':>8} {'gzip':>8} {'first load':>11} {'p50 ms':>8} {'p99 ms':>8}")
    for row in rows:
        print(f"{row['page']:24} {row['htmlBytes']:>8} {row['htmlGzipBytes']:>8} {row['firstLoadGzipBytes']:>11} "
              f"{row['p50ms']:>8} {row['p99ms']:>8}")
        assert row["firstLoadGzipBytes"] <= 100_000, row
    if os.environ.get("PAGES_OUT"):
        json.dump({"rounds": ROUNDS, "stylesheetBytes": css_raw, "stylesheetGzipBytes": css_gzip, "pages": rows},
                  open(os.environ["PAGES_OUT"], "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
