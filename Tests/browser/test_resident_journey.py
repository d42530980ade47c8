#!/usr/bin/env python3
"""A resident's journey on a phone (390×844) in real chromium, through the front door:

The link a message carries (/activities/{id}) opens before sign-in; the daughter signs in with the
code from the SMS stand-in, comes back to the page, signs up her elderly father for a full occurrence,
is told his place on the waitlist, and sees him promoted when the neighbour cancels. Refusals: a
form without the CSRF token is 403.
"""
import datetime, urllib.error, urllib.request, zoneinfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from linli_browser import FRONT, api, check, city, eventually, household, run, shot, sms_code, sms_count

DAUGHTER_PHONE = "13900002468"


def sign_in(driver, phone):
    """From a page's sign-in link: the phone, the code the stand-in received, back to where it started."""
    before = sms_count()
    driver.find_element(By.ID, "phone").send_keys(phone)
    driver.find_element(By.ID, "get-code").click()
    driver.find_element(By.ID, "code").send_keys(sms_code(phone, after=before))
    driver.find_element(By.ID, "sign-in").click()


def family_signs_up_father(driver):
    _, compound = city("芦淞")
    _, (daughter, father) = household(compound, "3-402", ("张桂兰", DAUGHTER_PHONE), ("张大爷", None))
    _, (neighbour,) = household(compound, "3-403", ("王秀英", "13900002469"))
    start = (datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai")) + datetime.timedelta(days=3)).replace(
        hour=14, minute=30, second=0, microsecond=0)
    local = start.strftime("%Y-%m-%dT%H:%M:%S")
    # The calendar learns the compound and its residents from the registry's events: wait for them.
    drafts = []
    eventually(lambda: draft(drafts, compound, local), "the compound's secretary drafts the activity once the calendar knows it")
    activity = drafts[0]
    check(publish(activity), "and publishes it")
    seats = []
    eventually(lambda: registers(seats, activity, local, neighbour), "the neighbour takes the only seat")

    link = f"/activities/{activity}"
    driver.get(FRONT + link)
    check("重阳敬老包饺子" in driver.find_element(By.ID, "title").text, "the message link opens the activity page before sign-in")
    shot(driver, "activity-signed-out")
    choose = driver.find_element(By.CSS_SELECTOR, "#occurrences a.title")
    choose.click()
    driver.find_element(By.ID, "sign-in").click()
    sign_in(driver, DAUGHTER_PHONE)
    check(driver.current_url.startswith(FRONT + link), "signed in, back on the activity page")
    eventually(lambda: has_father(driver), "her father is offered in 为谁报名")
    check("候补" in driver.find_element(By.ID, "sign-up").text, "the occurrence is full: the button says waitlist")
    shot(driver, "activity-sign-up")
    Select(driver.find_element(By.ID, "resident")).select_by_value(str(father))
    driver.find_element(By.ID, "sign-up-button").click()
    check("/tickets/" in driver.current_url, "signing up goes to the ticket")
    driver.get(FRONT + link)
    check("候补第 1 位" in driver.find_element(By.ID, "mine").text, "the page tells his place on the waitlist")
    shot(driver, "activity-waitlisted")

    api("POST", f"/v1/registrations/{seats[0]}/cancel")
    driver.get(FRONT + link)
    check("已报名" in driver.find_element(By.ID, "mine").text and "候补第" not in driver.find_element(By.ID, "mine").text,
          "the neighbour cancelled: her father is promoted")
    shot(driver, "activity-promoted")

    # A form posted from elsewhere, without the token: refused, nothing registered.
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    forged = urllib.request.Request(FRONT + link + "/sign-up", method="POST", data=f"occurrence={local}&resident={daughter}".encode(),
                                    headers={"Cookie": cookies, "Accept": "text/html", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        urllib.request.urlopen(forged)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
    check(status == 403, "a sign-up posted without the CSRF token is 403")
    check(all(item["residentID"] != daughter for item in roster(activity, local)), "and nothing was registered")


def draft(drafts, compound, local):
    try:
        drafts.append(api("POST", "/v1/activities", {"compoundID": compound, "title": "重阳敬老包饺子", "start": local,
                                                     "durationMinutes": 120, "capacity": 1})["id"])
        return True
    except urllib.error.HTTPError as error:
        if error.code != 422:
            raise
        return False


def publish(activity):
    try:
        api("POST", f"/v1/activities/{activity}/publish")
        return True
    except urllib.error.HTTPError:
        return False


def registers(seats, activity, start, resident):
    try:
        seats.append(api("POST", f"/v1/activities/{activity}/occurrences/{start}/registrations", {"residentID": resident})["id"])
        return True
    except urllib.error.HTTPError:
        return False


def roster(activity, start):
    return api("GET", f"/v1/activities/{activity}/occurrences/{start}/registrations")["items"]


def has_father(driver):
    driver.refresh()
    return "张大爷" in driver.page_source


if __name__ == "__main__":
    run([("family-sign-up", family_signs_up_father)])
