"""Every rule fires on its fixture host and stays silent on the close variant.

Fixture trees live in ``fixtures/hosts/<CODE>-<what-it-shows>/``; a name of the
form ``<CODE>-ok-<...>`` must produce no finding of CODE. The real CLI runs
once over every fixture (one process, many roots), and each fixture's findings
of its own code are snapshot-tested.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import HOSTS, run_json

FIXTURE_RE = re.compile(r"^(BL\d{3})-(ok-)?[a-z0-9.-]+$")
FIXTURES = sorted(p for p in HOSTS.iterdir() if p.is_dir() and FIXTURE_RE.match(p.name))


@pytest.fixture(scope="session")
def findings_by_root() -> dict[str, list[dict]]:
    report = run_json(*(str(p) for p in FIXTURES))
    by_root: dict[str, list[dict]] = {str(p): [] for p in FIXTURES}
    for f in report["findings"]:
        by_root.setdefault(f["root"], []).append(f)
    return by_root


def _relative(finding: dict, root: str) -> dict:
    out = dict(finding)
    out.pop("root")
    # Keys the reports added later, tested with them (tests/report/): left out so these
    # snapshots stay about each rule's findings, not about paths or fingerprint recipes.
    out.pop("related", None)
    out.pop("fingerprint", None)
    out.pop("context", None)  # the fixture's own source lines
    out.pop("unrecorded", None)
    if out["path"] and out["path"].startswith(root):
        out["path"] = out["path"][len(root) :].lstrip("/")
    if "fix" in out:  # its edits name files too
        edits = [{**e, "path": e["path"][len(root) :].lstrip("/") if e["path"].startswith(root) else e["path"]} for e in out["fix"]["edits"]]
        out["fix"] = {**out["fix"], "edits": edits}
    return out


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_rule_fixture(fixture, findings_by_root, snapshot) -> None:
    code, ok = FIXTURE_RE.match(fixture.name).groups()
    mine = [_relative(f, str(fixture)) for f in findings_by_root[str(fixture)] if f["code"] == code]
    if ok:
        assert mine == [], f"{fixture.name} must not trigger {code}"
    else:
        assert mine, f"{fixture.name} must trigger {code}"
    snapshot.snapshot_dir = HOSTS.parent.parent / "tests" / "rules" / "snapshots"
    snapshot.assert_match(json.dumps(mine, indent=2) + "\n", f"{fixture.name}.json")


def test_every_rule_has_a_firing_and_a_silent_fixture() -> None:
    from bondlint.engine import registry

    firing = {FIXTURE_RE.match(p.name).group(1) for p in FIXTURES if not FIXTURE_RE.match(p.name).group(2)}
    silent = {FIXTURE_RE.match(p.name).group(1) for p in FIXTURES if FIXTURE_RE.match(p.name).group(2)}
    builtin = {code for code, r in registry().items() if r.origin == "builtin"}
    missing = sorted(c for c in builtin if c not in firing or c not in silent)
    assert not missing, f"rules without a firing and an -ok- fixture: {missing}"
