"""The HTML page in a real browser (headless Chromium from file://): renders, expands, sorts, filters, and runs nothing it was fed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import HOSTS
from tests.report.conftest import HOSTILE, bondlint


def _open(browser, capsys, page: Path, *roots: str):
    code, _, err = bondlint(capsys, "--format", "html", "--output-file", str(page), *roots)
    assert code in (0, 1), err
    browser.get(page.as_uri())
    return browser


def _by(css: str):
    from selenium.webdriver.common.by import By

    return By.CSS_SELECTOR, css


def _visible_hosts(browser) -> list[str]:
    return [h.get_attribute("data-name") for h in browser.find_elements(*_by("#host-table tbody.host")) if h.is_displayed()]


def _type(field, text: str) -> None:
    """Replace a field's text as a person does (each key an input event)."""
    from selenium.webdriver.common.keys import Keys

    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    if text:
        field.send_keys(text)


def _problems(browser) -> list[str]:
    """What the console reported: a CSP violation by the page's own code would be here."""
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def test_renders_from_file_and_shows_the_summary(fleet: Path, capsys, browser, tmp_path: Path) -> None:
    _open(browser, capsys, tmp_path / "fleet.html", "web1", "db1", "web2")
    assert browser.title == "bondlint: 3 roots"
    _, out, _ = bondlint(capsys, "--format", "json", "web1", "db1", "web2")
    summary = json.loads(out)["summary"]
    cards = {c.find_element(*_by(".label")).text.lower(): c.find_element(*_by(".n")).text for c in browser.find_elements(*_by("#summary .card"))}
    assert cards["roots audited"] == "3"
    assert cards["errors"] == str(summary["error"]) and cards["warnings"] == str(summary["warning"])
    # the summary, written last, is shown first
    assert browser.find_element(*_by("#summary")).location["y"] < browser.find_element(*_by("#hosts")).location["y"]
    assert browser.find_element(*_by("#f-count")).text == "3 of 3 hosts shown", "the script ran"
    assert _problems(browser) == []
    shot = tmp_path / "fleet.png"
    assert browser.save_screenshot(str(shot)) and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_host_expands_to_its_findings_with_source_and_span(fleet: Path, capsys, browser, tmp_path: Path) -> None:
    _open(browser, capsys, tmp_path / "fleet.html", "web1", "db1")
    details = browser.find_element(*_by("#h-0 tr.details"))
    assert not details.is_displayed()
    browser.find_element(*_by("#h-0 button.toggle")).click()
    assert details.is_displayed()
    bl402 = next(f for f in details.find_elements(*_by(".finding")) if f.get_attribute("data-code") == "BL402")
    assert bl402.find_element(*_by("pre.source mark")).text == "alias bond0 bonding"
    assert bl402.find_element(*_by("pre.source .ln")).text == "5"
    (related,) = bl402.find_elements(*_by("ul.related a"))
    assert related.text == "etc/modprobe.conf:1:1"
    assert related.get_attribute("href") == (fleet / "web1/etc/modprobe.conf").as_uri()
    # the code's badge leads to the rule's documentation in the page
    bl402.find_element(*_by("a.badge")).click()
    assert browser.execute_script("return location.hash") == "#rule-BL402"
    assert browser.find_element(*_by("#rule-BL402 h1")).text == "BL402 bond-alias-not-first"
    browser.find_element(*_by("#h-0 button.toggle")).click()
    assert not details.is_displayed()


def test_a_related_place_with_its_own_finding_links_to_it(capsys, browser, tmp_path: Path, monkeypatch) -> None:
    # BL303 (miimon lost) names BL002's unquoted BONDING_OPTS line as a related place
    shutil.copytree(HOSTS / "BL002-unquoted-bonding-opts-drops-miimon", tmp_path / "h")
    monkeypatch.chdir(tmp_path)
    _open(browser, capsys, tmp_path / "h.html", "h")
    browser.find_element(*_by("#h-0 button.toggle")).click()
    bl303 = next(f for f in browser.find_elements(*_by("#h-0 .finding")) if f.get_attribute("data-code") == "BL303")
    link = next(a for a in bl303.find_elements(*_by("ul.related a")) if a.get_attribute("href").split("#")[-1].startswith("f-0-"))
    target_id = link.get_attribute("href").split("#")[1]
    browser.find_element(*_by("#h-0 button.toggle")).click()  # closed: following the link opens it again
    browser.execute_script("location.hash = arguments[0]", target_id)
    target = browser.find_element(*_by(f"#{target_id}"))
    assert target.is_displayed() and target.get_attribute("data-code") == "BL002"


