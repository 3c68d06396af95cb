"""The holding folder of issue 12's fixtures: host trees for behaviour the rules do not have yet.

They move to ``fixtures/hosts/`` (and so under test_rule_fixtures.py) as the rules learn
what their README.txt says. Until then this keeps the folder usable: names the fixture test
will accept, a firing and a silent tree for every code, and a README of two lines saying
what should and should not be reported.
"""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.rules.test_rule_fixtures import FIXTURE_RE

PENDING = FIXTURES / "pending-12"
TREES = sorted(p for p in PENDING.iterdir() if p.is_dir())


@pytest.mark.parametrize("tree", TREES, ids=lambda p: p.name)
def test_pending_tree_is_named_and_explained(tree) -> None:
    assert FIXTURE_RE.match(tree.name), tree.name
    lines = (tree / "README.txt").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[0].startswith("Report: ") and lines[1].startswith("Do not report: "), lines
    assert any(p.is_file() and p.name != "README.txt" for p in tree.rglob("*")), "a tree holds host files"


def test_every_pending_code_has_a_firing_and_a_silent_tree() -> None:
    firing = {FIXTURE_RE.match(p.name).group(1) for p in TREES if not FIXTURE_RE.match(p.name).group(2)}
    silent = {FIXTURE_RE.match(p.name).group(1) for p in TREES if FIXTURE_RE.match(p.name).group(2)}
    assert firing == silent, {"without a silent tree": firing - silent, "without a firing tree": silent - firing}
