#!/usr/bin/env python3
"""Browser tests of the sign-in pages in real chromium (Selenium), at phone and desktop sizes.

Run by scripts/lib/browser-tests.sh, which starts the services, the SMS gateway stand-in and the
front door, and passes: FRONT (the origin), ADMIN_TOKEN (an operator token), SMS_LOG (the stand-in's
log), ARTIFACTS (screenshot folder), DATABASE_URL (for the test's own fixture rows).

1. A resident signs in with a phone code (read from the SMS the stand-in received), lands on `next`,
   signs out.
2. A district user opens the dashboard, is sent to sign in, signs in with password + TOTP, sees it.
"""
import base64, hashlib, hmac, os, struct, sys, time, urllib.parse

from selenium.webdriver.common.by import By

from linli_browser import ARTIFACTS, DESKTOP_SIZE, FRONT, PHONE_SIZE, api, check, driver, shot, sms_code, sql


def totp(uri, at=None):
    secret = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)








def resident_signs_in(driver, household):
    phone = "13800001234"
    api("POST", "/v1/residents", {"householdID": household, "name": "张桂兰", "phone": phone})
    driver.set_window_size(*PHONE_SIZE)
    driver.get(FRONT + "/auth/sign-in?next=/auth/sign-in%3Fnext%3D%2Fwelcome")
    check("登录邻里" in driver.page_source and driver.find_element(By.ID, "get-code").is_displayed(), "the phone step shows")
    check(driver.find_element(By.ID, "get-code").size["height"] >= 48, "the button is a large tap target")
    shot(driver, "sign-in-phone", PHONE_SIZE)
    driver.find_element(By.ID, "phone").send_keys(phone)
    driver.find_element(By.ID, "get-code").click()
    check("138****1234" in driver.page_source, "the code step names the masked phone")
    shot(driver, "sign-in-code", PHONE_SIZE)
    driver.find_element(By.ID, "code").send_keys("000000" if sms_code(phone) != "000000" else "111111")
    driver.find_element(By.ID, "sign-in").click()
    check("验证码错误" in driver.find_element(By.ID, "error").text, "a wrong code is told in Chinese")
    shot(driver, "sign-in-wrong-code", PHONE_SIZE)
    driver.find_element(By.ID, "code").send_keys(sms_code(phone))
    driver.find_element(By.ID, "sign-in").click()
    check(driver.current_url.startswith(FRONT + "/auth/sign-in?next=") and driver.find_element(By.ID, "signed-in").is_displayed(),
          "signed in, the browser landed on next")
    cookies = {c["name"]: c for c in driver.get_cookies()}
    check(cookies["linli_access"]["httpOnly"] and cookies["linli_access"]["sameSite"] == "Lax", "the access cookie is HttpOnly, Lax")
    shot(driver, "signed-in", PHONE_SIZE)
    driver.find_element(By.ID, "sign-out").click()
    check(driver.find_element(By.ID, "signed-out").is_displayed(), "signed out")
    check("linli_access" not in {c["name"] for c in driver.get_cookies()}, "the session cookies are gone")
    shot(driver, "signed-out", PHONE_SIZE)


def district_opens_dashboard(driver, district):
    account = api("POST", "/v1/accounts", {"displayName": "李娜", "posts": [{"kind": "district-office", "areaID": district}]})
    credentials = api("POST", f"/v1/accounts/{account['id']}/credentials", {"login": "lina", "password": "correct horse 2026"})
    driver.delete_all_cookies()
    driver.set_window_size(*DESKTOP_SIZE)
    driver.get(FRONT + "/dashboard")
    check("/auth/sign-in?next=/dashboard" in driver.current_url, "the dashboard sends a browser without a session to sign in")
    driver.find_element(By.ID, "staff").click()
    driver.find_element(By.ID, "login").send_keys("lina")
    driver.find_element(By.ID, "password").send_keys("correct horse 2026")
    driver.find_element(By.ID, "totp").send_keys(totp(credentials["otpauthURI"]))
    shot(driver, "staff-sign-in", DESKTOP_SIZE)
    driver.find_element(By.ID, "password-sign-in").click()
    check(driver.current_url == FRONT + "/dashboard" and "基层治理数据看板" in driver.page_source, "signed in, the dashboard shows")
    shot(driver, "dashboard", DESKTOP_SIZE)
    shot(driver, "dashboard", PHONE_SIZE)


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    district = int(sql("INSERT INTO registry.areas (level, name, path) VALUES ('district', '芦淞区', '{}') RETURNING id"))
    sql(f"UPDATE registry.areas SET path = ARRAY[{district}] WHERE id = {district}")
    compound = int(sql(f"INSERT INTO registry.compounds (area_id, area_path, name) VALUES ({district}, ARRAY[{district}], '枫林小区') RETURNING id"))
    household = int(sql(f"INSERT INTO registry.households (compound_id, dwelling) VALUES ({compound}, '1-101') RETURNING id"))
    browser = driver()
    failures = 0
    try:
        for name, scenario, argument in (("resident", resident_signs_in, household), ("district", district_opens_dashboard, district)):
            print("scenario:", name)
            try:
                scenario(browser, argument)
            except Exception as error:  # noqa: BLE001 — report every scenario, then fail
                failures += 1
                shot(browser, f"failed-{name}", DESKTOP_SIZE)
                print(f"  FAILED: {type(error).__name__}: {error}")
    finally:
        browser.quit()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
