#!/usr/bin/env python3
"""Browser checks of the Chorus directory pages, as a visitor would use them.

Run against a server that holds the sample data (for example `chorus demo`):

    python3 Tests/Browser/directory_flow.py --base http://127.0.0.1:8080 --screenshots /tmp/chorus-shots

It drives headless Chromium through Selenium and checks:
  1. the search flow with a pointer on a phone-sized screen (390x844), and on every group page there that the
     next meeting and the contact are in the first screen;
  2. the same flow by keyboard only (1280x800), including the skip link;
  3. axe-core (WCAG 2.x A/AA and 2.2 AA rules) on every page at both sizes;
  4. a screenshot of every page at both sizes;
  5. on every page: no cookies, a page language, nothing loaded from another host,
     no sideways scrolling, the expected HTTP status;
  6. the search without JavaScript.

Each check prints one line, `ok: ...` or `FAIL: ...`; `note:` lines only inform.
Exit status: 0 when every check passed, 1 when one failed, 2 when the browser cannot start.

Needs: chromium and chromedriver (Debian packages `chromium`, `chromium-driver`), the Python
package `selenium`, and an axe-core script: `--axe FILE`, or the one shipped in the Python
package `axe-playwright-python` (axe-core 4.x, install it with `pip install --no-deps`), or
the older one shipped in `axe-selenium-python` (axe-core 3.x, without the WCAG 2.2 rules).
"""

import argparse
import base64
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import traceback
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
PHONE = (390, 844)
DESKTOP = (1280, 800)
SIZES = (PHONE, DESKTOP)

SHEFFIELD_CENTRAL = "Sheffield Central Hearing Voices Group"
SHEFFIELD_CENTRAL_ID = "urn:uuid:101e799f-89fe-4cec-b452-80d0a9f85404"
WITHHELD_PLACE_TEXT = "gives the exact place when you get in touch"

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_FAILING_IMPACTS = ("serious", "critical")


# ---------------------------------------------------------------------------
# Reporting


class Report:
    """Prints one line per check and remembers whether any failed."""

    def __init__(self):
        self.failures = 0
        self.passes = 0

    def ok(self, text):
        self.passes += 1
        print(f"ok: {text}", flush=True)

    def fail(self, text):
        self.failures += 1
        print(f"FAIL: {text}", flush=True)

    def note(self, text):
        print(f"note: {text}", flush=True)

    def check(self, condition, text, why=""):
        if condition:
            self.ok(text)
        else:
            self.fail(f"{text}{' (' + why + ')' if why else ''}")
        return condition


# ---------------------------------------------------------------------------
# Browser


class BrowserStartError(Exception):
    pass


def start_browser(javascript=True):
    """A fresh headless Chromium with its own temporary profile."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            raise BrowserStartError(f"{program} is missing (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="chorus-browser-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     f"--user-data-dir={profile}", "--lang=en-GB",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except WebDriverException as error:
        shutil.rmtree(profile, ignore_errors=True)
        reason = " ".join((error.msg or str(error)).split())
        raise BrowserStartError(reason[:300]) from error
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    driver.chorus_profile = profile
    return driver


def stop_browser(driver):
    try:
        driver.quit()
    finally:
        shutil.rmtree(driver.chorus_profile, ignore_errors=True)


def first_line(text):
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0] if lines else "unknown error"


def set_viewport(driver, size):
    """Makes the page's viewport exactly `size` CSS pixels; below 600 wide it is a phone."""
    width, height = size
    driver.set_window_size(width, height)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def size_name(size):
    return f"{size[0]}x{size[1]}"


