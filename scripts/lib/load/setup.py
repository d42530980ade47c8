"""Gathers what scripts/load's requests need from the running system, through the services' APIs:
residents and households per compound, a past and a coming occurrence, a compound's feed URL, and
tokens of the right roles (minted with `linli token`). Writes one request file per endpoint."""
import json
import subprocess
import urllib.request
from datetime import datetime, timedelta, timezone


def call(base, path, token, method="GET", body=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read() or b"null")


class Tokens:
    """Mints tokens with the release `linli token`."""

    def __init__(self, linli, database):
        self.linli, self.database = linli, database

    def mint(self, role, subject, **scope):
        command = [self.linli, "token", "--role", role, "--subject", subject, "--hours", "6", "--database-url", self.database]
        for key, value in scope.items():
            command += [f"--{key}", ",".join(map(str, value)) if isinstance(value, list) else str(value)]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def occurrences(calendar, admin, compound):
    """(past, coming) occurrence paths of the compound's published theme activities."""
    now = datetime.now(timezone.utc)
    since = (now - timedelta(days=330)).strftime("%Y-%m-%dT%H:%M:%SZ")
    until = (now + timedelta(days=60)).strftime("%Y-%m-%dT%H:%M:%SZ")
    past, coming = None, None
    for activity in call(calendar, f"/v1/activities?compoundID={compound}&state=published&limit=100", admin)["items"]:
        for occurrence in call(calendar, f"/v1/activities/{activity['id']}/occurrences?from={since}&to={until}", admin)["items"]:
            path = f"/v1/activities/{activity['id']}/occurrences/{occurrence['recurrenceID']}"
            starts = datetime.fromisoformat(occurrence["startsAt"].replace("Z", "+00:00"))
            if starts < now - timedelta(hours=3):
                past = path
            elif starts > now + timedelta(days=1) and coming is None and occurrence["status"] == "CONFIRMED":
                coming = path
    return past, coming


def release(calendar, admin, occurrence, residents):
    """Cancels what an earlier run left signed up, so sign-ups start from a clean slate."""
    for registration in call(calendar, occurrence + "/registrations", admin)["items"]:
        if registration.get("residentID") in residents and registration.get("status") != "cancelled":
            call(calendar, f"/v1/registrations/{registration['registrationID']}/cancel", admin, "POST")


def prepare(urls, linli, database, directory, compounds_wanted=4):
    """Writes <endpoint>.tsv request files into directory; returns {endpoint: (service, mode, connections)}."""
    tokens = Tokens(linli, database)
    admin = tokens.mint("admin", "load-admin")
    dashboard = tokens.mint("dashboard", "load-dashboard")
    compounds = [c["id"] for c in call(urls["registry"], "/v1/compounds?limit=100", admin)["items"]][:compounds_wanted]
    lines = {name: [] for name in ENDPOINTS}
    for compound in compounds:
        residents = call(urls["registry"], f"/v1/residents?compoundID={compound}&limit=500", admin)["items"]
        secretary = tokens.mint("secretary", f"staff:load-{compound}", compounds=[compound])
        past, coming = occurrences(urls["calendar"], admin, compound)
        if coming:
            release(urls["calendar"], admin, coming, {r["id"] for r in residents[40:70]})
        feed = call(urls["calendar"], "/v1/feeds", admin, "POST", {"kind": "compound", "id": compound})["url"]
        feed_path = "/" + feed.split("/", 3)[3]
        for resident in residents[40:70]:
            token = tokens.mint("resident", f"resident:{resident['id']}", households=[resident["householdID"]], resident=resident["id"])
            rid = resident["id"]
            lines["resident by id"].append(("GET", f"/v1/residents/{rid}", secretary, ""))
            lines["residents list"].append(("GET", f"/v1/residents?compoundID={compound}&limit=50", secretary, ""))
            lines["activities list"].append(("GET", f"/v1/activities?compoundID={compound}&limit=50", token, ""))
            lines["iCalendar feed"].append(("GET", feed_path, token, ""))
            lines["inbox"].append(("GET", "/v1/inbox?limit=20", token, ""))
            lines["concerns list"].append(("GET", f"/v1/concerns?compoundID={compound}&limit=20", token, ""))
            lines["concern raised"].append(
                ("POST", "/v1/concerns", token, json.dumps({"category": "other", "source": "app", "title": f"负载测试：楼道灯不亮 {rid}"}, ensure_ascii=False))
            )
            if coming:
                lines["registration (sign-up, cancel)"].append(("POST", coming + "/registrations", token, json.dumps({"residentID": rid})))
            if past:
                lines["check-in"].append(("POST", past + "/check-ins", secretary, json.dumps({"residentID": rid})))
        lines["analytics metric rows"].append(("GET", f"/v1/metrics/attendances?groupBy=compound&interval=month", dashboard, ""))
        lines["analytics overview"].append(("GET", f"/v1/overview?compound={compound}", dashboard, ""))
    plan = {}
    for name, (service, mode, connections) in ENDPOINTS.items():
        if not lines[name]:
            print(f"  no data for {name}: left out")
            continue
        with open(f"{directory}/{slug(name)}.tsv", "w") as file:
            for method, path, token, body in lines[name]:
                file.write(f"{method}\t{path}\t{token}\t{body}\n")
        plan[name] = (service, mode, connections)
    return plan


def slug(name):
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


# endpoint: (service, mode, connections). Reads get more connections than writes: the mix is about 3:1.
ENDPOINTS = {
    "resident by id": ("registry", "plain", 2),
    "residents list": ("registry", "plain", 1),
    "activities list": ("calendar", "plain", 2),
    "iCalendar feed": ("calendar", "plain", 1),
    "inbox": ("notifications", "plain", 2),
    "analytics metric rows": ("analytics", "plain", 1),
    "analytics overview": ("analytics", "plain", 1),
    "concerns list": ("concerns", "plain", 2),
    "registration (sign-up, cancel)": ("calendar", "signup", 2),
    "check-in": ("calendar", "plain", 1),
    "concern raised": ("concerns", "plain", 1),
}
