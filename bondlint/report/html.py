"""One self-contained HTML page for one host or ten thousand: summary, host table, findings, rule docs.

Written as roots finish: each host's row and findings go out at once and are
forgotten; only counters stay (per code, per family, the few hosts with most
errors), so memory is flat however many roots. The summary and the rule docs
are written last and shown first (CSS ``order``). The page's CSS and script
are package files beside this module, inlined; its Content-Security-Policy
allows exactly those two (by hash) and nothing else: no network, no other
script. Every text from audited files goes through ``_esc``: file names,
values, messages, source lines.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import html
import os
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Sequence, TextIO
from urllib.parse import quote

from bondlint.findings import Finding, tally
from bondlint.report.base import RootSink, alone_note, fix_note
from bondlint.report.bounds import _BIDI

if TYPE_CHECKING:
    from bondlint.engine import Rule

#: Titles of the built-in families (RULES.md's sections); other packs' families show their prefix only.
FAMILY_TITLES = {
    "BL0xx": "lexical",
    "BL1xx": "MAC addresses",
    "BL2xx": "topology",
    "BL3xx": "bonding options",
    "BL4xx": "modprobe",
    "BL5xx": "network, routes",
    "BL6xx": "Xen",
    "BL7xx": "NM, release",
    "BL8xx": "runtime",
    "BL9xx": "bondlint",
}
SEVERITIES = ("error", "warning", "info")
TOP_HOSTS = 10
#: bars in the per-code chart: the most frequent codes; the rest are counted in one "N more" line
TOP_CODES = 15
SPAN_LINES = 10  # lines of a long span that related places can link to

#: C0 controls (but tab and newline) and DEL as their pictures, bidi controls (U+202E) as
#: U+FFFD as every other format shows them (bounds._BIDI); lone surrogates (undecodable bytes
#: in names) as U+FFFD: the page shows them, nothing interprets them.
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)} | {0x7F: 0x2421} | {c: 0xFFFD for c in _BIDI}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _esc(text: object) -> str:
    """Text for HTML content or a quoted attribute: nothing in it can open a tag or end a quote."""
    return html.escape(_SURROGATE.sub("\ufffd", str(text)).translate(_CONTROLS), quote=True)


def _family(code: str) -> str:
    """BL201 → BL2xx: the letters, the first digit, the rest as x."""
    m = re.fullmatch(r"([A-Za-z]+)(\d)(\d*)", code)
    return f"{m.group(1)}{m.group(2)}{'x' * len(m.group(3))}" if m else code


def _hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    here = resources.files("bondlint.report")
    return here.joinpath("html.css").read_text("utf-8"), here.joinpath("html.js").read_text("utf-8")


@lru_cache(maxsize=1)
def _markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def _markdown(text: str) -> str:
    """Rule docs as HTML; raw HTML in a doc (a third-party pack's) is shown as text, not markup."""
    return _markdown_parser().render(text)


def _source(f: Finding) -> str:
    """The finding's source lines, numbered, with its span marked."""
    if not f.context or not f.line:
        return ""
    rows = []
    last = f.end_line or f.line
    for i, line in enumerate(f.context):
        number = f.line + i
        row = f'<span class="ln">{number}</span>'
        start = (f.column or 1) - 1 if i == 0 else 0
        end = (f.end_column or 1) - 1 if number == last else len(line)
        if number > last:
            row += _esc(line)
        elif end <= start:  # an empty span: a point between two characters
            row += f'{_esc(line[:start])}<mark class="point {f.severity}"></mark>{_esc(line[start:])}'
        else:
            row += f'{_esc(line[:start])}<mark class="{f.severity}">{_esc(line[start:end])}</mark>{_esc(line[end:])}'
        rows.append(row)
    return '<pre class="source">' + "\n".join(rows) + "</pre>"


def _fix(f: Finding) -> str:
    """The fix, when there is one: what it does and the command that applies it."""
    note = fix_note(f)
    if note is None or f.fix is None:
        return ""
    return f'<p class="fix {_esc(f.fix.safety)}">{_esc(note)}: {_esc(f.fix.message)}</p>'


def _short(path: str | None, root: str) -> str:
    prefix = root.rstrip("/") + "/"
    return path[len(prefix) :] if path and path.startswith(prefix) else (path or root)


class _Host:
    """One root while its part of the page is written (the top list keeps only its counts)."""

    def __init__(
        self, index: int, root: str, files: Sequence[str], findings: Sequence[Finding], new: set[int] | None = None
    ) -> None:
        self.index = index
        #: ids of the findings new since the earlier report (--since); None: no earlier report
        self.new = new
        self.root = root
        self.files = len(files)
        # errors first, then warnings, then infos; in file order within a severity (a stable sort)
        self.findings = findings = sorted(findings, key=lambda f: -f.severity)
        self.counts = tally(findings, {s: 0 for s in SEVERITIES})  # a capped finding counts what it stands for
        #: (path, line) → the first finding whose span covers that line (its first few lines):
        #: related places link there in one look-up, however many findings a host has
        self.at: dict[tuple[str, int], int] = {}
        for n, f in enumerate(findings):
            if f.path and f.line:
                for line in range(f.line, min(f.end_line or f.line, f.line + SPAN_LINES) + 1):
                    self.at.setdefault((f.path, line), n)

    def anchor(self, n: int) -> str:
        return f"f-{self.index}-{n}"

    def related_href(self, path: str | None, line: int) -> str | None:
        """A finding of this host at that place, else the file itself (works where the page was made)."""
        if path and (path, line) in self.at:
            return "#" + self.anchor(self.at[path, line])
        # As Path.as_uri() would write it, without pathlib: it interns every name it
        # parses, forever, which is memory per host in a fleet.
        return "file://" + quote(os.fsencode(os.path.abspath(path))) if path else None

    def finding_html(self, n: int, f: Finding) -> str:
        sev = str(f.severity)
        is_new = self.new is not None and id(f) in self.new
        new_attr, new_badge = (' data-new="1"', '<span class="new">new</span>') if is_new else ("", "")
        where = _short(f.path, self.root) + (f":{f.line}:{f.column}" if f.line else "")
        related = ""
        if f.related:
            items = []
            for rel in f.related:
                place = f"{_short(rel.span.path, self.root)}:{rel.span.line}:{rel.span.column}"
                href = self.related_href(rel.span.path, rel.span.line)
                link = f'<a href="{_esc(href)}" title="{_esc(rel.span.path or "")}">{_esc(place)}</a>' if href else _esc(place)
                items.append(f"<li>{link} {_esc(rel.message)}</li>")
            related = '<ul class="related">' + "".join(items) + "</ul>"
        return (
            f'<div class="finding {sev}" id="{self.anchor(n)}" data-severity="{sev}" data-code="{_esc(f.code)}" data-family="{_esc(_family(f.code))}"{new_attr}>'
            f'<div class="head"><a class="badge {sev}" href="#rule-{_esc(f.code)}">{_esc(f.code)}</a>{new_badge}'
            f'<span class="rule-name">{sev} · {_esc(f.name)}</span>'
            f'<span class="where" title="{_esc(f.path or self.root)}">{_esc(where)}</span></div>'
            f'<p class="message">{_esc(f.message)}</p>{_source(f)}{related}{_fix(f)}</div>'
        )

    def html(self) -> str:
        codes = " ".join(dict.fromkeys(f.code for f in self.findings))
        cells = "".join(
            f'<td class="num {s}{" some" if self.counts[s] else ""}">{self.counts[s]}</td>' for s in SEVERITIES
        )
        if self.findings:
            body = "".join(self.finding_html(n, f) for n, f in enumerate(self.findings))
        else:
            body = f'<p class="empty-note">No findings in {self.files} file{"s" if self.files != 1 else ""} read.</p>'
        data = "".join(f' data-{s}="{self.counts[s]}"' for s in SEVERITIES)
        return (
            f'<tbody class="host{"" if self.findings else " clean"}" id="h-{self.index}" data-index="{self.index}"'
            f' data-name="{_esc(self.root)}"{data} data-files="{self.files}" data-findings="{len(self.findings)}">'
            f'<tr class="host-row"><td><button class="toggle" type="button" aria-expanded="false">{_esc(self.root)}</button></td>'
            f'{cells}<td class="num">{self.files}</td><td class="codes">{_esc(codes)}</td></tr>'
            f'<tr class="details" hidden><td colspan="6">{body}</td></tr></tbody>\n'
        )


def _chart(rows: Sequence[tuple[str, dict[str, int], str]], width: int, label_width: int) -> str:
    """A horizontal bar chart: one bar per row, segments by severity. Rows: (label, counts, data attrs)."""
    if not rows:
        return '<p class="empty-note">No findings.</p>'
    bar_height, gap = 16, 6
    most = max(sum(c.values()) for _, c, _ in rows)
    span = width - label_width - 50
    parts = []
    for i, (label, counts, data) in enumerate(rows):
        y = i * (bar_height + gap)
        x = label_width
        total = sum(counts.values())
        bar = [f'<rect class="track" x="{label_width}" y="{y}" width="{span}" height="{bar_height}" rx="3"/>']
        for sev in SEVERITIES:
            if counts.get(sev):
                w = max(1.0, span * counts[sev] / most)
                bar.append(f'<rect class="fill {sev}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" rx="3"/>')
                x += w
        parts.append(
            f'<g class="bar"{data}><title>{_esc(label)}: {total}</title>'
            f'<text x="{label_width - 8}" y="{y + 12}" text-anchor="end">{_esc(label)}</text>{"".join(bar)}'
            f'<text class="count" x="{x + 6:.1f}" y="{y + 12}">{total}</text></g>'
        )
    height = len(rows) * (bar_height + gap)
    return (
        f'<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img"'
        f' xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>'
    )


class HtmlSink(RootSink):
    def __init__(
        self, out: TextIO, rules: dict[str, Rule], version: str, run: dict[str, str] | None = None,
        since: Sequence[str] | None = None,
    ) -> None:
        from bondlint.baseline import Matcher

        super().__init__(out)
        #: --since: the earlier report's fingerprints, matched as a multiset (as a baseline is)
        self.since = Matcher(since) if since is not None else None
        self.new = 0
        self.rules = rules
        self.version = version
        #: how the report was made (command, release, config): the header shows it
        self.run = run or {}
        self.fixable = 0
        self.hosts = 0
        self.files = 0
        self.clean = 0
        self.alone = 0  # files given alone (not host roots)
        self.by_code: dict[str, dict[str, int]] = {}
        self.names: dict[str, str] = {}
        self.by_family: dict[str, dict[str, int]] = {}
        self.worst: list[tuple[int, int, int, int, str]] = []  # heap of (errors, warnings, -index, index, root)

    def start(self, roots: Sequence[str]) -> None:
        css, script = _assets()
        policy = (
            f"default-src 'none'; style-src '{_hash(css)}'; script-src '{_hash(script)}'; "
            "img-src 'none'; base-uri 'none'; form-action 'none'"
        )
        title = f"bondlint: {roots[0]}" if len(roots) == 1 else f"bondlint: {len(roots)} roots"
        from datetime import datetime, timezone

        only_new = '<label><input id="f-new" type="checkbox"> only new since the earlier report</label>' if self.since is not None else ""
        made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        run = "".join(
            f'<span class="run" data-key="{key}"><span class="label">{label}</span> <code>{_esc(self.run[key])}</code></span>'
            for key, label in (("command", "command"), ("release", "release"), ("config", "config"))
            if key in self.run
        )
        run = f'<div class="run-info">{run}</div>' if run else ""
        options = "".join(f'<option value="{s}">{s}</option>' for s in SEVERITIES)
        headers = "".join(
            f'<th data-key="{key}" data-type="{kind}"{" class=num" if kind == "number" else ""}><button type="button">{label}</button></th>'
            for key, kind, label in (
                ("name", "text", "Host"), ("error", "number", "Errors"), ("warning", "number", "Warnings"),
                ("info", "number", "Info"), ("files", "number", "Files"),
            )
        )
        self.out.write(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="bondlint">\n'
            f"<title>{_esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
            f'<header class="page"><h1>bondlint report</h1><span class="meta">bondlint {_esc(self.version)} · '
            f'{len(roots)} root{"s" if len(roots) != 1 else ""} · made <time>{_esc(made)}</time></span>{run}</header>\n<main>\n'
            '<section class="panel" id="hosts"><h2>Hosts</h2>\n<div id="filters">'
            f'<select id="f-severity" aria-label="severity"><option value="">any severity</option>{options}</select>'
            '<select id="f-code" aria-label="code"><option value="">any code</option></select>'
            '<select id="f-family" aria-label="family"><option value="">any family</option></select>'
            '<input id="f-text" type="search" placeholder="host, file, message…" aria-label="text">'
            '<label><input id="f-clean" type="checkbox" checked> hide clean hosts</label>'
            f'{only_new}'
            '<button id="expand-all" type="button">expand all</button><button id="collapse-all" type="button">collapse all</button><button id="export-csv" type="button">export CSV</button>'
            '<span class="count" id="f-count"></span></div>\n'
            f'<table class="hosts" id="host-table"><thead><tr>{headers}<th>Codes</th></tr></thead>\n'
        )

    def add_root(self, root: str, files: Sequence[str], findings: Sequence[Finding], alone: bool = False) -> None:
        new = None
        if self.since is not None:
            new = {id(f) for f in findings if not self.since.take(f.fingerprint())}
            self.new += len(new)
        host = _Host(self.hosts, root, files, findings, new)
        self.out.write(host.html())
        self.hosts += 1
        self.alone += alone
        self.files += host.files
        self.clean += not findings
        for f in findings:
            sev = str(f.severity)
            self.fixable += f.fix is not None
            counts = self.by_code.setdefault(f.code, {})
            counts[sev] = counts.get(sev, 0) + 1 + f.unrecorded
            self.names[f.code] = f.name
            fam = self.by_family.setdefault(_family(f.code), {})
            fam[sev] = fam.get(sev, 0) + 1 + f.unrecorded
        if findings:
            entry = (host.counts["error"], host.counts["warning"], -host.index, host.index, root)
            (heapq.heappush if len(self.worst) < TOP_HOSTS else heapq.heappushpop)(self.worst, entry)

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        _, script = _assets()
        self.out.write("</table></section>\n")
        self.out.write(self._summary(summary))
        self.out.write(self._rule_docs())
        self.out.write(f"</main>\n<script>{script}</script>\n</body></html>\n")

    def _summary(self, summary: dict[str, int]) -> str:
        cards = [
            *((("", self.hosts - self.alone, "roots audited"),) if self.hosts > self.alone or not self.alone else ()),
            *((("", self.alone, "files linted alone"),) if self.alone else ()),
            ("", self.hosts - self.clean, "with findings"),
            ("ok", self.clean, "clean"),
            ("", self.files, "files read"),
            ("", self.fixable, "fixable (--fix)"),
            *((("new", self.new, "new since the earlier report"),) if self.since is not None else ()),
            *((s, summary.get(s, 0), s if s == "info" else s + "s") for s in SEVERITIES),
        ]
        card_html = "".join(f'<div class="card {cls}"><span class="n">{n:,}</span><span class="label">{label}</span></div>' for cls, n, label in cards)
        codes = sorted(self.by_code.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
        code_rows = [(f"{c} {self.names[c]}", counts, f' data-code="{_esc(c)}"') for c, counts in codes[:TOP_CODES]]
        rest = codes[TOP_CODES:]
        more = (
            f'<p class="more-codes">{len(rest)} more code{"s" if len(rest) != 1 else ""} '
            f'({sum(sum(c.values()) for _, c in rest):,} findings): filter by code below</p>'
            if rest else ""
        )
        legend = '<p class="legend">' + "".join(f'<span class="key {s}">{s}</span>' for s in SEVERITIES) + "</p>"
        family_rows = [
            (f"{fam} {FAMILY_TITLES.get(fam, '')}".strip(), counts, f' data-family="{_esc(fam)}"')
            for fam, counts in sorted(self.by_family.items())
        ]
        worst = sorted((w for w in self.worst if w[0] or w[1]), reverse=True)
        items = "".join(
            f'<li><a href="#h-{index}">{_esc(root)}</a><span class="counts">'
            f'<span class="error">{errors} error{"s" if errors != 1 else ""}</span> · '
            f'<span class="warning">{warnings} warning{"s" if warnings != 1 else ""}</span></span></li>'
            for errors, warnings, _, index, root in worst
        )
        top = f'<ol class="worst">{items}</ol>' if items else '<p class="empty-note">No host has an error or a warning.</p>'
        note = alone_note(self.alone)
        return (
            '<section class="panel" id="summary"><h2>Summary</h2>\n'
            f'<div class="cards">{card_html}</div>\n'
            + (f'<p class="note" id="alone-note">Note: {_esc(note)}.</p>\n' if note else "")
            + '<div class="charts">'
            f'<div class="by-code"><h3>Findings per code</h3>{legend}{_chart(code_rows, 540, 240)}{more}</div>'
            f'<div class="side"><div><h3>Findings per family</h3>{_chart(family_rows, 420, 160)}</div>'
            f"<div><h3>Hosts with most errors</h3>{top}</div></div>"
            "</div></section>\n"
        )

    def _rule_docs(self) -> str:
        from bondlint.report.rules import rule_markdown

        articles = []
        for code in sorted(self.by_code):
            rule = self.rules.get(code)
            doc = _markdown(rule_markdown(rule)) if rule else f"<h1>{_esc(code)}</h1><p>No installed rule documents this code.</p>"
            articles.append(f'<article id="rule-{_esc(code)}" data-code="{_esc(code)}" data-family="{_esc(_family(code))}">{doc}</article>')
        body = "".join(articles) or '<p class="empty-note">No rule fired.</p>'
        return f'<section class="panel" id="rules"><h2>Rules that fired</h2>\n{body}</section>\n'
