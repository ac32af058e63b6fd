#!/usr/bin/env python3
"""A network's volunteer works through the console in headless Chromium, once with the pointer and once by keyboard only.

Usage:
    python3 Tests/Browser/console_flow.py --base URL --invite URL --feed URL --key KEY --charter FILE \
        --keyboard-invite URL --keyboard-feed URL --keyboard-key KEY --keyboard-charter FILE --screenshots DIR [--axe FILE]

Each flow: open the invite link, choose a name and passphrase, arrive signed in; enrol a sample group by its feed
address and key; approve it; as a visitor, report a problem with its public listing; answer the report in the
console's inbox with a note; paste a charter, see which groups it would change, apply it; suspend the group with a reason; sign out, and find the console asks for a sign-in
again. Every console page the flow meets is checked with axe-core (no serious or critical violation) at 390 px and
1280 px wide, and screenshotted. The keyboard flow reaches every field and button with TAB and uses only keys.
One line per check (`ok: ...`, `FAIL: ...`, `note: ...`); exit status 0 when all passed, 1 when one failed, 2 when
the browser or axe-core is missing.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import directory_flow as shared  # noqa: E402  (the directory sweep's browser, keyboard and axe helpers)

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402

PASSPHRASE = "river otter lantern morning"


class Flow:
    """One volunteer's way through the console, by pointer or by keys."""

    def __init__(self, driver, base, report, keyboard, axe_script, axe_tags, shots):
        self.driver = driver
        self.base = base
        self.report = report
        self.keyboard = keyboard
        self.axe_script = axe_script
        self.axe_tags = axe_tags
        self.shots = shots
        self.name = "keyboard" if keyboard else "pointer"

    # Moving about

    def fill(self, selector, text):
        """Types into a field: clicked, or reached with TAB."""
        if self.keyboard:
            presses, element = shared.tab_to(self.driver, lambda e: self.matches(selector), limit=150)
            if presses is None:
                raise AssertionError(f"TAB never reached {selector}: {element[-5:]}")
            ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.DELETE).perform()
            self.driver.switch_to.active_element.send_keys(text)
        else:
            field = self.driver.find_element(By.CSS_SELECTOR, selector)
            field.clear()
            field.send_keys(text)

    def wait_for_heading(self, words, timeout=10):
        """Waits for the next page's heading: a form's answer arrives after the click returns."""
        end = time.time() + timeout
        while time.time() < end:
            try:
                if words in shared.h1_text(self.driver):
                    return True
            except StaleElementReferenceException:
                pass
            time.sleep(0.1)
        return False

    def activate(self, selector):
        """Presses a button or link, ticks a box: a click, or TAB to it then SPACE or ENTER."""
        if self.keyboard:
            presses, element = shared.tab_to(self.driver, lambda e: self.matches(selector), limit=150)
            if presses is None:
                raise AssertionError(f"TAB never reached {selector}: {element[-5:]}")
            focused = shared.focused(self.driver)
            shared.press(self.driver, Keys.SPACE if focused.get("type") == "checkbox" else Keys.ENTER)
        else:
            self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def choose(self, name, value):
        """Chooses a radio button: a click, or TAB to the group then the arrow keys, as radio groups work."""
        wanted = f"input[name={name}][value={value}]"
        if not self.keyboard:
            self.driver.find_element(By.CSS_SELECTOR, wanted).click()
            return
        presses, element = shared.tab_to(self.driver, lambda e: self.matches(f"input[name={name}]"), limit=150)
        if presses is None:
            raise AssertionError(f"TAB never reached the {name} choices: {element[-5:]}")
        for _ in range(10):
            if self.matches(wanted):
                shared.press(self.driver, Keys.SPACE)
                return
            shared.press(self.driver, Keys.ARROW_DOWN)
        raise AssertionError(f"the arrow keys never reached {wanted}")

    def matches(self, selector):
        return self.driver.execute_script("return !!document.activeElement && document.activeElement.matches(arguments[0])", selector)

    def submit(self, selector):
        """Presses a form's submit button and waits until the next page has replaced this one."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.activate(selector)
        shared.wait_until(self.driver, expected_conditions.staleness_of(page), 30)

    def open(self, url):
        shared.open_page(self.driver, url if url.startswith("http") else self.base + url)

    def wait_for(self, fragment):
        return shared.wait_for_url(self.driver, fragment)

    def text(self):
        """The page's main text, once the page has finished loading."""
        # Between a form's submission and the next page there is a moment with no <main>, or a stale one.
        for _ in range(30):
            try:
                shared.wait_until(self.driver, lambda d: d.execute_script("return document.readyState") == "complete")
                return self.driver.find_element(By.TAG_NAME, "main").text
            except (StaleElementReferenceException, NoSuchElementException):
                time.sleep(0.1)
        return ""

    def check_page(self, label):
        """axe-core and a screenshot at both sizes, on the page as it is now."""
        for size in shared.SIZES:
            shared.set_viewport(self.driver, size)
            shared.run_axe(self.driver, self.axe_script, self.axe_tags, self.report, f"{self.name}: {label} at {shared.size_name(size)}")
            overflow = self.driver.execute_script("return document.documentElement.scrollWidth > innerWidth + 1")
            self.report.check(not overflow, f"{self.name}: {label} at {shared.size_name(size)} fits the width")
            path = os.path.join(self.shots, f"console-{self.name}-{shared.slug(label)}-{shared.size_name(size)}.png")
            shared.take_screenshot(self.driver, path, self.report, f"{self.name}: {label}")
        shared.set_viewport(self.driver, shared.DESKTOP)

    # The flow

    def run(self, invite, feed, key, charter):
        report, name = self.report, self.name
        self.open(invite)
        report.check("Join" in shared.h1_text(self.driver), f"{name}: the invite link opens the join page", shared.h1_text(self.driver))
        self.check_page("invite")
        self.fill("#name", f"Sam ({name})")
        self.fill("#login", f"sam-{name}")
        self.fill("#passphrase", PASSPHRASE)
        self.fill("#again", PASSPHRASE)
        self.activate("form[action^='/console/invite/'] button[type=submit]")
        if not report.check(self.wait_for("/console/n/"), f"{name}: choosing a passphrase signs in", self.driver.current_url):
            return
        report.check(f"Signed in as Sam ({name})" in self.text(), f"{name}: the overview names the person")
        report.check("Welcome" in self.text(), f"{name}: the overview welcomes the new person")
        network = self.driver.current_url.split("/console/n/")[1].split("?")[0].split("/")[0]
        self.check_page("overview")

        self.open(f"/console/n/{network}/enrol")
        self.check_page("enrol")
        self.fill("#feedURL", feed)
        self.fill("#publicKey", key)
        self.activate("form[action$='/enrol'] button[type=submit]")
        if not report.check(self.wait_for("said=enrolled"), f"{name}: enrolling by feed address and key opens the group", self.driver.current_url):
            return
        group_page = self.driver.current_url.split("?")[0]
        group_id = group_page.split("/groups/")[1]
        report.check("waiting for approval" in self.text(), f"{name}: the new group waits for approval")
        self.check_page("group")

        self.activate("form[action$='/approve'] input[name=confirm]")
        self.activate("form[action$='/approve'] button[type=submit]")
        report.check(self.wait_for("said=approved") and "The group is approved." in self.text(), f"{name}: approving says so")

        self.open(f"/groups/{group_id}")
        try:
            link = self.driver.find_element(By.LINK_TEXT, "Report a problem with this listing")
        except NoSuchElementException:
            report.fail(f"{name}: the public group page has a report link")
            return
        report.ok(f"{name}: the public group page has a report link")
        if self.keyboard:
            self.activate("a[href$='/report']")
        else:
            link.click()
        self.wait_for("/report")
        self.choose("kind", "wrong-time")
        self.fill("#text", f"It meets on Wednesdays now ({name}).")
        self.activate("form[action$='/report'] button[type=submit]")
        thanked = self.wait_for_heading("Thank you")
        report.check(thanked, f"{name}: a visitor's report is thanked", shared.h1_text(self.driver))

        self.open(f"/console/n/{network}/reports")
        report.check(f"It meets on Wednesdays now ({name})." in self.text(), f"{name}: the report is in the inbox")
        self.check_page("reports")
        form = self.driver.find_elements(By.CSS_SELECTOR, "form[action$='/done']")
        if not report.check(bool(form), f"{name}: the report can be marked done"):
            return
        note_id = form[0].find_element(By.CSS_SELECTOR, "input[name=note]").get_attribute("id")
        self.fill(f"#{note_id}", "Asked the group; the time is right in its next feed.")
        self.activate(f"form[action$='/done'] button[type=submit]")
        report.check(self.wait_for("said=report-done") and "Asked the group" in self.text(), f"{name}: the report is marked done with a note")

        self.open(f"/console/n/{network}/charter")
        self.check_page("charter")
        with open(charter, encoding="utf-8") as file:
            self.fill("#charter", file.read())
        if self.network_key:
            self.driver.find_element(By.ID, "network-key-file").send_keys(self.network_key)
            self.activate("#sign-charter")
            shared.wait_until(self.driver, lambda d: "Signed with key" in d.find_element(By.ID, "sign-status").text or "problem" in d.find_element(By.ID, "sign-status").get_attribute("innerHTML"), 90)
            said = self.driver.find_element(By.ID, "sign-status").text
            report.check("Signed with key" in said, f"{name}: the charter is signed in the browser with the network's key file", said)
        self.submit("form[action$='/charter/preview'] button[type=submit]")
        report.check("would do" in self.text(), f"{name}: pasting a charter shows what it would change before applying it")
        self.check_page("charter preview")
        self.activate("form[action$='/charter/apply'] input[name=confirm]")
        self.activate("form[action$='/charter/apply'] button[type=submit]")
        report.check(self.wait_for("said=charter") and "(in force)" in self.text(), f"{name}: applying the charter puts it in force")

        self.open(f"/console/n/{network}/charter/edit")
        report.check(shared.h1_text(self.driver) == "Write the charter", f"{name}: the charter form opens", shared.h1_text(self.driver))
        self.check_page("charter form")
        self.fill("#version", "2027.1")
        self.submit("form[action$='/charter/edit'] button[value=write]")
        written = self.driver.find_element(By.ID, "charter").get_attribute("value") if "written below" in self.text() else ""
        report.check('version="2027.1"' in written, f"{name}: writing the charter form puts the new document in the charter page's text area")
        if self.network_key:
            self.driver.find_element(By.ID, "network-key-file").send_keys(self.network_key)
            self.activate("#sign-charter")
            shared.wait_until(self.driver, lambda d: "Signed with key" in d.find_element(By.ID, "sign-status").text or "problem" in d.find_element(By.ID, "sign-status").get_attribute("innerHTML"), 90)
        signed = self.driver.find_element(By.ID, "sign-status").text if self.network_key else ""
        self.submit("form[action$='/charter/preview'] button[type=submit]")
        report.check("would do" in self.text(), f"{name}: the charter written in the form is previewed", f"signing said {signed!r}; the page says {self.text()[:300]!r}")
        self.activate("form[action$='/charter/apply'] input[name=confirm]")
        self.activate("form[action$='/charter/apply'] button[type=submit]")
        report.check(self.wait_for("said=charter") and "2027.1 (in force)" in self.text(), f"{name}: the charter written in the form is applied")

        self.open(group_page)
        self.fill("#suspend-reason", "Please check your meeting time")
        self.activate("form[action$='/suspend'] input[name=confirm]")
        self.activate("form[action$='/suspend'] button[type=submit]")
        report.check(self.wait_for("said=suspended") and "Please check your meeting time" in self.text(),
                     f"{name}: suspending with a reason shows the reason")

        self.open(f"/console/n/{network}/audit")
        report.check(f"Sam ({name})" in self.text() and "suspend" in self.text(), f"{name}: the audit log names the person and the action")
        self.check_page("audit log")
        for page in ("groups", "people", "settings", "registries"):
            self.open(f"/console/n/{network}/{page}")
            self.check_page(page)

        self.activate("form[action='/console/sign-out'] button[type=submit]")
        report.check(self.wait_for("/console/sign-in") and "You are signed out." in self.text(), f"{name}: signing out says so")
        self.check_page("sign-in")
        self.open(f"/console/n/{network}")
        report.check(self.wait_for("/console/sign-in"), f"{name}: after signing out the console asks for a sign-in")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True)
    for prefix in ("", "keyboard-"):
        parser.add_argument(f"--{prefix}invite", required=True)
        parser.add_argument(f"--{prefix}feed", required=True)
        parser.add_argument(f"--{prefix}key", required=True)
        parser.add_argument(f"--{prefix}charter", required=True, help="a charter document for the network")
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--network-key", help="a network's secret key file, to sign the charter in the browser")
    parser.add_argument("--axe")
    arguments = parser.parse_args()
    report = shared.Report()
    axe_path = shared.find_axe_script(arguments.axe)
    if not axe_path:
        print("error: no axe-core script: pass --axe FILE or install axe-playwright-python")
        return 2
    with open(axe_path, encoding="utf-8") as file:
        axe_script = file.read()
    shots = os.path.abspath(arguments.screenshots)
    os.makedirs(shots, exist_ok=True)
    base = arguments.base.rstrip("/")
    for keyboard, invite, feed, key, charter in (
            (False, arguments.invite, arguments.feed, arguments.key, arguments.charter),
            (True, arguments.keyboard_invite, arguments.keyboard_feed, arguments.keyboard_key, arguments.keyboard_charter)):
        try:
            driver = shared.start_browser()
        except shared.BrowserStartError as error:
            print(f"error: the browser cannot start: {error}")
            return 2
        try:
            tags = shared.known_axe_tags(driver, axe_script)
            flow = Flow(driver, base, report, keyboard, axe_script, tags, shots)
            flow.network_key = arguments.network_key
            shared.run_step(report, f"{flow.name} console flow", flow.run, invite, feed, key, charter)
        except AssertionError as error:
            report.fail(f"{'keyboard' if keyboard else 'pointer'} console flow: {error}")
        finally:
            shared.stop_browser(driver)
    print(f"{report.passes} passed, {report.failures} failed")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
