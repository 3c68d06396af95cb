"""Over every corpus host and every fixture (copied): --fix changes only the reported edits.

For each copy: every file no fix touched is byte-identical; each changed file
is exactly its original with the reported edits spliced in, pass after pass
(so no byte outside an edit moved, CRLF files included); it still parses,
with no problem it did not have; and safe fixes bring no new finding.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

import bondlint
from tests.conftest import CORPUS, HOSTS
from tests.fix._support import copy_host, temp_files, tree_bytes


FIXTURE_ROOTS = sorted(p for p in HOSTS.iterdir() if p.is_dir())


def _corpus_roots() -> list[Path]:
    if not (CORPUS / "hosts").is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (it sits beside the repo in CI)")
    return sorted(p for p in (CORPUS / "hosts").iterdir() if p.is_dir())


def _to_crlf(root: Path) -> None:
    """Every ifcfg file saved on Windows: BL004's fix, and every other fix on CRLF text."""
    scripts = root / "etc/sysconfig/network-scripts"
    for f in scripts.glob("ifcfg-*") if scripts.is_dir() else ():
        if f.is_file() and not f.is_symlink():
            f.write_bytes(f.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in sorted(edits):
        assert start >= pos, "two reported edits overlap"
        out += [text[pos:start], new]
        pos = end
    return "".join(out) + text[pos:]


def _replayed(report: bondlint.FixReport, change, before: str) -> str:
    text = before
    passes = sorted({a.pass_number for a in report.applied})
    for n in passes:
        edits = [
            (e.start, e.end, e.text)
            for a in report.applied
            if a.pass_number == n
            for e in a.finding.fix.edits
            if e.path == change.path
        ]
        text = _splice(text, edits)
    return text


def _problems(path: Path) -> Counter:
    return Counter(p.kind for p in bondlint.parse_file(path).problems)


COMBINATIONS = [
    (which, unsafe, crlf)
    for which in ("corpus", "fixtures")
    for unsafe in (False, True)
    for crlf in (False, True)
    if not (which == "fixtures" and unsafe and crlf)  # the slowest and least telling (~20 s)
]


@pytest.mark.parametrize(
    ("which", "unsafe", "crlf"),
    COMBINATIONS,
    ids=[f"{w}-{'unsafe' if u else 'safe'}-{'crlf' if c else 'as-is'}" for w, u, c in COMBINATIONS],
)
def test_fix_changes_only_the_reported_edits(which: str, unsafe: bool, crlf: bool, tmp_path: Path) -> None:
    roots = _corpus_roots() if which == "corpus" else FIXTURE_ROOTS
    changed_files = 0
    for i, source in enumerate(roots):
        root = copy_host(source, tmp_path / f"{i}-{source.name}")
        if crlf:
            _to_crlf(root)
        original = tree_bytes(root)
        # CRs hide findings bash would give once they are gone (the point of BL004): not compared
        compare = not unsafe and not crlf
        before_findings = bondlint.lint(str(root)).findings if compare else ()
        report = bondlint.fix(str(root), unsafe=unsafe, write=True)
        assert not report.failures, (source.name, report.failures)
        after = tree_bytes(root)
        changed = {os.path.relpath(c.path, root) for c in report.changes if c.written}
        created = {os.path.relpath(c.path, root) for c in report.changes if c.before is None}  # BL512's network file
        assert set(after) == set(original) | created, f"{source.name}: files appeared or vanished"
        assert not temp_files(root), f"{source.name}: a temporary file was left"
        for rel, data in original.items():
            if rel not in changed:
                assert after[rel] == data, f"{source.name}/{rel} changed without a reported edit"
        for c in report.changes:
            assert c.written, (source.name, c.path, report.refused)
            rel = os.path.relpath(c.path, root)
            before_text = original[rel].decode("utf-8") if rel in original else ""
            assert after[rel].decode("utf-8") == _replayed(report, c, before_text), f"{source.name}/{rel}"
            assert not (_problems(root / rel) - Counter(p.kind for p in bondlint.parse_text(before_text, c.path and bondlint.detect_kind(c.path), c.path).problems)), f"{source.name}/{rel}: new problem"
            changed_files += 1
        if compare:
            old = Counter((f.code, f.path) for f in before_findings)
            new = Counter((f.code, f.path) for f in bondlint.lint(str(root)).findings) - old
            assert not new, f"{source.name}: safe fixes brought new findings {new}"
    if which == "fixtures" or crlf:  # the real hosts as they are may well need nothing
        assert changed_files, "no host had anything to fix: the property was not exercised"
    print(f"{which}: {len(roots)} roots, {changed_files} files fixed")
