"""The HTML page as markup: self-contained, under its CSP, escaped, and built in flat memory."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tracemalloc
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from bondlint.engine import registry
from bondlint.report.html import HtmlSink
from bondlint.runner import audit
from tests.report.conftest import BROKEN, HOSTILE, bondlint


class Page(HTMLParser):
    """Every element and attribute of a page, and the text of its <script> and <style>."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self.text: list[str] = []
        self._in: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.inline:
            self._in = tag
            self.inline[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.inline[self._in][-1] += data
        else:
            self.text.append(data)


def _page(capsys, *args: str) -> tuple[str, Page]:
    code, out, err = bondlint(capsys, "--format", "html", *args)
    assert code in (0, 1), err
    return out, Page(out)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_allows_exactly_the_pages_own_inline_code(fleet: Path, capsys) -> None:
    _, page = _page(capsys, "web1", "db1")
    (policy,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    (script,), (style,) = page.inline["script"], page.inline["style"]
    assert directives["script-src"] == _sha256(script)
    assert directives["style-src"] == _sha256(style)
    for tag, attributes in page.tags:
        assert not any(name.startswith("on") or name == "style" for name in attributes), (tag, attributes)
        for name in ("src", "href"):
            assert not re.match(r"(https?:)?//", attributes.get(name) or ""), "nothing from the network"


def test_hostile_names_and_values_are_text_not_markup(hostile_host: Path, capsys) -> None:
    out, page = _page(capsys, HOSTILE)
    assert [t for t, _ in page.tags].count("script") == 1, "only the page's own script"
    assert not any(t == "img" for t, _ in page.tags)
    assert "window.pwned" not in page.inline["script"][0]
    text = "".join(page.text)
    assert HOSTILE in text and "</pre><script>window.pwned=3</script>" in text
    names = [a["data-name"] for t, a in page.tags if t == "tbody"]
    assert names == [HOSTILE]


def test_summary_cards_charts_and_the_docs_of_every_rule_that_fired(fleet: Path, capsys) -> None:
    out, page = _page(capsys, "web1", "db1", "web2")
    _, json_out, _ = bondlint(capsys, "--format", "json", "web1", "db1", "web2")
    report = json.loads(json_out)
    text = " ".join(page.text)
    for level, n in report["summary"].items():
        assert re.search(rf"{n}\s*{level}", text), level
    codes = sorted({f["code"] for f in report["findings"]})
    assert [a["data-code"] for t, a in page.tags if t == "article"] == codes
    assert [a["data-code"] for t, a in page.tags if t == "g" and "data-code" in a] == sorted(
        codes, key=lambda c: (-sum(f["code"] == c for f in report["findings"]), c)
    )
    for code in codes:
        assert f"{code} {registry()[code].name}" in text
        assert registry()[code].summary.replace("`", "") in "".join(page.text), "its documentation, as --explain prints it"
    # The summary is written after the host table (streaming) and placed first by CSS.
    assert out.index('id="summary"') > out.index('id="host-table"')


def test_memory_stays_flat_however_many_roots() -> None:
    """Ten times the roots, the same peak: nothing per host is kept once written."""
    result = audit(str(BROKEN), tuple(registry()))

    def peak(n: int) -> int:
        sink = HtmlSink(_Discard(), registry(), "test")
        tracemalloc.start()
        sink.start([])
        for i in range(n):
            sink.add_result(attrs.evolve(result, root=f"fleet/host{i:05d}"))
        sink.finish({"error": 0, "warning": 0, "info": 0}, [])
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    peak(20)  # imports and caches, once
    small, large = peak(200), peak(2000)
    assert large < small * 1.3, (small, large)


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def test_the_code_chart_shows_the_15_most_frequent_codes_a_legend_and_how_many_more(tmp_path: Path) -> None:
    from tests.conftest import HOSTS, run_cli

    roots = sorted(str(p) for p in HOSTS.iterdir() if p.is_dir())
    page_file = tmp_path / "all.html"
    run_cli("--format", "html", "-o", str(page_file), *roots)
    findings = json.loads(run_cli("--format", "json", *roots).stdout)["findings"]
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["code"]] = counts.get(f["code"], 0) + 1
    top = sorted(counts, key=lambda c: (-counts[c], c))
    assert len(top) > 15, "the fixtures fire more codes than the chart shows"
    page = Page(page_file.read_text())
    by_code = page_file.read_text().split('<div class="by-code">', 1)[1].split("</div>", 1)[0]
    bars = re.findall(r'<g class="bar" data-code="([^"]+)"', by_code)
    assert bars == top[:15]
    rest = top[15:]
    assert f"{len(rest)} more codes ({sum(counts[c] for c in rest):,} findings)" in by_code
    legend = [a.get("class") for tag, a in page.tags if tag == "span" and (a.get("class") or "").startswith("key ")]
    assert legend == ["key error", "key warning", "key info"]


def test_findings_inside_a_host_are_ordered_by_severity(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    page_file = tmp_path / "one.html"
    run_cli("--format", "html", "-o", str(page_file), str(BROKEN))
    shown = re.findall(r'<div class="finding (error|warning|info)"', page_file.read_text())
    rank = {"error": 0, "warning": 1, "info": 2}
    assert len(set(shown)) > 1 and shown == sorted(shown, key=rank.__getitem__)


def test_the_header_says_when_and_how_the_page_was_made_and_how_many_findings_are_fixable(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    page_file = tmp_path / "p.html"
    run_cli("--format", "html", "-o", str(page_file), "--release", "el5", str(BROKEN))
    text = page_file.read_text()
    header = text.split('<header class="page">', 1)[1].split("</header>", 1)[0]
    assert re.search(r"<time>\d{4}-\d\d-\d\d \d\d:\d\d UTC</time>", header)
    assert "bondlint 0." in header or "bondlint 1." in header
    command = re.search(r'data-key="command"><span class="label">command</span> <code>([^<]*)</code>', header)
    assert command and command.group(1) == f"bondlint --format html -o {page_file} --release el5 {BROKEN}"
    assert '<code>el5 (forced)</code>' in header and "<code>none (defaults)</code>" in header
    findings = json.loads(run_cli("--format", "json", "--release", "el5", str(BROKEN)).stdout)["findings"]
    fixable = sum(1 for f in findings if f.get("fix"))
    assert fixable and f'<span class="n">{fixable:,}</span><span class="label">fixable (--fix)</span>' in text


@pytest.mark.parametrize(
    ("report", "why"),
    [
        ('{"findings": []}', "a report from an older bondlint (no fingerprint_version), whose fingerprints this one cannot match"),
        ('{"fingerprint_version": "2", "findings": []}', "its fingerprints are not of version 3"),
    ],
    ids=["no-version", "version-2"],
)
def test_since_refuses_a_report_of_an_older_bondlint(fleet: Path, capsys, tmp_path: Path, report: str, why: str) -> None:
    old = tmp_path / "old.json"
    old.write_text(report)
    page = tmp_path / "p.html"
    code, out, err = bondlint(capsys, "--format", "html", "-o", str(page), "--since", str(old), "web1")
    assert (code, out) == (2, "")
    assert err == f"bondlint: error: {old}: {why}; make it again with this bondlint: bondlint --format json -o {old} ROOT...\n"
    assert not page.exists()