def open_page(driver, url):
    driver.get(url)
    wait_until(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def wait_until(driver, condition, timeout=10):
    return WebDriverWait(driver, timeout).until(condition)


def wait_for_url(driver, fragment, timeout=10):
    """Waits for a page whose URL contains `fragment`; False when none came."""
    try:
        wait_until(driver, lambda d: fragment in d.current_url
                   and d.execute_script("return document.readyState") == "complete", timeout)
        return True
    except TimeoutException:
        return False


def query_of(url):
    return urllib.parse.parse_qs(urllib.parse.urlparse(url).query)


def h1_text(driver):
    headings = driver.find_elements(By.TAG_NAME, "h1")
    return headings[0].text.strip() if headings else ""


def result_titles(driver):
    return [link.text.strip() for link in
            driver.find_elements(By.CSS_SELECTOR, "ol.results > li.result h2 > a")]


def tuesday_box(driver):
    return driver.find_element(By.CSS_SELECTOR, "input[name=day][value=tue]")


def filters_not_shown(driver):
    """The `name=value` pairs of the URL that the search form does not show as chosen."""
    pairs = [[name, value] for name, values in query_of(driver.current_url).items()
             for value in values if value]
    return driver.execute_script("""
        const form = document.querySelector('form.search');
        if (!form) return [];
        return arguments[0].filter(([name, value]) => {
            const controls = [...form.elements].filter(e => e.name === name && e.type !== 'hidden');
            if (controls.length === 0) return false;
            if (controls[0].type === 'checkbox' || controls[0].type === 'radio')
                return !controls.some(e => e.value === value && e.checked);
            return !controls.some(e => e.value === value);
        }).map(([name, value]) => name + '=' + value);
    """, pairs)


def check_filters_shown(driver, report, label):
    """A results page shows the search it answers: every filter in the URL is ticked or selected."""
    missing = filters_not_shown(driver)
    report.check(not missing, f"{label}: the form shows every filter of the URL as chosen",
                 f"not shown as chosen: {', '.join(missing)}")


# ---------------------------------------------------------------------------
# Keyboard


def press(driver, *keys):
    """Presses keys as a person would: they go to whatever has focus."""
    ActionChains(driver).send_keys(*keys).perform()


def shift_tab(driver):
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()


def focused(driver):
    """What has focus, as a small dictionary."""
    return driver.execute_script("""
        const e = document.activeElement;
        if (!e) return {tag: ''};
        const r = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '',
                type: (e.getAttribute('type') || '').toLowerCase(), value: e.value || '',
                text: (e.innerText || '').trim().slice(0, 80), cls: e.className || '',
                href: e.getAttribute('href') || '', checked: !!e.checked,
                inForm: !!(e.closest && e.closest('form.search')),
                rect: {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                       width: r.width, height: r.height},
                viewport: {width: innerWidth, height: innerHeight},
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                shadow: s.boxShadow !== 'none'};
    """)


def describe(element):
    if not element.get("tag"):
        return "nothing"
    label = element.get("text") or element.get("name") or element.get("id") or element.get("href")
    return f"<{element['tag']}> {label!r}"


def tab_to(driver, wanted, limit=100):
    """Presses TAB until `wanted(focused)` holds; returns (presses, element) or (None, path)."""
    path = []
    for count in range(1, limit + 1):
        press(driver, Keys.TAB)
        element = focused(driver)
        if wanted(element):
            return count, element
        path.append(describe(element))
    return None, path


def on_screen(element):
    rect, viewport = element["rect"], element["viewport"]
    return (rect["width"] > 0 and rect["height"] > 0 and rect["left"] >= 0 and rect["top"] >= 0
            and rect["right"] <= viewport["width"] and rect["bottom"] <= viewport["height"])


def focus_is_shown(element):
    return element["outline"] or element["shadow"]


def check_skip_link(driver, report, page):
    """The first TAB on a freshly loaded page reaches a visible skip link."""
    press(driver, Keys.TAB)
    element = focused(driver)
    is_skip = element["tag"] == "a" and element["text"] == "Skip to main content"
    if not report.check(is_skip, f"{page}: first TAB focuses the skip link",
                        f"it focused {describe(element)}"):
        return
    report.check(on_screen(element), f"{page}: the focused skip link is on screen",
                 f"its box is {element['rect']}")
    report.check(focus_is_shown(element), f"{page}: the focused skip link shows a focus outline")


def follow_skip_link(driver, report, page):
    press(driver, Keys.ENTER)
    element = focused(driver)
    report.check(element["tag"] == "main", f"{page}: ENTER on the skip link moves focus to <main>",
                 f"focus is on {describe(element)}")


def check_focus_shown(report, page, element):
    report.check(focus_is_shown(element), f"{page}: {describe(element)} shows a focus outline")


# ---------------------------------------------------------------------------
# 1. Pointer flow on a phone


def pointer_flow(driver, base, report):
    set_viewport(driver, PHONE)
    flow = f"pointer flow {size_name(PHONE)}"
    open_page(driver, base + "/")
    report.check(driver.find_element(By.ID, "use-location").is_displayed(),
                 f"{flow}: with JavaScript, the 'Use my location' button is shown")
    place = driver.find_element(By.ID, "place")
    place.click()
    place.send_keys("Sheffield")
    driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    if not report.check(wait_for_url(driver, "/search"), f"{flow}: the search opens the results page",
                        driver.current_url):
        return
    titles = result_titles(driver)
    report.check(len(titles) >= 1, f"{flow}: results for Sheffield list {len(titles)} group(s)")
    report.check(SHEFFIELD_CENTRAL in titles, f"{flow}: results include {SHEFFIELD_CENTRAL!r}",
                 f"titles: {titles}")

    details = driver.find_element(By.CSS_SELECTOR, "details.filters")
    details.find_element(By.TAG_NAME, "summary").click()
    report.check(details.get_attribute("open") is not None, f"{flow}: tapping Filters opens them")
    tuesday_box(driver).click()
    report.check(tuesday_box(driver).is_selected(), f"{flow}: Tuesday is ticked")
    driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    report.check(wait_for_url(driver, "day=tue"), f"{flow}: the URL has day=tue", driver.current_url)
    report.check(tuesday_box(driver).is_selected(), f"{flow}: the Tuesday results show Tuesday ticked")
    titles = result_titles(driver)
    report.check(SHEFFIELD_CENTRAL in titles,
                 f"{flow}: Tuesday results still include {SHEFFIELD_CENTRAL!r}", f"titles: {titles}")

    links = driver.find_elements(By.LINK_TEXT, SHEFFIELD_CENTRAL)
    if not report.check(bool(links), f"{flow}: the result links to its group page"):
        return
    links[0].click()
    report.check(wait_for_url(driver, "/groups/"), f"{flow}: the link opens the group page",
                 driver.current_url)
    report.check(h1_text(driver) == SHEFFIELD_CENTRAL, f"{flow}: the group page's h1 is the group's title",
                 f"h1 is {h1_text(driver)!r}")

    driver.back()
    report.check(wait_for_url(driver, "day=tue"), f"{flow}: back returns to the Tuesday results",
                 driver.current_url)
    report.check(tuesday_box(driver).is_selected(), f"{flow}: after back, Tuesday is still ticked")


def first_screen(driver, base, report):
    """On a phone, every group page shows its next meeting and its contact in the first screen, unscrolled."""
    set_viewport(driver, PHONE)
    for group_id, title in groups_from_api(base, report):
        open_page(driver, base + "/groups/" + group_id)
        bottoms = driver.execute_script("""
            const height = window.innerHeight;
            const part = name => [...document.querySelectorAll('.glance dt')].find(dt => dt.textContent === name);
            const bottom = name => { const dt = part(name); return dt ? dt.nextElementSibling.getBoundingClientRect().bottom : null; };
            return {height: height, next: bottom('Next meeting'), contact: bottom('Contact'), scrolled: window.scrollY};
        """)
        for name in ("next", "contact"):
            value = bottoms[name]
            report.check(value is not None and value <= bottoms["height"] and bottoms["scrolled"] == 0,
                         f"first screen {size_name(PHONE)}: {title}: the {'next meeting' if name == 'next' else 'contact'} is in the first screen",
                         f"its bottom is at {value} px of {bottoms['height']}")


# ---------------------------------------------------------------------------
# 2. Keyboard flow on a desktop


def is_place_input(element):
    return element["tag"] == "input" and element["id"] == "place"


def is_filters_summary(element):
    return element["tag"] == "summary" and element["text"].startswith("Filters")


def is_tuesday(element):
    return element["tag"] == "input" and element["name"] == "day" and element["value"] == "tue"


def is_search_button(element):
    return element["tag"] == "button" and element["type"] == "submit" and element["inForm"]


def is_group_link(element):
    return element["tag"] == "a" and element["href"].startswith("/groups/")


def keyboard_flow(driver, base, report):
    set_viewport(driver, DESKTOP)
    flow = f"keyboard flow {size_name(DESKTOP)}"
    open_page(driver, base + "/")
    report.check(focused(driver)["tag"] == "body", f"{flow}: focus starts on the page (body)")
    check_skip_link(driver, report, f"{flow}, home")

    if not keyboard_step(driver, report, flow, is_place_input, "the place box"):
        return
    shift_tab(driver)
    before = focused(driver)
    press(driver, Keys.TAB)
    report.check(not is_place_input(before) and is_place_input(focused(driver)),
                 f"{flow}: SHIFT+TAB leaves the place box and TAB comes back to it",
                 f"SHIFT+TAB went to {describe(before)}")
    press(driver, "Sheffield", Keys.ENTER)
    if not report.check(wait_for_url(driver, "/search"), f"{flow}: ENTER in the place box searches",
                        driver.current_url):
        return
    report.check(SHEFFIELD_CENTRAL in result_titles(driver),
                 f"{flow}: results include {SHEFFIELD_CENTRAL!r}")
    check_skip_link(driver, report, f"{flow}, results")
    follow_skip_link(driver, report, f"{flow}, results")

    if not keyboard_step(driver, report, flow, is_filters_summary, "the Filters summary"):
        return
    press(driver, Keys.ENTER)
    details = driver.find_element(By.CSS_SELECTOR, "details.filters")
    report.check(details.get_attribute("open") is not None, f"{flow}: ENTER on Filters opens them")
    if not keyboard_step(driver, report, flow, is_tuesday, "the Tuesday box"):
        return
    press(driver, Keys.SPACE)
    report.check(focused(driver)["checked"], f"{flow}: SPACE ticks Tuesday")
    if not keyboard_step(driver, report, flow, is_search_button, "the Search button"):
        return
    press(driver, Keys.ENTER)
    report.check(wait_for_url(driver, "day=tue"), f"{flow}: ENTER on Search gives a URL with day=tue",
                 driver.current_url)
    report.check(tuesday_box(driver).is_selected(), f"{flow}: the Tuesday results show Tuesday ticked")
    report.check(SHEFFIELD_CENTRAL in result_titles(driver),
                 f"{flow}: Tuesday results include {SHEFFIELD_CENTRAL!r}")

    found = keyboard_step(driver, report, flow, is_group_link, "the first result link", limit=120)
    if not found:
        return
    report.check(found["text"] == SHEFFIELD_CENTRAL, f"{flow}: the first result link is {SHEFFIELD_CENTRAL!r}",
                 f"it is {found['text']!r}")
    press(driver, Keys.ENTER)
    report.check(wait_for_url(driver, "/groups/"), f"{flow}: ENTER on the result opens the group page",
                 driver.current_url)
    report.check(h1_text(driver) == found["text"], f"{flow}: the group page's h1 is the group's title",
                 f"h1 is {h1_text(driver)!r}")
    go_back_by_keyboard(driver, report, flow)
    report.check(tuesday_box(driver).is_selected(), f"{flow}: after going back, Tuesday is still ticked")


def keyboard_step(driver, report, flow, wanted, name, limit=100):
    """TABs to `name`; checks it is reached and shows focus. Returns the focused element or None."""
    count, found = tab_to(driver, wanted, limit)
    if count is None:
        report.fail(f"{flow}: TAB never reaches {name} (went through: {', '.join(found[:40])})")
        return None
    report.ok(f"{flow}: TAB reaches {name} ({count} press{'es' if count > 1 else ''})")
    check_focus_shown(report, flow, found)
    return found


def go_back_by_keyboard(driver, report, flow):
    """ALT+LEFT where the browser honours it; headless Chromium may not, then driver.back()."""
    ActionChains(driver).key_down(Keys.ALT).send_keys(Keys.ARROW_LEFT).key_up(Keys.ALT).perform()
    if wait_for_url(driver, "/search", timeout=3):
        report.ok(f"{flow}: ALT+LEFT goes back to the results")
        return
    report.note(f"{flow}: ALT+LEFT did not go back in headless Chromium; used driver.back() instead")
    driver.back()
    report.check(wait_for_url(driver, "/search"), f"{flow}: back returns to the results", driver.current_url)


# ---------------------------------------------------------------------------
# 3-5. Every page at both sizes


def pages_to_check(base, report):
    """(name, path, expected HTTP status) of every page the sweep visits."""
    pages = [
        ("home", "/", 200),
        ("search-sheffield", "/search?place=Sheffield", 200),
        ("search-sheffield-tue-afternoon", "/search?place=Sheffield&day=tue&time=afternoon", 200),
        ("search-springfield", "/search?place=Springfield", 200),
        ("search-springfield-nearest", "/search?place=Springfield%2C+Illinois%2C+US", 200),
        ("search-bad-lat", "/search?lat=bad", 400),
        ("group-sheffield-central", "/groups/" + SHEFFIELD_CENTRAL_ID, 200),
        ("flyer-sheffield-central", "/groups/" + SHEFFIELD_CENTRAL_ID + "/flyer", 200),
    ]
    for group_id, title in groups_from_api(base, report):
        if group_id != SHEFFIELD_CENTRAL_ID:
            pages.append(("group-" + slug(title), "/groups/" + group_id, 200))
    for network in networks_from_home(base, report):
        pages.append(("network-" + network, "/n/" + network, 200))
        pages.append(("embed-" + network, "/embed/n/" + network + "?place=Sheffield", 200))
        try:
            with urllib.request.urlopen(base + "/n/" + network + "/compliance", timeout=10):
                pages.append(("compliance-" + network, "/n/" + network + "/compliance", 200))
        except Exception:  # noqa: BLE001 - a dashboard that is not public is not swept
            pass
    pages.append(("about", "/about", 200))
    return pages


def networks_from_home(base, report):
    """The network pages the home page links to (the demo's /n/uk-ireland, the tests' /n/all)."""
    try:
        with urllib.request.urlopen(base + "/", timeout=15) as response:
            html = response.read().decode("utf-8")
    except Exception as error:  # noqa: BLE001 - reported as a failed check
        report.fail(f"the home page lists its networks: {error}")
        return []
    return sorted(set(re.findall(r'href="/n/([a-z0-9-]+)"', html)))[:2]


def groups_from_api(base, report):
    try:
        with urllib.request.urlopen(base + "/api/v1/search?limit=100", timeout=15) as response:
            hits = json.load(response).get("hits", [])
    except (OSError, ValueError) as error:
        report.fail(f"the JSON API lists the groups ({first_line(error)})")
        return []
    report.check(len(hits) > 0, f"the JSON API lists {len(hits)} group(s)")
    return [(hit["groupId"], hit.get("title", hit["groupId"])) for hit in hits]


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def page_sweep(driver, base, axe_script, axe_tags, shots, report):
    pages = pages_to_check(base, report)
    withheld = set()
    for size in SIZES:
        set_viewport(driver, size)
        for name, path, status in pages:
            label = f"{name} {size_name(size)}"
            try:
                open_page(driver, base + path)
                check_page(driver, base, report, label, status)
                if path.startswith("/search"):
                    check_filters_shown(driver, report, label)
                take_screenshot(driver, os.path.join(shots, f"{name}-{size_name(size)}.png"), report, label)
                run_axe(driver, axe_script, axe_tags, report, label)
                check_skip_link(driver, report, label)
                if WITHHELD_PLACE_TEXT in driver.find_element(By.TAG_NAME, "main").text:
                    withheld.add(name)
            except WebDriverException as error:
                report.fail(f"{label}: {first_line(error.msg or error)}")
    report.check(bool(withheld), "a group page with a withheld meeting place was checked",
                 "no group page says the group gives the exact place on request")
    if withheld:
        report.note(f"group pages with a withheld place: {', '.join(sorted(withheld))}")


def check_page(driver, base, report, label, status):
    facts = driver.execute_script("""
        const navigation = performance.getEntriesByType('navigation')[0];
        return {cookie: document.cookie, lang: document.documentElement.lang,
                status: navigation ? navigation.responseStatus : null,
                resources: performance.getEntriesByType('resource').map(e => e.name),
                pageWidth: document.documentElement.scrollWidth, viewWidth: innerWidth,
                wide: [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                      .slice(0, 3).map(e => e.tagName.toLowerCase()
                                        + (e.id ? '#' + e.id : '')
                                        + (e.className ? '.' + String(e.className).split(' ')[0] : ''))};
    """)
    cookies = facts["cookie"] or driver.get_cookies()
    report.check(not cookies, f"{label}: no cookies", f"cookies: {cookies}")
    report.check(bool(facts["lang"]), f"{label}: <html lang> is {facts['lang']!r}")
    if facts["status"]:
        report.check(facts["status"] == status, f"{label}: HTTP status {facts['status']}",
                     f"expected {status}")
    origin = origin_of(base)
    foreign = [name for name in facts["resources"] if not name.startswith(origin + "/")]
    report.check(not foreign, f"{label}: all {len(facts['resources'])} resource(s) come from {origin}",
                 f"other hosts: {foreign}")
    report.check(facts["pageWidth"] <= facts["viewWidth"], f"{label}: no sideways scrolling",
                 f"page is {facts['pageWidth']}px wide in a {facts['viewWidth']}px viewport; "
                 f"wide elements: {facts['wide']}")


def origin_of(url):
    parts = urllib.parse.urlparse(url)
    return f"{parts.scheme}://{parts.netloc}"


def take_screenshot(driver, path, report, label):
    """A full-page PNG through the DevTools protocol; the viewport only if that fails."""
    try:
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        content = metrics.get("cssContentSize") or metrics["contentSize"]
        viewport = metrics.get("cssLayoutViewport") or metrics["layoutViewport"]
        clip = {"x": 0, "y": 0, "scale": 1, "width": viewport["clientWidth"],
                "height": max(content["height"], viewport["clientHeight"])}
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "clip": clip})
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))
    except (WebDriverException, KeyError) as error:
        report.note(f"{label}: full-page screenshot failed ({first_line(error)}); saving the viewport")
        driver.save_screenshot(path)
    report.check(os.path.getsize(path) > 0, f"{label}: screenshot {os.path.basename(path)}")


