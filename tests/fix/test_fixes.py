"""Each fix on its fixture: the diff (snapshot), the code gone after --fix, nothing new, idempotent.

Every step goes through the real CLI in-process (``cli.main``) on a copy of the
fixture, so the fixture trees in the repository are never written.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from bondlint import cli
from tests.conftest import HOSTS
from tests.fix._support import copy_host, tree_bytes

SNAPSHOTS = Path(__file__).parent / "snapshots"

#: (fixture, code it repairs, extra flags)
CASES = [
    ("BL002-bonding-opts-unquoted", "BL002", ()),
    ("BL004-crlf-slave", "BL004", ()),
    ("BL007-slave-uppercase-onboot-true", "BL007", ("--unsafe-fixes",)),
    ("BL402-slave-driver-alias-first", "BL402", ()),
    ("BL405-options-trailing-comment", "BL405", ()),
    ("BL602-network-script-unquoted", "BL602", ()),
]


def main(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def findings(root: Path) -> list[dict]:
    code, out, err = main("--format", "json", str(root))
    assert code in (0, 1), err
    return json.loads(out)["findings"]


def _key(f: dict, root: Path) -> tuple[str, str]:
    return f["code"], str(Path(f["path"]).relative_to(root)) if f["path"] else ""


@pytest.mark.parametrize(("fixture", "code", "flags"), CASES, ids=[c[0] for c in CASES])
def test_fix_on_its_fixture(fixture: str, code: str, flags: tuple[str, ...], tmp_path: Path, snapshot) -> None:
    root = copy_host(HOSTS / fixture, tmp_path / fixture)
    before = findings(root)
    assert any(f["code"] == code and "fix" in f for f in before), f"{fixture} offers no {code} fix"
    original = tree_bytes(root)

    status, diff, _ = main("--diff", *flags, str(root))
    assert status == 1 and diff
    assert tree_bytes(root) == original, "--diff wrote something"
    snapshot.snapshot_dir = SNAPSHOTS
    shown = diff.replace(str(tmp_path) + "/", "").replace("\r", "\\r")  # CRs visible (and storable)
    snapshot.assert_match(shown, f"{fixture}.diff")

    main("--fix", *flags, str(root))
    after = findings(root)
    assert not [f for f in after if f["code"] == code], f"{code} still reported after --fix"
    new = Counter(_key(f, root) for f in after) - Counter(_key(f, root) for f in before)
    assert not new, f"--fix brought new findings: {new}"

    fixed = tree_bytes(root)
    assert fixed != original
    status, diff, _ = main("--diff", *flags, str(root))
    assert (status, diff) == (0, ""), "a second pass would still change something"
    main("--fix", *flags, str(root))
    assert tree_bytes(root) == fixed, "a second --fix changed the files"


def test_safe_only_by_default(tmp_path: Path) -> None:
    """SLAVE=YES is no slave to initscripts: rewriting it is unsafe, so plain --fix leaves it."""
    root = copy_host(HOSTS / "BL007-slave-uppercase-onboot-true", tmp_path / "h")
    main("--fix", str(root))
    eth0 = (root / "etc/sysconfig/network-scripts/ifcfg-eth0").read_text()
    assert "ONBOOT=yes" in eth0 and "SLAVE=YES" in eth0
    left = [f for f in findings(root) if f["code"] == "BL007"]
    assert [f["fix"]["applicability"] for f in left] == ["unsafe"]


def test_fixes_that_wait_for_an_earlier_pass(tmp_path: Path) -> None:
    """CRLF first (BL004), then the quoting (BL002) of the value the CR was stuck to: two passes."""
    root = tmp_path / "h"
    scripts = root / "etc/sysconfig/network-scripts"
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-bond0").write_bytes(b"DEVICE=bond0\r\nONBOOT=YES\r\nBONDING_OPTS=mode=1 miimon=100\r\n")
    status, _, err = main("--fix", "--show-fixes", "--select", "BL002,BL004,BL007", str(root))
    assert (scripts / "ifcfg-bond0").read_bytes() == b'DEVICE=bond0\nONBOOT=yes\nBONDING_OPTS="mode=1 miimon=100"\n'
    assert "(pass 1)" in err and "(pass 2)" in err
    assert status == 0


def test_variable_assignments_after_a_value_are_an_unsafe_quote(tmp_path: Path) -> None:
    root = tmp_path / "h"
    scripts = root / "etc/sysconfig/network-scripts"
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-eth0").write_text("DEVICE=eth0\nIPADDR=10.0.0.1 NETMASK=255.0.0.0\n")
    (bl002,) = [f for f in findings(root) if f["code"] == "BL002"]
    assert bl002["fix"]["applicability"] == "unsafe"
    assert main("--diff", str(root))[0] == 0


def test_every_format_says_whether_a_fix_is_available(tmp_path: Path) -> None:
    root = copy_host(HOSTS / "BL007-slave-uppercase-onboot-true", tmp_path / "h")
    _, text, _ = main("--select", "BL007", str(root))
    assert "[fix: safe]" in text and "[fix: unsafe]" in text and "[*] 2 fixable with --fix; 1 more" in text
    _, gh, _ = main("--format", "github", "--select", "BL007", str(root))
    assert "(fix available, unsafe: bondlint --fix --unsafe-fixes)" in gh
    _, sarif, _ = main("--format", "sarif", "--select", "BL007", str(root))
    results = json.loads(sarif)["runs"][0]["results"]
    assert {r["properties"]["fixSafety"] for r in results} == {"safe", "unsafe"}
    change = results[0]["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"]["text"] in ("yes", "no")
    _, gitlab, _ = main("--format", "gitlab", "--select", "BL007", str(root))
    notes = sorted(i["description"].rsplit("(", 1)[1] for i in json.loads(gitlab))
    assert set(notes) == {"fix available, safe: bondlint --fix)", "fix available, unsafe: bondlint --fix --unsafe-fixes)"}
    _, junit, _ = main("--format", "junit", "--select", "BL007", str(root))
    assert "= fix available, safe: bondlint --fix: write ONBOOT=yes" in junit
    _, page, _ = main("--format", "html", "--select", "BL007", str(root))
    assert '<p class="fix unsafe">fix available, unsafe: bondlint --fix --unsafe-fixes: write SLAVE=yes' in page


@pytest.mark.parametrize(
    ("release", "line", "safety"),
    [
        ("el7", "ONBOOT=YES", "safe"),  # yes to initscripts and NetworkManager
        ("el7", "ONBOOT=No", "safe"),  # no to both
        ("el7", "ONBOOT=false", "unsafe"),  # yes to initscripts, no to NetworkManager
        ("el5", "ONBOOT=off", "unsafe"),  # yes to initscripts: the word says no
        ("el7", "ONBOOT=n", "unsafe"),  # yes to initscripts, no to NetworkManager
        ("el7", "SLAVE=NO", "safe"),  # not a slave to initscripts either way; NM ignores SLAVE
        ("el7", "SLAVE=True", "unsafe"),  # no slave to initscripts today
        ("el7", "USERCTL='TRUE'", "safe"),  # usernetctl grants it already
        ("el7", "USERCTL=1", "unsafe"),  # usernetctl does not grant it today
        ("el7", "NM_CONTROLLED=NO", "unsafe"),  # initscripts compare with literal strings
        ("el7", "ONBOOT=maybe", None),  # no boolean word: no fix
    ],
)
def test_boolean_fix_safety_per_reader(release: str, line: str, safety: str | None, tmp_path: Path) -> None:
    root = tmp_path / "h"
    scripts = root / "etc/sysconfig/network-scripts"
    scripts.mkdir(parents=True)
    (scripts / "ifcfg-eth0").write_text(f"DEVICE=eth0\n{line}\n")
    _, out, _ = main("--format", "json", "--release", release, "--select", "BL007", str(root))
    (finding,) = json.loads(out)["findings"]
    assert (finding["fix"]["applicability"] if "fix" in finding else None) == safety
