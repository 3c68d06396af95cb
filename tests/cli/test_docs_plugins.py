"""Rule documentation, third-party rule packs, and internal failures."""

from __future__ import annotations

import json

import base64
import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import bondlint
from tests.conftest import HOSTS, run_cli

SEED = HOSTS / "seed-centos52-xen-8023ad"

# -- documentation ---------------------------------------------------------


@pytest.mark.parametrize("selector", ["BL402", "bl402", "bond-alias-not-first"])
def test_explain_prints_the_documentation(selector: str) -> None:
    proc = run_cli("--explain", selector)
    assert proc.returncode == 0, proc.stderr
    doc = bondlint.registry()["BL402"].doc
    assert "BL402 bond-alias-not-first" in proc.stdout
    assert "Default severity: warning" in proc.stdout
    assert "el5" in proc.stdout  # the release it applies to
    first_line = doc.splitlines()[0]
    assert " ".join(first_line.split()[:6]) in " ".join(proc.stdout.split())
    for heading in ("What it checks", "Why it matters", "Fix"):
        assert heading in doc and heading in proc.stdout


def test_explain_unknown_code_is_exit_2() -> None:
    proc = run_cli("--explain", "BL4O2")
    assert proc.returncode == 2
    assert proc.stderr == "bondlint: error: no rule 'BL4O2'; see bondlint --list-rules\n"


def test_list_rules_lists_every_rule_one_per_line() -> None:
    proc = run_cli("--list-rules")
    assert proc.returncode == 0
    rows = {line.split()[0]: line.split() for line in proc.stdout.splitlines()[1:]}
    rules = bondlint.registry()
    assert list(rows) == list(rules)
    for code, r in rules.items():
        assert rows[code][1:4] == [r.name, str(r.severity), ("safe/unsafe" if r.unsafe_fixes else "safe") if str(r.fix) != "none" else "none"]
        on_release = ",".join(f"{k}:{v}" for k, v in sorted(r.severity_by_release.items(), key=lambda kv: int(kv[0][2:])))
        assert rows[code][5] == (on_release or "-")
    assert {"BL000", "BL002", "BL402", "BL901", "BL902"} <= set(rows)
    # the severities that depend on the release, from the rules' declarations (RULES.md: E [5], W otherwise)
    assert (rows["BL205"][2], rows["BL205"][5]) == ("warning", "el5:error")
    assert (rows["BL406"][2], rows["BL406"][4], rows["BL406"][5]) == ("error", "el6-el10", "el6:warning")
    assert rows["BL107"][4] == "el5,el6"  # releases oldest first, a run of three or more as a range


def test_list_rules_as_json_says_which_rules_have_a_fix() -> None:
    proc = run_cli("--list-rules", "--format", "json")
    assert proc.returncode == 0
    listed = {e["code"]: e for e in json.loads(proc.stdout)}
    rules = bondlint.registry()
    assert list(listed) == list(rules)
    assert (listed["BL205"]["fix"], listed["BL000"]["fix"]) == ("safe/unsafe", "none")
    for code, r in rules.items():
        assert (listed[code]["name"], listed[code]["severity"]) == (r.name, str(r.severity))
        assert listed[code]["releases"] == (sorted(r.releases) if r.releases else None)
        assert listed[code]["severity_by_release"] == {k: str(v) for k, v in r.severity_by_release.items()}
    assert listed["BL205"]["severity_by_release"] == {"el5": "error"}
    assert listed["BL406"]["severity_by_release"] == {"el6": "warning"}
    assert run_cli("--list-rules", "--format", "sarif").returncode == 2


def test_explain_shows_the_severity_on_each_release() -> None:
    proc = run_cli("--explain", "BL205")
    assert proc.returncode == 0, proc.stderr
    assert "Default severity: warning (el5: error)." in proc.stdout


def test_version() -> None:
    proc = run_cli("--version")
    assert (proc.returncode, proc.stdout) == (0, f"bondlint {bondlint.__version__}\n")


# -- a third-party rule pack, installed for real ---------------------------