def test_sorting_by_a_column(fleet: Path, capsys, browser, tmp_path: Path) -> None:
    _open(browser, capsys, tmp_path / "fleet.html", "web1", "db1", "web2")
    assert _visible_hosts(browser) == ["web1", "web2", "db1"]  # worst first
    header = browser.find_element(*_by('th[data-key="name"] button'))
    header.click()
    assert _visible_hosts(browser) == ["db1", "web1", "web2"]
    header.click()
    assert _visible_hosts(browser) == ["web2", "web1", "db1"]
    assert browser.find_element(*_by('th[data-key="name"]')).get_attribute("aria-sort") == "descending"
    browser.find_element(*_by('th[data-key="error"] button')).click()  # most errors first
    errors = [int(h.get_attribute("data-error")) for h in browser.find_elements(*_by("#host-table tbody.host"))]
    assert errors == sorted(errors, reverse=True) and errors[0] > errors[-1]


def test_filters_by_severity_code_family_and_text(fleet: Path, capsys, browser, tmp_path: Path) -> None:
    from selenium.webdriver.support.ui import Select

    _open(browser, capsys, tmp_path / "fleet.html", "web1", "db1", "web2")
    codes = [o.get_attribute("value") for o in Select(browser.find_element(*_by("#f-code"))).options][1:]
    assert "BL201" in codes and "BL108" in codes
    Select(browser.find_element(*_by("#f-code"))).select_by_value("BL201")
    assert _visible_hosts(browser) == ["web1", "web2"]
    browser.find_element(*_by("#h-0 button.toggle")).click()
    shown = [f.get_attribute("data-code") for f in browser.find_elements(*_by("#h-0 .finding")) if f.is_displayed()]
    assert shown == ["BL201"], "only the matching findings inside a host"
    Select(browser.find_element(*_by("#f-code"))).select_by_value("")
    Select(browser.find_element(*_by("#f-severity"))).select_by_value("info")
    assert _visible_hosts(browser) == ["web1", "web2", "db1"]  # the seed has an info finding too
    Select(browser.find_element(*_by("#f-severity"))).select_by_value("")
    Select(browser.find_element(*_by("#f-family"))).select_by_value("BL6xx")
    assert _visible_hosts(browser) == ["web1", "web2"]
    Select(browser.find_element(*_by("#f-family"))).select_by_value("")
    search = browser.find_element(*_by("#f-text"))
    _type(search, "db1")
    assert _visible_hosts(browser) == ["db1"]
    _type(search, "master=bond1")  # a source line's text
    assert _visible_hosts(browser) == ["web1", "web2"]
    assert browser.find_element(*_by("#f-count")).text == "2 of 3 hosts shown"
    _type(search, "")
    browser.find_element(*_by("#f-clean")).click()
    assert _visible_hosts(browser) == ["web1", "web2", "db1"], "no host is clean here"


def test_worst_hosts_first_and_clean_hosts_hidden_until_asked(fleet: Path, capsys, browser, tmp_path: Path) -> None:
    clean = fleet / "clean" / "etc/sysconfig/network-scripts"
    clean.mkdir(parents=True)
    (clean / "ifcfg-eth0").write_text("DEVICE=eth0\nBOOTPROTO=none\nONBOOT=yes\n")
    _open(browser, capsys, tmp_path / "fleet.html", "db1", "clean", "web1", "web2")
    # db1 (info only) was audited first, the two broken hosts after it: errors first, then audit order
    assert _visible_hosts(browser) == ["web1", "web2", "db1"]
    assert browser.find_element(*_by("#f-clean")).is_selected()
    assert browser.find_element(*_by("#f-count")).text == "3 of 4 hosts shown"
    browser.find_element(*_by("#f-clean")).click()
    assert _visible_hosts(browser) == ["web1", "web2", "db1", "clean"]
    assert _problems(browser) == []


def test_a_chart_bar_filters_the_table(fleet: Path, capsys, browser, tmp_path: Path) -> None:
    _open(browser, capsys, tmp_path / "fleet.html", "web1", "db1", "web2")
    bar = browser.find_element(*_by('#summary g.bar[data-code="BL402"]'))
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bar)
    assert browser.find_element(*_by("#f-code")).get_attribute("value") == "BL402"
    assert _visible_hosts(browser) == ["web1", "web2"]


