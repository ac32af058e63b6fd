#!/usr/bin/env python3
"""Browser checks of the Chorus directory in other languages, as a visitor would use it.

Run against a server that holds the sample data and offers the pseudo-locales (for example
`chorus demo` with `chorus serve --pseudo-locales`):

    python3 Tests/Browser/language_flow.py --base http://127.0.0.1:8080 --screenshots /tmp/chorus-shots

It drives headless Chromium through Selenium and checks, in Spanish and in Arabic (right to left):
  1. the search flow by keyboard only on a phone-sized screen: TAB to the place box, type, ENTER, TAB to the first
     result, ENTER; the language stays in every address on the way;
  2. axe-core (WCAG 2.x A/AA and 2.2 AA rules) on the home, results and group pages: no serious or critical violation;
  3. <html lang> and dir, the language switch, no cookies, no sideways scrolling;
and in the pseudo-locales en-XA and ar-XB (every string accented and 40% longer) that no page scrolls sideways or
makes the phone zoom out at 390 px, with a screenshot of each; with --invite, the same for every console page.

Each check prints one line, `ok: ...` or `FAIL: ...`; `note:` lines only inform.
Exit status: 0 when every check passed, 1 when one failed, 2 when the browser cannot start.
"""

import argparse
import os
import sys

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import directory_flow as shared
from directory_flow import (PHONE, SHEFFIELD_CENTRAL, BrowserStartError, Report, check_page, h1_text, known_axe_tags,
                            open_page, press, result_titles, run_axe, run_step, set_viewport, start_browser, stop_browser,
                            tab_to, take_screenshot, wait_for_url)

LANGUAGES = {"es": ("ltr", "Buscar"), "ar": ("rtl", "بحث")}
PSEUDO = {"en-XA": "ltr", "ar-XB": "rtl"}


def page_facts(driver):
    return driver.execute_script("""
        return {lang: document.documentElement.lang, dir: document.documentElement.dir,
                switch: [...document.querySelectorAll('nav.languages a')].map(a => a.getAttribute('hreflang')),
                current: (document.querySelector('nav.languages a[aria-current]') || {}).textContent || ''};
    """)


def check_fits(driver, report, label):
    """A phone widens its layout viewport to fit content that cannot wrap; the page must fit the phone's own width."""
    width = driver.execute_script("return [innerWidth, document.documentElement.scrollWidth]")
    report.check(width[0] <= PHONE[0] and width[1] <= PHONE[0], f"{label}: fits {PHONE[0]} px without zooming out",
                 f"the layout is {width[1]} px wide, in a viewport of {width[0]} px")


def check_language(driver, report, label, language, direction):
    facts = page_facts(driver)
    report.check(facts["lang"] == language and facts["dir"] == direction,
                 f"{label}: <html lang={language!r} dir={direction!r}>", f"it is lang={facts['lang']!r} dir={facts['dir']!r}")
    report.check(len(facts["switch"]) >= 2 and language in facts["switch"],
                 f"{label}: the language switch offers {', '.join(facts['switch'])}", "no language switch")


def keyboard_search(driver, base, report, language, axe_script, axe_tags, shots):
    direction, search_word = LANGUAGES[language]
    flow = f"{language} keyboard flow {shared.size_name(PHONE)}"
    set_viewport(driver, PHONE)
    open_page(driver, f"{base}/{language}/")
    check_page(driver, base, report, f"{flow}, home", 200)
    check_fits(driver, report, f"{flow}, home")
    check_language(driver, report, f"{flow}, home", language, direction)
    button = driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").text
    report.check(button == search_word, f"{flow}: the search button says {search_word!r}", f"it says {button!r}")
    take_screenshot(driver, os.path.join(shots, f"{language}-home.png"), report, f"{flow}, home")
    run_axe(driver, axe_script, axe_tags, report, f"{flow}, home")

    presses, element = tab_to(driver, shared.is_place_input)
    if not report.check(presses is not None, f"{flow}: TAB reaches the place box", f"TAB went {element}"):
        return
    press(driver, "Sheffield", Keys.ENTER)
    if not report.check(wait_for_url(driver, f"/{language}/search"), f"{flow}: ENTER searches, in {language}", driver.current_url):
        return
    check_page(driver, base, report, f"{flow}, results", 200)
    check_fits(driver, report, f"{flow}, results")
    check_language(driver, report, f"{flow}, results", language, direction)
    report.check(SHEFFIELD_CENTRAL in result_titles(driver), f"{flow}: results include {SHEFFIELD_CENTRAL!r}")
    take_screenshot(driver, os.path.join(shots, f"{language}-results.png"), report, f"{flow}, results")
    run_axe(driver, axe_script, axe_tags, report, f"{flow}, results")

    presses, element = tab_to(driver, lambda e: e["tag"] == "a" and e["href"].startswith(f"/{language}/groups/"), limit=150)
    if not report.check(presses is not None, f"{flow}: TAB reaches the first result, linked in {language}",
                        f"TAB went {element[-3:] if isinstance(element, list) else element}"):
        return
    press(driver, Keys.ENTER)
    if not report.check(wait_for_url(driver, f"/{language}/groups/"), f"{flow}: ENTER opens the group page", driver.current_url):
        return
    check_page(driver, base, report, f"{flow}, group", 200)
    check_fits(driver, report, f"{flow}, group")
    check_language(driver, report, f"{flow}, group", language, direction)
    report.check(h1_text(driver) == SHEFFIELD_CENTRAL, f"{flow}: the group's own name is unchanged", h1_text(driver))
    group_lang = driver.execute_script("return document.querySelector('article').getAttribute('lang')")
    report.check((group_lang or "").startswith("en"), f"{flow}: the group's own words are marked lang={group_lang!r}")
    take_screenshot(driver, os.path.join(shots, f"{language}-group.png"), report, f"{flow}, group")
    run_axe(driver, axe_script, axe_tags, report, f"{flow}, group")