TINYPACK = '''
"""A rule pack as a third party would write it."""

from bondlint import Severity, Violation, rule


@rule("TP001", "bond-name-convention", Severity.WARNING)
def bond_name_convention(host):
    """Bond masters must be called bondN.

    ## What it checks
    Every bond master's DEVICE starts with "bond".
    """
    for name in host.bonds:
        yield Violation(None, f"bond {name} seen by tinypack")


@rule("TP002", "always-crashes", Severity.ERROR)
def always_crashes(host):
    """A rule with a bug in it."""
    raise RuntimeError("tinypack bug")
'''


ENTRY_POINTS = """\
[bondlint.rules]
tinypack = tinypack
"""


def _wheel(folder: Path) -> Path:
    """tinypack as a wheel, built here byte by byte: no build backend, no network.

    (Building from a pyproject would need setuptools from PyPI in pip's isolated
    build environment; a venv with --system-site-packages would see the base
    interpreter's packages instead of ours, and miss bondlint's dependencies.)
    """
    files = {
        "tinypack/__init__.py": TINYPACK,
        "tinypack-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: tinypack\nVersion: 1.0\n",
        "tinypack-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: bondlint-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        "tinypack-1.0.dist-info/entry_points.txt": ENTRY_POINTS,
    }
    record = []
    for name, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(text.encode())}")
    files["tinypack-1.0.dist-info/RECORD"] = "\n".join([*record, "tinypack-1.0.dist-info/RECORD,,"]) + "\n"
    wheel = folder / "tinypack-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return wheel


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where pip installed tinypack, put on PYTHONPATH of this very interpreter:
    the installed bondlint and its dependencies, plus a third party's rule pack."""
    base = tmp_path_factory.mktemp("plugin")
    site = base / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(site), str(_wheel(base))],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_WARN_SCRIPT_LOCATION": "1"},
    )
    return site


def _run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "bondlint", *args], capture_output=True, text=True, env=env, timeout=120)


def test_rule_pack_is_listed_and_runs(plugin_site: Path) -> None:
    listing = _run(plugin_site, "--list-rules").stdout.splitlines()
    row = next(line.split(None, 7) for line in listing if line.startswith("TP001"))
    assert row[:7] == ["TP001", "bond-name-convention", "warning", "none", "all", "-", "tinypack"]
    assert any(line.startswith("BL402 ") for line in listing)  # the built-in rules are still there

    proc = _run(plugin_site, "--select", "TP001", str(SEED))
    assert proc.returncode == 1, proc.stderr
    assert "TP001 warning [bond-name-convention] bond bond0 seen by tinypack" in proc.stdout
    assert _run(plugin_site, "--explain", "TP001").stdout.count("Bond masters must be called bondN") == 1


def test_a_crashing_rule_is_one_line_and_exit_2(plugin_site: Path) -> None:
    proc = _run(plugin_site, "--select", "TP,BL4", str(SEED))
    assert proc.returncode == 2
    assert "TP001 warning" in proc.stdout  # the other rules still ran and reported
    assert proc.stderr.splitlines() == [
        f"bondlint: internal error in rule TP002 on {SEED}: RuntimeError: tinypack bug (run with --debug for a traceback)"
    ]


def test_debug_shows_the_traceback(plugin_site: Path) -> None:
    proc = _run(plugin_site, "--debug", "--select", "TP002", str(SEED))
    assert proc.returncode == 2
    assert "Traceback (most recent call last)" in proc.stderr
    assert 'raise RuntimeError("tinypack bug")' in proc.stderr


def test_a_pack_that_fails_to_load_is_one_line(plugin_site: Path, tmp_path: Path) -> None:
    site = plugin_site / "tinypack" / "__init__.py"
    original = site.read_text()
    try:
        site.write_text(original + "\nimport no_such_module_anywhere\n")
        proc = _run(plugin_site, str(SEED))
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and "rule pack 'tinypack'" in proc.stderr and "Traceback" not in proc.stderr
        proc = _run(plugin_site, "--debug", str(SEED))
        assert proc.returncode == 2 and "Traceback (most recent call last)" in proc.stderr
        assert proc.stderr.splitlines()[-1].startswith("bondlint: internal error: RegistryError: rule pack 'tinypack'")
    finally:
        site.write_text(original)
