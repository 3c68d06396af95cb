"""The reports as their readers get them: the real CLI in-process, report files on disk, a real browser."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from bondlint import cli
from tests.conftest import HOSTS

BROKEN = HOSTS / "example-broken-host"
SEED = HOSTS / "seed-centos52-xen-8023ad"
SCRIPTS = "etc/sysconfig/network-scripts"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def bondlint(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``bondlint ARGV`` in-process (one job: no worker processes); exit code, stdout, stderr."""
    code = cli.main(["--jobs", "1", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fleet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three hosts in the working directory: the broken example, the seed, and a copy of the broken one."""
    for name, source in (("web1", BROKEN), ("db1", SEED), ("web2", BROKEN)):
        shutil.copytree(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


#: A file name can hold no "/": markup that needs no closing tag.
HOSTILE = "x\"'><img src=x onerror=\"window.pwned=1\"><script>window.pwned=2"


@pytest.fixture
def hostile_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A host whose folder, file names and values are markup: a page that runs any of it is broken."""
    host = tmp_path / HOSTILE
    scripts = host / SCRIPTS
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-eth0").write_text(f"DEVICE=eth0\nMASTER='{HOSTILE}'\nSLAVE=yes\nONBOOT=Yes\n")
    (scripts / f"ifcfg-{HOSTILE}").write_text("DEVICE=\"</pre><script>window.pwned=3</script>\"\nONBOOT=true\n")
    monkeypatch.chdir(tmp_path)
    return host


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    """Headless Chromium through chromedriver (Debian's packages, which .ci/run installs)."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    if missing:
        pytest.skip(f"no browser for the HTML report's tests: {', '.join(missing)} missing (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600", f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