def pseudo_sweep(driver, base, report, shots):
    set_viewport(driver, PHONE)
    open_page(driver, f"{base}/search?place=Sheffield")
    group = driver.find_element(By.CSS_SELECTOR, "ol.results h2 a").get_attribute("href").split(base, 1)[-1]
    for tag, direction in PSEUDO.items():
        for name, path in (("home", "/"), ("results", "/search?place=Sheffield"), ("filters", "/search?place=Sheffield&day=tue"),
                           ("online", "/search?mode=online"), ("group", group), ("about", "/about"), ("network", "/n/all"),
                           ("report", group + "/report"), ("flyer", group + "/flyer")):
            label = f"{tag} {name} {shared.size_name(PHONE)}"
            try:
                open_page(driver, f"{base}/{tag}{path}")
                if name == "filters":
                    driver.find_element(By.CSS_SELECTOR, "details.filters summary").click()
                check_page(driver, base, report, label, 200)
                check_fits(driver, report, label)
                report.check(page_facts(driver)["dir"] == direction, f"{label}: dir={direction}")
                take_screenshot(driver, os.path.join(shots, f"{tag}-{name}.png"), report, label)
            except WebDriverException as error:
                report.fail(f"{label}: {shared.first_line(error.msg or error)}")


def console_sweep(driver, base, report, shots, invite, network):
    """Joins the network by the invite, in ar-XB, then opens every console page in both pseudo-locales at 390 px."""
    set_viewport(driver, PHONE)
    open_page(driver, f"{base}/ar-XB/console/invite/{invite}")
    for field, value in (("name", "Sam"), ("login", "sam"), ("passphrase", "a long volunteer passphrase"),
                         ("again", "a long volunteer passphrase")):
        driver.find_element(By.ID, field).send_keys(value)
    driver.find_element(By.CSS_SELECTOR, "form[action*='/console/invite/'] button[type=submit]").click()
    if not report.check(wait_for_url(driver, "/ar-XB/console/n/"), "console: joining keeps the chosen language", driver.current_url):
        return
    for tag, direction in PSEUDO.items():
        for page in ("", "/groups", f"/groups/{shared.SHEFFIELD_CENTRAL_ID}", "/enrol", "/people", "/audit", "/reports",
                     "/settings", "/charter", "/charter/edit", "/registries"):
            label = f"{tag} console{page or ' overview'} {shared.size_name(PHONE)}"
            try:
                open_page(driver, f"{base}/{tag}/console/n/{network}{page}")
                report.check(page_facts(driver)["dir"] == direction, f"{label}: dir={direction}")
                status = driver.execute_script("const n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : null")
                report.check(status in (200, None), f"{label}: HTTP status {status}")
                check_fits(driver, report, label)
                if page in ("", f"/groups/{shared.SHEFFIELD_CENTRAL_ID}"):
                    take_screenshot(driver, os.path.join(shots, f"{tag}-console{page.replace('/', '-')[:20]}.png"), report, label)
            except WebDriverException as error:
                report.fail(f"{label}: {shared.first_line(error.msg or error)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--axe")
    parser.add_argument("--invite", help="an invite token of --network, to sweep its console pages too")
    parser.add_argument("--network", default="all")
    arguments = parser.parse_args()
    base = arguments.base.rstrip("/")
    shots = os.path.abspath(arguments.screenshots)
    os.makedirs(shots, exist_ok=True)
    report = Report()
    _, axe_script = shared.read_axe_script(arguments.axe)
    if not axe_script:
        return 2
    try:
        driver = start_browser()
    except BrowserStartError as error:
        print(f"error: the browser cannot start: {error}")
        return 2
    try:
        axe_tags = known_axe_tags(driver, axe_script)
        for language in LANGUAGES:
            run_step(report, f"{language} keyboard flow", keyboard_search, driver, base, report, language, axe_script, axe_tags, shots)
        run_step(report, "pseudo-locale sweep", pseudo_sweep, driver, base, report, shots)
        if arguments.invite:
            run_step(report, "console sweep", console_sweep, driver, base, report, shots, arguments.invite, arguments.network)
    finally:
        stop_browser(driver)
    print(f"{report.passes} passed, {report.failures} failed")
    print(f"screenshots: {shots}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
