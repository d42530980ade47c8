"""What every browser test shares (Tests/browser/test_*.py): the environment scripts/lib/browser-tests.sh
passes, the admin API through the front door, a city built through the registry's API (so every
service's projection learns it from events, as in production), chromium at phone and desktop sizes,
signing in with the code the SMS stand-in received, screenshots, and checks that print what held."""
import json, os, subprocess, time, urllib.error, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

FRONT = os.environ["FRONT"]
ADMIN = os.environ["ADMIN_TOKEN"]
SMS_LOG = os.environ["SMS_LOG"]
ARTIFACTS = os.environ["ARTIFACTS"]
PHONE_SIZE, DESKTOP_SIZE = (390, 844), (1366, 900)


def api(method, path, body=None, base=FRONT):
    """The JSON API as the operator, through the front door."""
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": "Bearer " + ADMIN, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as answer:
            return json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        error.msg = f"{error.msg} for {method} {path}: {error.read().decode(errors='replace')[:300]}"
        raise


def sql(statement):
    return subprocess.run(["psql", os.environ["DATABASE_URL"], "-tAq", "-v", "ON_ERROR_STOP=1", "-c", statement],
                          check=True, capture_output=True, text=True).stdout.strip()


def sms_code(phone, deadline=30, after=0):
    """The newest code sent to `phone` (the stand-in's log), waiting for it up to `deadline` seconds."""
    end = time.time() + deadline
    while time.time() < end:
        if os.path.exists(SMS_LOG):
            lines = open(SMS_LOG, encoding="utf-8").read().splitlines()
            for line in reversed(lines[after:]):
                body = json.loads(json.loads(line)["body"] or "{}")
                if body.get("to") == phone:
                    return "".join(ch for ch in body["text"] if ch.isdigit())[:6]
        time.sleep(0.3)
    raise AssertionError("no SMS reached the stand-in for the phone")


def sms_count():
    return len(open(SMS_LOG, encoding="utf-8").read().splitlines()) if os.path.exists(SMS_LOG) else 0


def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(flag)
    made = webdriver.Chrome(options=options, service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))
    made.set_window_size(*PHONE_SIZE)
    # A click that submits a form returns before the next page is there: finding waits for it.
    made.implicitly_wait(5)
    return made


def shot(driver, name, size=None):
    if size:
        driver.set_window_size(*size)
    width, height = driver.get_window_size()["width"], driver.get_window_size()["height"]
    driver.save_screenshot(os.path.join(ARTIFACTS, f"{name}-{width}x{height}.png"))


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("  ok:", what)


def eventually(probe, what, seconds=20):
    """Waits until `probe()` is true (a projection catching up on its events)."""
    end = time.time() + seconds
    while time.time() < end:
        if probe():
            print("  ok:", what)
            return
        time.sleep(0.3)
    raise AssertionError("never: " + what)


def city(name):
    """A city, a district of it and a compound in that, through the registry's API; returns (district id, compound id)."""
    town = api("POST", "/v1/areas", {"level": "city", "name": name + "市"})["id"]
    district = api("POST", "/v1/areas", {"level": "district", "name": name + "区", "parentID": town})["id"]
    compound = api("POST", "/v1/compounds", {"areaID": district, "name": name + "小区"})["id"]
    return district, compound


def household(compound, dwelling, *members):
    """A household with residents (name, phone or None); returns (household id, [resident ids])."""
    made = api("POST", "/v1/households", {"compoundID": compound, "dwelling": dwelling})["id"]
    ids = []
    for name, phone in members:
        body = {"householdID": made, "name": name}
        if phone:
            body["phone"] = phone
        ids.append(api("POST", "/v1/residents", body)["id"])
    return made, ids


def run(scenarios):
    """Runs each (name, function) with its own browser, screenshots a failure, exits 1 if any failed."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    failures = 0
    for name, scenario in scenarios:
        print("scenario:", name)
        browser = driver()
        try:
            scenario(browser)
        except Exception as error:  # noqa: BLE001 — report every scenario, then fail
            failures += 1
            shot(browser, f"failed-{name}")
            print(f"  FAILED: {type(error).__name__}: {error}")
        finally:
            browser.quit()
    raise SystemExit(1 if failures else 0)
