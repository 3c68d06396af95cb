#!/usr/bin/env python3
"""Regenerate docs/html-report.png (1400 px wide) and docs/html-report-narrow.png (600 px, a phone's
layout): the HTML report of fixture hosts, as headless Chromium shows it.

    python docs/make_screenshot.py            # needs Debian's chromium and chromium-driver, and selenium

The report is made by the real CLI from fixtures/hosts (the broken example host,
the seed host and a few rule fixtures, two of them clean), opened from file://,
the broken host expanded (the worst host, listed first), and the window captured.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: (file, window width, window height)
SHOTS = ((REPO / "docs" / "html-report.png", 1400, 2250), (REPO / "docs" / "html-report-narrow.png", 600, 2400))
HOSTS = [
    "fixtures/hosts/example-broken-host",
    "fixtures/hosts/seed-centos52-xen-8023ad",
    "fixtures/hosts/BL102-duplicate-hwaddr-letter-case",
    "fixtures/hosts/BL608-alb-under-xen-bridge",
    "fixtures/hosts/BL303-no-link-monitoring",
    "fixtures/hosts/BL209-ok-two-slaves",
    "fixtures/hosts/BL303-ok-arp-monitoring",
]
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def main() -> int:
    import os

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    sys.path.insert(0, str(REPO))
    from bondlint import cli

    os.chdir(REPO)  # paths in the page as a user in the repository sees them
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        code = cli.main(["--format", "html", "--output-file", str(page), "--jobs", "1", *HOSTS])
        if code not in (0, 1):
            print(f"bondlint exited {code}", file=sys.stderr)
            return 1
        for out, width, height in SHOTS:
            options = webdriver.ChromeOptions()
            options.binary_location = CHROMIUM
            for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}", "--hide-scrollbars"):
                options.add_argument(arg)
            driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
            try:
                driver.get(page.as_uri())
                driver.find_element(By.CSS_SELECTOR, "#h-0 button.toggle").click()  # the broken host
                driver.execute_script("window.scrollTo(0, 0)")
                out.write_bytes(driver.get_screenshot_as_png())
            finally:
                driver.quit()
            print(f"wrote {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
