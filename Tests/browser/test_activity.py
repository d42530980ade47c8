#!/usr/bin/env python3
"""A neighbour head on a phone (390×844) in real chromium, through the front door (test_resident_journey.py
covers the daughter, the waitlist and CSRF):

The head signs in from the activity page, signs up an elderly resident of a household they cover by proxy
(the reserved seat, the only one left), sees the sign-up on the page and cancels it there; a household they
do not cover is never offered. This month's festival page lists the activity and links to it.
"""
import datetime, urllib.error, zoneinfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from linli_browser import FRONT, api, check, city, eventually, household, run, shot, sms_code, sms_count

HEAD_PHONE = "13900003579"


def head_signs_up_elderly_neighbour(driver):
    _, compound = city("荷塘")
    _, (head,) = household(compound, "5-101", ("王楼长", HEAD_PHONE))
    elderly_household, (elderly,) = household(compound, "5-102", ("李奶奶", None))
    _, (walk_in,) = household(compound, "5-103", ("赵师傅", None))
    household(compound, "5-104", ("陈阿姨", None))
    cover(compound, [elderly_household], head)
    # Tomorrow at 09:30 unless that leaves this month: then in three hours' time, today.
    now = datetime.datetime.now(zoneinfo.ZoneInfo("Asia/Shanghai"))
    start = (now + datetime.timedelta(days=1)).replace(hour=9, minute=30, second=0, microsecond=0)
    if start.month != now.month:
        start = (now + datetime.timedelta(hours=3)).replace(minute=0, second=0, microsecond=0)
    local = start.strftime("%Y-%m-%dT%H:%M:%S")
    activity = []
    eventually(lambda: attempt(lambda: activity.append(api("POST", "/v1/activities", {
        "compoundID": compound, "title": "荷塘义诊", "start": local, "durationMinutes": 90, "capacity": 2, "reservedSeats": 1,
        "location": "社区卫生站"})["id"])), "the calendar knows the compound: the activity is drafted")
    activity = activity[0]
    api("POST", f"/v1/activities/{activity}/publish")
    # A walk-in takes the one general seat: only the seat held for heads is left.
    eventually(lambda: attempt(lambda: api("POST", f"/v1/activities/{activity}/occurrences/{local}/registrations",
                                           {"residentID": walk_in, "channel": "walk-in"})), "the general seat is taken")

    link = f"/activities/{activity}"
    driver.get(FRONT + link)
    check("荷塘义诊" in driver.find_element(By.ID, "title").text, "the activity page opens before sign-in")
    driver.find_element(By.ID, "sign-in").click()
    before = sms_count()
    driver.find_element(By.ID, "phone").send_keys(HEAD_PHONE)
    driver.find_element(By.ID, "get-code").click()
    driver.find_element(By.ID, "code").send_keys(sms_code(HEAD_PHONE, after=before))
    driver.find_element(By.ID, "sign-in").click()
    check(driver.current_url.startswith(FRONT + link), "signed in, back on the activity page")
    eventually(lambda: offered(driver, "李奶奶"), "the covered household's elderly resident is offered under 我联系的住户")
    check("陈阿姨" not in driver.page_source, "a household the head does not cover is not offered")
    check("1390000" not in driver.page_source.replace(HEAD_PHONE, ""), "no phone number on the page")
    shot(driver, "activity-head")
    Select(driver.find_element(By.ID, "resident")).select_by_value(str(elderly))
    driver.find_element(By.ID, "sign-up-button").click()
    check("/tickets/" in driver.current_url, "the proxy sign-up goes to the ticket")
    entry = [item for item in roster(activity, local) if item["residentID"] == elderly]
    check(len(entry) == 1 and entry[0]["status"] == "confirmed", "she has the reserved seat although the general ones are gone")

    driver.get(FRONT + link)
    mine = driver.find_element(By.ID, "mine")
    check("李奶奶" in mine.text and "已报名" in mine.text, "the page lists the sign-up the head made")
    shot(driver, "activity-head-signed-up")
    driver.find_element(By.ID, f"cancel-{entry[0]['registrationID']}").click()
    check("已取消报名" in driver.find_element(By.ID, "notice").text, "cancelled from the page")
    check([item["status"] for item in roster(activity, local) if item["residentID"] == elderly] == ["cancelled"],
          "and the registration is cancelled")

    driver.get(FRONT + "/festival")
    check(f"{start.year}年{start.month}月" in driver.find_element(By.ID, "title").text, "the festival page is this month's")
    driver.find_element(By.CSS_SELECTOR, f"#activities a.title[href='/activities/{activity}']").click()
    check(driver.current_url.startswith(FRONT + link), "the festival links to the activity page")
    shot(driver, "festival-to-activity")


def cover(compound, households, head):
    """A neighbour unit (under an area and a group) linking `households`, with `head` assigned."""
    area = api("POST", f"/v1/compounds/{compound}/head-units", {"level": "area", "name": "五栋片区"})["id"]
    group = api("POST", f"/v1/compounds/{compound}/head-units", {"level": "group", "name": "五栋", "parentID": area})["id"]
    unit = api("POST", f"/v1/compounds/{compound}/head-units", {"level": "neighbour", "name": "五栋一单元", "parentID": group})["id"]
    api("PUT", f"/v1/head-units/{unit}/households", {"householdIDs": households})
    api("POST", f"/v1/head-units/{unit}/assignments", {"residentID": head})


def attempt(action):
    try:
        action()
        return True
    except urllib.error.HTTPError as error:
        if error.code not in (404, 409, 422):
            raise
        return False


def roster(activity, start):
    return api("GET", f"/v1/activities/{activity}/occurrences/{start}/registrations")["items"]


def offered(driver, name):
    driver.refresh()
    groups = driver.find_elements(By.CSS_SELECTOR, "#resident optgroup")
    return any("我联系的住户" == group.get_attribute("label") and name in group.text for group in groups)


if __name__ == "__main__":
    run([("head-proxy-sign-up", head_signs_up_elderly_neighbour)])
