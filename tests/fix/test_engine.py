"""The fix loop with rules written for the test: conflicts, the pass bound, multi-file and new files."""

from __future__ import annotations

import os
from pathlib import Path

from bondlint.engine import rule
from bondlint.findings import Severity, Violation
from bondlint.fixing import Edit, Fix, apply_edits
from bondlint.fixing.engine import MAX_PASSES, fix_root
from bondlint.runner import Pipeline
from bondlint.syntax.span import LineIndex

SCRIPTS = "etc/sysconfig/network-scripts"


def _host(tmp_path: Path, text: str = "DEVICE=eth0\n") -> Path:
    root = tmp_path / "h"
    (root / SCRIPTS).mkdir(parents=True)
    (root / SCRIPTS / "ifcfg-eth0").write_text(text)
    return root


def _ifcfg_docs(host):
    return [d for d in host.documents if d.kind == "ifcfg"]


def _prepend(word: str):
    """A rule that wants ``word=1`` as the first line, inserted at offset 0 (where the others insert too)."""

    @rule(f"TS00{len(word)}", f"prepend-{word.lower()}", Severity.WARNING, scope="file", fix="always")
    def check(host):
        """Test rule."""
        for doc in _ifcfg_docs(host):
            if f"{word}=1\n" not in doc.text:
                at = LineIndex(doc.text, doc.path).span(0, 0)
                yield Violation(at, f"{word} missing", fix=Fix.safe(f"add {word}", Edit.insert(at, f"{word}=1\n")))

    return check


def test_overlapping_fixes_apply_one_per_pass(tmp_path: Path) -> None:
    root = _host(tmp_path)
    result = fix_root(str(root), Pipeline.of_rules([_prepend("A"), _prepend("BB")]), write=True)
    assert [(a.finding.code, a.pass_number) for a in result.applied] == [("TS001", 1), ("TS002", 2)]
    assert (root / SCRIPTS / "ifcfg-eth0").read_text() == "BB=1\nA=1\nDEVICE=eth0\n"
    assert result.converged and not result.remaining


def test_fixes_that_never_settle_stop_at_the_bound(tmp_path: Path) -> None:
    @rule("TS009", "always-more", Severity.WARNING, scope="file", fix="always")
    def always(host):
        """Test rule."""
        for doc in _ifcfg_docs(host):
            at = LineIndex(doc.text, doc.path).span(0, 0)
            yield Violation(at, "more", fix=Fix.safe("more", Edit.insert(at, "#\n")))

    root = _host(tmp_path)
    result = fix_root(str(root), Pipeline.of_rules([always]))
    assert not result.converged
    assert len(result.applied) == MAX_PASSES and [f.code for f in result.remaining] == ["TS009"]
    assert result.changes[0].after == "#\n" * MAX_PASSES + "DEVICE=eth0\n"
    assert (root / SCRIPTS / "ifcfg-eth0").read_text() == "DEVICE=eth0\n", "nothing written without write=True"


def _gatewaydev_rule():
    """One fix, two files: create etc/sysconfig/network, then edit ifcfg-eth0."""

    @rule("TS010", "two-files", Severity.WARNING, fix="always", unsafe_fixes=True)
    def check(host):
        """Test rule."""
        if host.network is not None:
            return
        (doc,) = _ifcfg_docs(host)
        network = os.path.join(host.root, "etc/sysconfig/network")
        end = LineIndex(doc.text, doc.path).span(len(doc.text), len(doc.text))
        yield Violation(
            end,
            "no network file",
            fix=Fix.unsafe("add GATEWAYDEV", Edit.create(network, "GATEWAYDEV=eth0\n"), Edit.insert(end, "DEFROUTE=yes\n")),
        )

    return check


def test_a_fix_may_create_a_file_and_edit_another(tmp_path: Path) -> None:
    root = _host(tmp_path)
    check = _gatewaydev_rule()
    assert fix_root(str(root), Pipeline.of_rules([check]), write=True).applied == (), "unsafe fixes need unsafe=True"
    result = fix_root(str(root), Pipeline.of_rules([check]), unsafe=True, write=True)
    assert [c.rel for c in result.changes] == ["etc/sysconfig/network", f"{SCRIPTS}/ifcfg-eth0"], "written in the fix's order"
    assert all(c.written for c in result.changes)
    assert result.changes[0].diff().startswith("--- /dev/null\n+++ ")
    assert (root / "etc/sysconfig/network").read_text() == "GATEWAYDEV=eth0\n"
    assert oct((root / "etc/sysconfig/network").stat().st_mode & 0o777) == "0o644"
    assert (root / SCRIPTS / "ifcfg-eth0").read_text() == "DEVICE=eth0\nDEFROUTE=yes\n"
    assert fix_root(str(root), Pipeline.of_rules([check]), unsafe=True, write=True).changes == ()


def test_a_fix_of_a_file_outside_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.write_text("x\n")

    @rule("TS011", "outside", Severity.WARNING, scope="file", fix="always")
    def check(host):
        """Test rule."""
        yield Violation(None, "outside", fix=Fix.safe("touch", Edit.create(str(outside), "y\n")))

    result = fix_root(str(_host(tmp_path)), Pipeline.of_rules([check]), write=True)
    assert result.applied == () and outside.read_text() == "x\n"
    assert [r.reason for r in result.refused] == ["outside the audited root: not edited"]


def test_apply_edits_keeps_every_other_character() -> None:
    text = "a\r\nb\r\n"
    index = LineIndex(text)
    assert apply_edits(text, [Edit.delete(index.span(1, 2)), Edit.replace(index.span(3, 4), "B")]) == "a\nB\r\n"


def test_a_malformed_fix_is_refused_not_a_crash(tmp_path: Path) -> None:
    @rule("TS012", "overlapping-edits", Severity.WARNING, scope="file", fix="always")
    def check(host):
        """Test rule."""
        for doc in _ifcfg_docs(host):
            index = LineIndex(doc.text, doc.path)
            yield Violation(
                index.span(0, 3), "bad", fix=Fix.safe("bad", Edit.replace(index.span(0, 3), "x"), Edit.replace(index.span(2, 5), "y"))
            )
            yield Violation(index.span(0, 1), "beyond", fix=Fix.safe("beyond", Edit.replace(index.span(0, 999), "x")))

    root = _host(tmp_path)
    result = fix_root(str(root), Pipeline.of_rules([check]), write=True)
    assert result.applied == () and result.changes == ()
    assert any("malformed" in r.reason for r in result.refused)
    assert (root / SCRIPTS / "ifcfg-eth0").read_text() == "DEVICE=eth0\n"