def test_hostile_file_names_and_values_execute_nothing(hostile_host: Path, capsys, browser, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    page = tmp_path / "hostile.html"
    _open(browser, capsys, page, HOSTILE)
    browser.find_element(*_by("#h-0 button.toggle")).click()
    _type(browser.find_element(*_by("#f-text")), "pwned")
    assert browser.execute_script("return window.pwned === undefined")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert len(browser.find_elements(*_by("script"))) == 1 and not browser.find_elements(*_by("img"))
    assert browser.find_element(*_by("#h-0 button.toggle")).text == HOSTILE
    sources = " ".join(e.text for e in browser.find_elements(*_by("#h-0 pre.source")))
    assert "window.pwned=3" in sources
    assert _problems(browser) == []
    browser.save_screenshot(str(tmp_path / "hostile.png"))


def test_narrow_screen_has_no_horizontal_scroll_and_no_host_name_broken_mid_word(capsys, browser, tmp_path: Path) -> None:
    roots = [str(HOSTS / name) for name in ("example-broken-host", "BL102-duplicate-hwaddr-letter-case", "BL608-alb-under-xen-bridge")]
    browser.set_window_size(600, 1200)
    width = browser.execute_script("return document.documentElement.clientWidth")
    assert width <= 600
    _open(browser, capsys, tmp_path / "narrow.html", *roots)
    browser.find_element(*_by("#h-0 button.toggle")).click()  # a host's findings and source lines open too
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    # Each host name's longest unbreakable piece (between hyphens and slashes) fits on one line of its button.
    fits = browser.execute_script(
        """
        return Array.from(document.querySelectorAll("tbody.host:not([hidden]) button.toggle")).map((button) => {
          const probe = document.createElement("span");
          probe.style.font = getComputedStyle(button).font;
          probe.style.whiteSpace = "nowrap";
          const pieces = button.textContent.split(/[-\\/]/);
          probe.textContent = pieces.reduce((a, b) => (a.length >= b.length ? a : b)) + "-";
          document.body.appendChild(probe);
          const need = probe.getBoundingClientRect().width;
          probe.remove();
          return [button.textContent, need <= button.getBoundingClientRect().width];
        });
        """
    )
    assert fits and all(ok for _, ok in fits), fits
    assert _problems(browser) == []


def test_csv_export_from_the_page_escapes_formulas_and_keeps_placeholders(fleet: Path, capsys, browser, tmp_path: Path) -> None:
    import csv
    import io

    shutil.copytree(fleet / "web1", fleet / "=HYPERLINK(1)")  # a host name a spreadsheet would run
    shutil.copytree(fleet / "web1", fleet / "bell\x07host")  # a control character in a name
    roots = ["=HYPERLINK(1)", "bell\x07host", "db1"]
    _open(browser, capsys, tmp_path / "fleet.html", *roots)
    text = browser.execute_script("return window.bondlintFindingsCsv()")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["host", "severity", "code", "rule", "place", "message"]
    _, out, _ = bondlint(capsys, "--format", "json", *roots)
    findings = json.loads(out)["findings"]
    assert len(rows) - 1 == len(findings)
    assert sorted(r[2] for r in rows[1:]) == sorted(f["code"] for f in findings)
    cells = [c for r in rows[1:] for c in r]
    assert not any(c[:1] in ("=", "+", "-", "@") for c in cells), "formula cells are escaped"
    assert "'=HYPERLINK(1)" in {r[0] for r in rows[1:]}
    assert not any(ord(ch) < 0x20 and ch not in "\r\n" for ch in text), "no raw control character"
    assert "bell\u2407host" in {r[0] for r in rows[1:]}, "the page's placeholder, as elsewhere"
    assert _problems(browser) == []


def test_since_an_earlier_report_marks_and_filters_the_new_findings(fleet: Path, capsys, browser, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    assert bondlint(capsys, "--format", "json", "-o", str(old), "web1", "db1")[0] == 1
    page = tmp_path / "since.html"
    code, _, err = bondlint(capsys, "--format", "html", "-o", str(page), "--since", str(old), "web1", "db1", "web2")
    assert code == 1, err
    browser.get(page.as_uri())
    _, out, _ = bondlint(capsys, "--format", "json", "web2")
    new = len(json.loads(out)["findings"])
    cards = {c.find_element(*_by(".label")).text.lower(): c.find_element(*_by(".n")).text for c in browser.find_elements(*_by("#summary .card"))}
    assert cards["new since the earlier report"] == str(new)
    browser.find_element(*_by("#f-new")).click()
    assert _visible_hosts(browser) == ["web2"], "web1 and db1 are as before"
    assert _problems(browser) == []


def test_since_needs_an_html_report_and_a_current_fingerprint_version(fleet: Path, capsys, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text('{"fingerprint_version": "2", "findings": []}')
    code, _, err = bondlint(capsys, "--since", str(old), "web1")
    assert code == 2 and "add --format html or --report html=FILE" in err
    code, _, err = bondlint(capsys, "--format", "html", "-o", str(tmp_path / "p.html"), "--since", str(old), "web1")
    assert code == 2 and "not of version 3; make it again with this bondlint" in err
    assert not (tmp_path / "p.html").exists()