# ---------------------------------------------------------------------------
# axe-core


def find_axe_script(explicit):
    """The newest axe-core script at hand: --axe, axe-playwright-python, axe-selenium-python."""
    candidates = [explicit] if explicit else []
    for package, relative in (("axe_playwright_python", "axe.min.js"),
                              ("axe_selenium_python", os.path.join("node_modules", "axe-core", "axe.min.js"))):
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            candidates.append(os.path.join(list(spec.submodule_search_locations)[0], relative))
    for candidate in candidates:
        if candidate and os.path.isfile(candidate):
            return candidate
    return None


def read_axe_script(explicit):
    """(path, script) of the axe-core at hand, or (None, None) after saying what is missing."""
    path = find_axe_script(explicit)
    if not path:
        print("error: no axe-core script: pass --axe FILE or install axe-playwright-python")
        return None, None
    with open(path, encoding="utf-8") as file:
        return path, file.read()


def known_axe_tags(driver, axe_script):
    """The tags of AXE_TAGS that this axe-core has rules for (axe 3.x has no wcag21a or wcag22aa)."""
    open_page(driver, "about:blank")
    driver.execute_script(axe_script)
    return driver.execute_script(
        "return arguments[0].filter(tag => axe.getRules([tag]).length > 0);", AXE_TAGS)


