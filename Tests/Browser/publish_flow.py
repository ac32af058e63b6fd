#!/usr/bin/env python3
"""The browser publisher in real Chromium: a new group publishes from a phone and by keyboard alone.

Run by PublishBrowserTests against a `chorus` server with an open network (its charter lists a group that makes
every commitment) and an approval network. Checks, printing one line each:
  1. a new group fills the form at 390x844, makes a key with a passphrase, signs and publishes to the open
     network and is listed; the key file, public key, feed and signature are downloaded to --out/pointer;
  2. an update with the key kept in the browser, from the listing as published, with a cancelled date, raises
     seq and changes the group's page; on a fresh browser the key file and feed.xml open, and the key is changed
     by announcing the next key and then signing with it;
  3. a wrong passphrase is refused in one sentence; a key made by `minisign -G` opens (its id is shown);
  4. a second new group publishes to the approval network and is told it waits;
  5. the whole new-group flow by keyboard only at 1280x800, into the open network;
  6. axe-core on every step: no serious or critical violation.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import directory_flow as shared  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

PASSPHRASE = "correct horse battery"


class Flow:
    def __init__(self, driver, base, report, axe_script, tags, shots, name):
        self.driver, self.base, self.report = driver, base, report
        self.axe_script, self.tags, self.shots, self.name = axe_script, tags, shots, name
        self.shot = 0

    # ---- helpers ----
    def open(self, path):
        shared.open_page(self.driver, self.base + path)

    def element(self, element_id):
        return self.driver.find_element(By.ID, element_id)

    def text(self, element_id):
        return self.element(element_id).text

    def wait_text(self, element_id, words, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            if any(word in self.text(element_id) for word in words):
                return self.text(element_id)
            time.sleep(0.2)
        return self.text(element_id)

    def check_page(self, label):
        self.shot += 1
        self.driver.save_screenshot(os.path.join(self.shots, f"{self.name}-{self.shot:02d}-{label}.png"))
        shared.run_axe(self.driver, self.axe_script, self.tags, self.report, f"{self.name}: {label}")
        overflow = self.driver.execute_script("return document.documentElement.scrollWidth > innerWidth + 1")
        self.report.check(not overflow, f"{self.name}: {label}: nothing is wider than the window")

    def click(self, element):
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    def step_title(self):
        return self.driver.execute_script(
            "const s = Array.from(document.querySelectorAll('section.step')).find(e => !e.hidden);"
            "return s ? s.querySelector('h2').textContent : ''")

    def next(self):
        self.click(self.element("next"))
        time.sleep(0.3)

    def show_step(self, title):
        for _ in range(10):
            if self.step_title() == title:
                return True
            self.next()
        return False

    def download(self, link_id, folder):
        self.driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
        link = self.element(link_id)
        name = link.get_attribute("download")
        path = os.path.join(folder, name)
        if os.path.exists(path):
            os.remove(path)
        self.click(link)
        for _ in range(50):
            if os.path.exists(path) and os.path.getsize(path) > 0:
                return path
            time.sleep(0.1)
        self.report.fail(f"{self.name}: {name} was not downloaded")
        return path

    # ---- the pointer flow ----
    def fill_group(self, network, name, summary):
        Select(self.element("network")).select_by_value(network)
        self.element("name").send_keys(name)
        self.element("summary").send_keys(summary)

    def new_group(self, network, name, out, listed=True, passphrase=PASSPHRASE):
        self.open("/publish")
        self.check_page("start")
        self.click(self.driver.find_element(By.LINK_TEXT, "We are a new group"))
        shared.wait_for_url(self.driver, "/publish/new")
        self.report.check(self.step_title() == "Your group", f"{self.name}: the builder opens on its first step")
        self.check_page("group")
        self.fill_group(network, name, "A peer support group for people who hear voices. Tea and biscuits.")
        self.next()
        for box in self.driver.find_elements(By.CSS_SELECTOR, "input[name=commitments], input[name=groundRules]"):
            self.click(box)
        self.check_page("rules")
        self.next()
        self.element("venue.locality").send_keys("Sheffield")
        self.check_page("place")
        self.next()
        self.check_page("meetings")
        self.next()
        self.check_page("notices")
        self.next()
        self.element("contact").send_keys("mailto:group@example.org")
        self.check_page("people")
        self.next()
        said = self.wait_text("check", ["can be published", "need", "could not"])
        self.report.check("Your listing can be published." in said, f"{self.name}: the check says the listing can be published", said[:200])
        if listed:
            self.report.check("and would be listed" in said, f"{self.name}: the check says the charter would list the group", said[:300])
        self.check_page("check")
        self.next()
        if passphrase:
            self.element("key-passphrase").send_keys(passphrase)
            self.element("key-passphrase-again").send_keys(passphrase + "x")
            self.click(self.element("make-key"))
            self.report.check("not the same" in self.wait_text("key-status", ["not the same"], 5), f"{self.name}: two different passphrases are refused")
            self.element("key-passphrase-again").clear()
            self.element("key-passphrase-again").send_keys(passphrase)
        else:
            self.click(self.element("make-key"))
            warned = self.wait_text("key-status", ["Without a passphrase"], 5)
            self.report.check("anyone who finds the key file can publish as your group" in warned,
                              f"{self.name}: a key without a passphrase is warned about plainly first", warned)
        started = time.time()
        self.click(self.element("make-key"))
        status = self.wait_text("key-status", ["Your key is made", "could not"])
        self.report.check("Your key is made" in status, f"{self.name}: the key is made", status)
        self.report.check(self.driver.execute_script("return document.getElementById('key-status').querySelector('code') !== null"),
                          f"{self.name}: the public key is shown with its id")
        self.report.note(f"{self.name}: making and locking the key took {time.time() - started:.1f} s")
        self.check_page("key")
        os.makedirs(out, exist_ok=True)
        self.download("download-key", out)
        self.download("download-pub", out)
        self.next()
        self.check_page("publish")
        self.click(self.element("publish"))
        result = self.wait_text("publish-status", ["Published", "Nothing was published", "could not"])
        wanted = "Your group is listed now." if listed else "waiting for the network's volunteers"
        self.report.check(wanted in result, f"{self.name}: publishing says: {wanted}", result)
        if not listed and "fingerprint: " in result:
            self.report.note(f"{self.name}: the page gave the fingerprint {result.split('fingerprint: ')[1].split('.')[0]}")
        self.download("download-feed", out)
        self.download("download-signature", out)
        self.check_page("published")
        return result

    def see_group_page(self, name, words):
        self.click(self.driver.find_element(By.LINK_TEXT, "See your group's page"))
        time.sleep(0.5)
        heading = shared.h1_text(self.driver)
        self.report.check(heading == name, f"{self.name}: the group's page is listed under its name", heading)
        self.report.check(words in self.driver.find_element(By.TAG_NAME, "main").text, f"{self.name}: the group's page says '{words}'")

    def update_with_kept_key(self, name):
        """The two-step task: load the listing as published, change it, cancel one date, publish."""
        self.open("/publish/update")
        self.check_page("update-open")
        self.click(self.element("use-stored-key"))
        self.report.check("ready" in self.text("open-status"), f"{self.name}: the key kept in the browser is ready")
        self.click(self.element("load-published"))
        said = self.wait_text("load-status", ["is in the form", "could not", "does not"], 15)
        self.report.check(f"“{name}” is in the form" in said, f"{self.name}: the published listing loads from the registry into the form", said)
        self.next()
        summary = self.element("summary")
        self.report.check("Tea and biscuits" in summary.get_attribute("value"), f"{self.name}: the form holds the published summary")
        summary.clear()
        summary.send_keys("We now meet with a hearing loop and soft chairs.")
        self.report.check(self.show_step("Changes and cancellations"), f"{self.name}: the changes step is reached")
        self.click(self.element("add-notice"))
        date = self.driver.execute_script(
            "const d = new Date(); d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7) + 7); return d.toISOString().slice(0, 10)")
        self.driver.execute_script("document.getElementById('notice-template-1-date').value = arguments[0];"
                                   "document.getElementById('notice-template-1-date').dispatchEvent(new Event('change', {bubbles: true}))", date)
        self.element("notice-template-1-title").send_keys("No meeting that Monday")
        self.check_page("update-notice")
        self.show_step("Sign and publish")
        self.click(self.element("publish"))
        result = self.wait_text("publish-status", ["Published", "Nothing was published", "could not"])
        self.report.check("your listing is updated" in result, f"{self.name}: the update is published", result)
        self.see_group_page(name, "soft chairs")
        self.report.check("No meeting that Monday" in self.driver.find_element(By.TAG_NAME, "main").text,
                          f"{self.name}: the cancellation shows on the group's page")

    def fresh_device_update_and_key_change(self, folder, name):
        """Another browser with only the files: the key file and feed.xml; then a change to a new key."""
        self.open("/publish/update")
        self.report.check(self.element("stored-key-choice").get_attribute("hidden") is not None,
                          f"{self.name}: a fresh browser offers no kept key")
        self.element("update-key-file").send_keys(os.path.join(folder, "group.key"))
        self.element("update-key-passphrase").send_keys(PASSPHRASE)
        self.click(self.element("open-update-key"))
        said = self.wait_text("open-status", ["open (", "does not", "could not"], 30)
        self.report.check("Your key is open" in said, f"{self.name}: the saved key file opens with its passphrase", said)
        self.element("current-feed-file").send_keys(os.path.join(folder, "feed.xml"))
        said = self.wait_text("load-status", ["is in the form", "could not", "another group", "older"], 15)
        self.report.check("This file is older than your listing on this registry" in said,
                          f"{self.name}: a feed.xml older than the published listing is refused in one sentence", said)
        self.click(self.element("load-published"))
        said = self.wait_text("load-status", ["is in the form", "could not", "does not"], 15)
        self.report.check(f"“{name}” is in the form" in said, f"{self.name}: then the listing as published opens in the form", said)
        self.show_step("Change to a new key (only if you need to)")
        self.check_page("rotate")
        self.element("rotate-passphrase").send_keys("a brand new phrase")
        self.element("rotate-passphrase-again").send_keys("a brand new phrase")
        self.click(self.element("rotate-announce"))
        said = self.wait_text("rotate-status", ["is announced", "Nothing was published", "could not"])
        self.report.check("is announced" in said, f"{self.name}: the new key is announced under the current one", said)
        self.download("download-new-pub", folder)
        self.click(self.element("rotate-switch"))
        said = self.wait_text("rotate-status", ["now signed with the new key", "Nothing was published", "could not"])
        self.report.check("now signed with the new key" in said, f"{self.name}: the listing is signed with the new key", said)

    def refuse_wrong_passphrase(self, key_file):
        self.open("/publish/update")
        self.element("update-key-file").send_keys(key_file)
        self.element("update-key-passphrase").send_keys("not the passphrase")
        self.click(self.element("open-update-key"))
        said = self.wait_text("open-status", ["does not open", "open ("])
        self.report.check("That passphrase does not open this key file." in said, f"{self.name}: a wrong passphrase is refused in one sentence", said)
        public = os.path.join(os.path.dirname(key_file), "group.pub")
        self.element("update-key-file").send_keys(public)
        self.click(self.element("open-update-key"))
        said = self.wait_text("open-status", ["public key"], 10)
        self.report.check("This is the public key (.pub)" in said, f"{self.name}: a public key offered as the secret key is named as such", said)

    def open_minisign_key(self, key_file, passphrase, key_id):
        self.open("/publish/update")
        self.element("update-key-file").send_keys(key_file)
        self.element("update-key-passphrase").send_keys(passphrase)
        started = time.time()
        self.click(self.element("open-update-key"))
        said = self.wait_text("open-status", ["open (", "does not", "could not", "asks for"], 180)
        self.report.check(f"Your key is open (id {key_id})." in said, f"{self.name}: a key made by minisign -G (scrypt N=2^20) opens", said)
        self.report.note(f"{self.name}: opening minisign's own key took {time.time() - started:.1f} s")

    def check_existing_feed(self, feed_file, network):
        self.open("/publish/check")
        Select(self.element("check-network")).select_by_value(network)
        self.element("check-file").send_keys(feed_file)
        said = self.wait_text("report", ["reads cleanly", "need", "could not"], 15)
        self.report.check("Under" in said and "charter the group reaches" in said,
                          f"{self.name}: a feed file is checked against the chosen charter", said[:200])
        self.check_page("check-existing")
        self.element("check-url").send_keys("not an address")
        self.click(self.element("check-url-button"))
        said = self.wait_text("report", ["full address"], 5)
        self.report.check("Type the feed's full address" in said, f"{self.name}: something that is not an address is refused in one sentence")

    # ---- by keyboard alone ----
    def key_to(self, wanted, what, limit=150):
        count, found = shared.tab_to(self.driver, wanted, limit)
        if count is None:
            raise AssertionError(f"TAB never reached {what}; it passed {', '.join(found[-6:])}")
        return found

    def type_into(self, element_id, words):
        self.key_to(lambda e: e["id"] == element_id, element_id)
        shared.press(self.driver, words)

    def press_button(self, element_id):
        self.key_to(lambda e: e["id"] == element_id, element_id)
        shared.press(self.driver, Keys.ENTER)
        time.sleep(0.4)

    def keyboard_new_group(self, network_name, name, out):
        self.open("/publish")
        self.key_to(lambda e: e["tag"] == "a" and e["text"].startswith("We are a new group"), "the new group link")
        shared.press(self.driver, Keys.ENTER)
        shared.wait_for_url(self.driver, "/publish/new")
        self.key_to(lambda e: e["id"] == "network", "the network")
        shared.press(self.driver, network_name)
        self.type_into("name", name)
        self.type_into("summary", "A peer support group for people who hear voices, found by keyboard.")
        self.press_button("next")
        ticked = 0
        while True:
            element = self.key_to(lambda e: e["name"] in ("commitments", "groundRules") or e["id"] == "ownGroundRules", "the commitments")
            if element["id"] == "ownGroundRules":
                break
            if not element["checked"]:
                shared.press(self.driver, " ")
                ticked += 1
        self.report.check(ticked > 5, f"{self.name}: every commitment and ground rule is ticked by SPACE ({ticked})")
        self.press_button("next")
        self.type_into("venue.locality", "Leeds")
        self.press_button("next")
        self.press_button("next")
        self.press_button("next")
        self.type_into("contact", "mailto:keys@example.org")
        self.press_button("next")
        said = self.wait_text("check", ["can be published", "need", "could not"])
        self.report.check("and would be listed" in said, f"{self.name}: the check, reached by keyboard, says the group would be listed", said[:300])
        self.check_page("check")
        self.press_button("next")
        self.type_into("key-passphrase", PASSPHRASE)
        self.type_into("key-passphrase-again", PASSPHRASE)
        self.press_button("make-key")
        status = self.wait_text("key-status", ["Your key is made", "could not"])
        self.report.check("Your key is made" in status, f"{self.name}: the key is made by keyboard", status)
        os.makedirs(out, exist_ok=True)
        self.press_button("next")
        self.press_button("publish")
        result = self.wait_text("publish-status", ["Published", "Nothing was published", "could not"])
        self.report.check("Your group is listed now." in result, f"{self.name}: published and listed by keyboard", result)
        self.check_page("published")
        self.key_to(lambda e: e["tag"] == "a" and e["text"] == "See your group's page", "the group's page link")
        shared.press(self.driver, Keys.ENTER)
        time.sleep(0.5)
        self.report.check(shared.h1_text(self.driver) == name, f"{self.name}: the group's page opens by keyboard")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--open-network", required=True)
    parser.add_argument("--open-network-name", required=True)
    parser.add_argument("--approval-network", required=True)
    parser.add_argument("--minisign-key", required=True)
    parser.add_argument("--minisign-passphrase", required=True)
    parser.add_argument("--minisign-key-id", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--screenshots", required=True)
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
    out = os.path.abspath(arguments.out)

    def phone_flow(flow):
        shared.set_viewport(flow.driver, shared.PHONE)
        flow.new_group(arguments.open_network, "Riverside Voices", os.path.join(out, "pointer"))
        flow.see_group_page("Riverside Voices", "Tea and biscuits")
        flow.update_with_kept_key("Riverside Voices")
        flow.refuse_wrong_passphrase(os.path.join(out, "pointer", "group.key"))
        flow.open_minisign_key(arguments.minisign_key, arguments.minisign_passphrase, arguments.minisign_key_id)

    def fresh_device_flow(flow):
        shared.set_viewport(flow.driver, shared.PHONE)
        flow.fresh_device_update_and_key_change(os.path.join(out, "pointer"), "Riverside Voices")

    def approval_flow(flow):
        shared.set_viewport(flow.driver, shared.PHONE)
        flow.new_group(arguments.approval_network, "Hillside Voices", os.path.join(out, "approval"), listed=False, passphrase=None)
        flow.check_existing_feed(os.path.join(out, "approval", "feed.xml"), arguments.open_network)

    def keyboard_flow(flow):
        shared.set_viewport(flow.driver, shared.DESKTOP)
        flow.keyboard_new_group(arguments.open_network_name, "Keyboard Voices", os.path.join(out, "keyboard"))

    for name, run in (("phone", phone_flow), ("fresh device", fresh_device_flow), ("approval", approval_flow), ("keyboard", keyboard_flow)):
        try:
            driver = shared.start_browser()
        except shared.BrowserStartError as error:
            print(f"error: the browser cannot start: {error}")
            return 2
        try:
            tags = shared.known_axe_tags(driver, axe_script)
            flow = Flow(driver, base, report, axe_script, tags, shots, name)
            shared.run_step(report, f"{name} publish flow", run, flow)
        except AssertionError as error:
            report.fail(f"{name} publish flow: {error}")
        finally:
            shared.stop_browser(driver)
    print(f"{report.passes} passed, {report.failures} failed")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
