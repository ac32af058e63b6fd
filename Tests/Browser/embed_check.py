#!/usr/bin/env python3
"""A network's embedded directory inside a real page of another site, in headless Chromium.

Usage:
    python3 Tests/Browser/embed_check.py --embed URL --allowed-port P --other-port Q

Serves the same host page, which frames URL, from two other loopback origins: http://127.0.0.1:P (which the network
allows) and http://127.0.0.1:Q (which it does not). Then checks, one line each (`ok: ...` or `FAIL: ...`):
  1. on the allowed origin the frame shows the directory's search form, and a search inside it lists groups;
  2. on the other origin the browser refuses to show the frame (frame-ancestors);
  3. the frame sets no cookie and its group links open outside the frame.
Exit status: 0 when every check passed, 1 when one failed, 2 when the browser cannot start.
"""

import argparse
import functools
import http.server
import sys
import tempfile
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A network's own site</title></head>
<body><h1>Our groups</h1><iframe id="directory" title="Find a group" src="{src}" width="400" height="700"></iframe></body></html>"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *arguments):
        pass


def serve(folder, port):
    handler = functools.partial(QuietHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--embed", required=True)
    parser.add_argument("--allowed-port", type=int, required=True)
    parser.add_argument("--other-port", type=int, required=True)
    arguments = parser.parse_args()
    folder = tempfile.mkdtemp()
    with open(f"{folder}/index.html", "w", encoding="utf-8") as page:
        page.write(HOST_PAGE.format(src=arguments.embed))
    servers = [serve(folder, arguments.allowed_port), serve(folder, arguments.other_port)]
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    except Exception as error:  # noqa: BLE001 - any failure to start is one line
        print(f"error: the browser cannot start: {error}")
        return 2
    failures = 0

    def check(condition, text):
        nonlocal failures
        print(("ok: " if condition else "FAIL: ") + text)
        failures += 0 if condition else 1

    try:
        driver.set_page_load_timeout(20)
        driver.get(f"http://127.0.0.1:{arguments.allowed_port}/index.html")
        driver.switch_to.frame(driver.find_element(By.ID, "directory"))
        forms = driver.find_elements(By.CSS_SELECTOR, "form.search")
        check(len(forms) == 1, "the allowed site shows the directory's search form in its frame")
        if forms:
            place = driver.find_element(By.ID, "place")
            place.send_keys("Sheffield")
            forms[0].submit()
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "li.result, p.count"))
            results = driver.find_elements(By.CSS_SELECTOR, "li.result h2 a")
            check(len(results) >= 1, f"a search inside the frame lists {len(results)} group(s)")
            check(all(link.get_attribute("target") == "_blank" for link in results), "group links open outside the frame")
            check(driver.execute_script("return document.cookie") == "", "the frame sets no cookie")
        driver.switch_to.default_content()
        check(driver.get_cookies() == [], "the host page has no cookie from the directory")

        driver.get(f"http://127.0.0.1:{arguments.other_port}/index.html")
        driver.switch_to.frame(driver.find_element(By.ID, "directory"))
        blocked = len(driver.find_elements(By.CSS_SELECTOR, "form.search")) == 0
        check(blocked, "a site the network has not allowed cannot show the directory in a frame")
    finally:
        driver.quit()
        for server in servers:
            server.shutdown()
    print(f"embed checks: {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