def run_axe(driver, axe_script, tags, report, label):
    if not driver.execute_script("return typeof axe === 'object'"):
        driver.execute_script(axe_script)
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(done, e => done({error: String(e)}));", options)
    if "error" in results:
        report.fail(f"{label}: axe-core did not run ({results['error']})")
        return
    failing = 0
    for violation in results["violations"]:
        impact = violation.get("impact") or "unknown"
        targets = [node["target"] for node in violation["nodes"]]
        line = (f"{label}: axe {violation['id']} ({impact}) on {len(targets)} element(s),"
                f" first {json.dumps(targets[0]) if targets else '-'}: {violation['help']}")
        if impact in AXE_FAILING_IMPACTS:
            failing += 1
            report.fail(line)
        else:
            report.note(line)
    if not failing:
        report.ok(f"{label}: axe-core finds no serious or critical violation")


# ---------------------------------------------------------------------------
# 6. Without JavaScript


def no_script_flow(base, report):
    flow = "without JavaScript"
    driver = start_browser(javascript=False)
    try:
        set_viewport(driver, PHONE)
        open_page(driver, base + "/")
        report.check(not driver.find_element(By.ID, "use-location").is_displayed(),
                     f"{flow}: JavaScript is off (the 'Use my location' button stays hidden)")
        driver.find_element(By.ID, "place").send_keys("Sheffield")
        driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
        if not report.check(wait_for_url(driver, "/search"), f"{flow}: the search opens the results page",
                            driver.current_url):
            return
        titles = result_titles(driver)
        report.check(SHEFFIELD_CENTRAL in titles, f"{flow}: results for Sheffield include {SHEFFIELD_CENTRAL!r}",
                     f"titles: {titles}")
        report.check("tz" not in query_of(driver.current_url),
                     f"{flow}: the search sent no time zone (nothing filled it in)")
        driver.find_element(By.CSS_SELECTOR, "details.filters summary").click()
        tuesday_box(driver).click()
        driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
        report.check(wait_for_url(driver, "day=tue") and SHEFFIELD_CENTRAL in result_titles(driver),
                     f"{flow}: the Tuesday filter works")
        driver.find_element(By.LINK_TEXT, SHEFFIELD_CENTRAL).click()
        report.check(wait_for_url(driver, "/groups/") and h1_text(driver) == SHEFFIELD_CENTRAL,
                     f"{flow}: the group page opens")
    finally:
        stop_browser(driver)


