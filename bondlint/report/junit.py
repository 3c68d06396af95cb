"""JUnit XML, as CI test reports read it: a fleet audit shown as tests.

One ``<testsuite>`` per root, one ``<testcase>`` per file read (so clean files
show as passed), one ``<failure>`` per finding in that file. Findings about
the root itself (a root that cannot be read) go to a test case named after
the root. ``failures`` counts failed test cases, so tests - failures passed.
Each suite is written when its root finishes; nothing is kept across roots.
"""

from __future__ import annotations

import re
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from bondlint.findings import Finding
from bondlint.report.base import RootSink, alone_note, fix_note

#: What XML 1.0 cannot carry even escaped (C0 controls but tab and newlines, lone
#: surrogates from undecodable names, U+FFFE/U+FFFF), and bidi controls (U+202E: shown as
#: every other format shows them), as U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", value))


def _location(f: Finding) -> str:
    where = f.path or f.root or "-"
    return f"{where}:{f.line}:{f.column}" if f.line else where


def _failure(f: Finding) -> str:
    body = f"{_location(f)}: {f.code} {f.severity} [{f.name}] {f.message}"
    for rel in f.related:
        body += f"\n  = {rel.span.path or ''}:{rel.span.line}:{rel.span.column}: {rel.message}"
    note = fix_note(f)
    if note is not None and f.fix is not None:
        body += f"\n  = {note}: {f.fix.message}"
    return (
        f"      <failure type={_attr(f.code)} message={_attr(f'{f.code} {f.message}')}>"
        f"{_text(body)}</failure>\n"
    )


class JunitSink(RootSink):
    def start(self, roots: Sequence[str]) -> None:
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bondlint">\n')

    def add_root(self, root: str, files: Sequence[str], findings: Sequence[Finding], alone: bool = False) -> None:
        cases: dict[str, list[Finding]] = {path: [] for path in files}
        for f in findings:
            cases.setdefault(f.path or root, []).append(f)
        failed = sum(1 for found in cases.values() if found)
        self.out.write(
            f"  <testsuite name={_attr(root)} tests=\"{len(cases)}\" failures=\"{failed}\" errors=\"0\" skipped=\"0\">\n"
        )
        if alone:  # the suite's own note: a file given alone passed only the file-level rules
            self.out.write(f"    <properties><property name=\"bondlint.note\" value={_attr(alone_note(1) or '')}/></properties>\n")
        for path, found in cases.items():
            name = path[len(root) :].lstrip("/") if path.startswith(root.rstrip("/") + "/") else path
            self.out.write(f"    <testcase classname={_attr(root)} name={_attr(name)} file={_attr(path)}")
            if not found:
                self.out.write("/>\n")
                continue
            self.out.write(">\n" + "".join(_failure(f) for f in found) + "    </testcase>\n")
        self.out.write("  </testsuite>\n")

    def finish(self, summary: dict[str, int], roots: Sequence[str]) -> None:
        self.out.write("</testsuites>\n")