# ---------------------------------------------------------------------------


def run_step(report, name, step, *arguments):
    """Runs one flow; an unexpected browser error fails that flow, not the whole run."""
    try:
        step(*arguments)
    except (WebDriverException, TimeoutException) as error:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if "selenium" not in frame.filename]
        where = f" (at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno} {frames[-1].line})" if frames else ""
        report.fail(f"{name} stopped: {first_line(getattr(error, 'msg', None) or error)}{where}")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--screenshots", required=True, help="folder for the PNG screenshots")
    parser.add_argument("--axe", help="an axe-core script (axe.min.js); default: one from a Python package")
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    base = arguments.base.rstrip("/")
    shots = os.path.abspath(arguments.screenshots)
    os.makedirs(shots, exist_ok=True)
    report = Report()

    axe_path, axe_script = read_axe_script(arguments.axe)
    if not axe_script:
        return 2

    try:
        driver = start_browser()
    except BrowserStartError as error:
        print(f"error: the browser cannot start: {error}")
        return 2
    try:
        axe_tags = known_axe_tags(driver, axe_script)
        version = driver.execute_script("return axe.version")
        report.note(f"Chromium {driver.capabilities.get('browserVersion')}, axe-core {version} ({axe_path})")
        missing = [tag for tag in AXE_TAGS if tag not in axe_tags]
        if missing:
            report.note(f"this axe-core has no rules tagged {', '.join(missing)}: install axe-playwright-python "
                        "(pip install --no-deps) or pass --axe with an axe-core 4.x script")
        run_step(report, "pointer flow", pointer_flow, driver, base, report)
        run_step(report, "first screen", first_screen, driver, base, report)
        run_step(report, "keyboard flow", keyboard_flow, driver, base, report)
        run_step(report, "page sweep", page_sweep, driver, base, axe_script, axe_tags, shots, report)
    finally:
        stop_browser(driver)
    try:
        run_step(report, "no-JavaScript flow", no_script_flow, base, report)
    except BrowserStartError as error:
        report.fail(f"without JavaScript: the browser cannot start: {error}")

    print(f"{report.passes} passed, {report.failures} failed")
    print(f"screenshots: {shots}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
