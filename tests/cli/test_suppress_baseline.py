"""Silencing findings: inline comments in the audited files, and baselines."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import SCRIPTS, break_host, copy_seed
from tests.conftest import run_cli

UNQUOTED = "BONDING_OPTS=mode=4 miimon=100"


def _found(host: Path, *args: str, cwd: Path | None = None) -> list[tuple[str, str, int]]:
    proc = run_cli("--format", "json", "--select", "BL0,BL4,BL9", *args, str(host), cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["code"], Path(f["path"]).name, f["line"]) for f in json.loads(proc.stdout)["findings"]]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


# -- suppressions ----------------------------------------------------------


def test_full_line_directive_applies_to_the_next_real_line(bad_host: Path) -> None:
    bond0 = bad_host / SCRIPTS / "ifcfg-bond0"
    _edit(bond0, UNQUOTED, f"# bondlint: disable=BL002\n\n# why: the vendor's tool writes it so\n{UNQUOTED}")
    assert _found(bad_host) == [("BL402", "modprobe.conf", 5)]


def test_end_of_line_directive_applies_to_its_line_and_takes_names(bad_host: Path) -> None:
    bond0 = bad_host / SCRIPTS / "ifcfg-bond0"
    _edit(bond0, UNQUOTED, f"{UNQUOTED}  # bondlint: disable=unquoted-whitespace-value")
    assert _found(bad_host) == [("BL402", "modprobe.conf", 5)]


def test_disable_file(bad_host: Path) -> None:
    modprobe = bad_host / "etc/modprobe.conf"
    modprobe.write_text("# bondlint: disable-file=BL402,BL405\n" + modprobe.read_text() + "options bonding mode=4 # lacp\n")
    assert _found(bad_host) == [("BL002", "ifcfg-bond0", 10)]


def test_full_line_directive_works_in_modprobe_files(bad_host: Path) -> None:
    _edit(bad_host / "etc/modprobe.conf", "alias bond0 bonding", "# bondlint: disable=BL402\nalias bond0 bonding")
    assert _found(bad_host) == [("BL002", "ifcfg-bond0", 10)]


def test_end_of_line_directive_is_not_honoured_in_modprobe_files(seed_host: Path) -> None:
    # kmod passes everything after "options bonding" to the module: the "comment" is a module option.
    modprobe = seed_host / "etc/modprobe.conf"
    modprobe.write_text(modprobe.read_text() + "options bonding miimon=100 # bondlint: disable=BL405\n")
    # No BL901 (it is no directive), but BL903: the author must learn it silences nothing.
    assert _found(seed_host) == [("BL405", "modprobe.conf", 6), ("BL903", "modprobe.conf", 6)]


def test_unused_suppression_is_bl901(seed_host: Path) -> None:
    eth0 = seed_host / SCRIPTS / "ifcfg-eth0"
    _edit(eth0, "ONBOOT=yes", "# bondlint: disable=BL007,BL002\nONBOOT=yes")
    proc = run_cli("--format", "json", "--select", "BL0,BL9", str(seed_host))
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["code"], f["line"], f["column"]) for f in findings] == [("BL901", 2, 21), ("BL901", 2, 27)]
    assert findings[0]["message"] == "suppression of BL007 silences nothing here"
    assert proc.returncode == 1


def test_unknown_code_in_suppression_is_bl902(bad_host: Path) -> None:
    bond0 = bad_host / SCRIPTS / "ifcfg-bond0"
    _edit(bond0, UNQUOTED, f"{UNQUOTED}  # bondlint: disable=BL0O2")
    proc = run_cli("--format", "json", "--select", "BL0,BL9", str(bad_host))
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["code"], f["line"]) for f in findings] == [("BL002", 10), ("BL902", 10)]
    assert "BL0O2" in findings[1]["message"]


def test_suppression_of_an_unselected_rule_is_not_unused(bad_host: Path) -> None:
    bond0 = bad_host / SCRIPTS / "ifcfg-bond0"
    _edit(bond0, UNQUOTED, f"{UNQUOTED}  # bondlint: disable=BL002")
    assert _found(bad_host, "--ignore", "BL002") == [("BL402", "modprobe.conf", 5)]


# -- baseline --------------------------------------------------------------


def test_baseline_write_then_only_new_findings(bad_host: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    proc = run_cli("--select", "BL0,BL4", "--write-baseline", str(baseline), str(bad_host))
    assert proc.returncode == 0 and proc.stdout == ""
    assert proc.stderr == f"bondlint: wrote 2 finding(s) to baseline {baseline}\n"
    data = json.loads(baseline.read_text())
    assert (data["format"], data["fingerprint_version"]) == ("bondlint-baseline/3", "3")
    assert sorted(e["code"] for e in data["findings"]) == ["BL002", "BL402"]
    assert all(not e["path"].startswith("/") for e in data["findings"])  # paths under the root

    proc = run_cli("--select", "BL0,BL4", "--baseline", str(baseline), str(bad_host))
    assert (proc.returncode, proc.stdout) == (0, "No findings in 1 root.\n")
    assert proc.stderr == f"bondlint: baseline {baseline}: 2 finding(s) suppressed\n"

    # Lines inserted above both findings: still known.
    for rel in ("etc/modprobe.conf", f"{SCRIPTS}/ifcfg-bond0"):
        path = bad_host / rel
        path.write_text("# moved\n\n" + path.read_text())
    assert _found(bad_host, "--baseline", str(baseline)) == []

    # A new mistake is reported, the known ones still are not.
    _edit(bad_host / SCRIPTS / "ifcfg-eth1", "ONBOOT=yes", "ONBOOT=Yes")
    assert _found(bad_host, "--baseline", str(baseline)) == [("BL007", "ifcfg-eth1", 2)]


def test_baseline_moves_with_the_project(tmp_path: Path) -> None:
    """Hosts are named relative to the project directory: a checkout elsewhere still matches."""
    project = tmp_path / "repo"
    break_host(copy_seed(project / "hosts" / "web1"))
    run_cli("--select", "BL0,BL4", "--write-baseline", "baseline.json", "hosts/web1", cwd=project)
    moved = project.rename(tmp_path / "checkout-elsewhere")
    assert _found(moved / "hosts" / "web1", "--baseline", str(moved / "baseline.json"), cwd=moved) == []


def test_baseline_does_not_hide_a_new_host_with_an_old_fault(tmp_path: Path) -> None:
    for name in ("web1", "web2"):
        break_host(copy_seed(tmp_path / name))
    run_cli("--select", "BL0,BL4", "--write-baseline", "baseline.json", "web1", "web2", cwd=tmp_path)
    break_host(copy_seed(tmp_path / "web3"))
    proc = run_cli("--format", "json", "--select", "BL0,BL4", "--baseline", "baseline.json", "web1", "web2", "web3", cwd=tmp_path)
    assert proc.returncode == 1
    assert sorted((f["root"], f["code"]) for f in json.loads(proc.stdout)["findings"]) == [("web3", "BL002"), ("web3", "BL402")]


def test_old_baseline_says_to_rewrite_it(seed_host: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text('{"format": "bondlint-baseline/1", "findings": []}\n')
    proc = run_cli("--baseline", str(old), str(seed_host))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (
        f"bondlint: error: {old}: baseline in the old format 'bondlint-baseline/1', whose fingerprints do not "
        f"say which host a finding is on; write it again once with: bondlint --write-baseline {old} ROOT... "
        "(then review what it suppresses)\n"
    )


def test_baseline_of_the_previous_fingerprint_version_says_how_to_rewrite_it(seed_host: Path, tmp_path: Path) -> None:
    old = tmp_path / "v2.json"
    old.write_text('{"format": "bondlint-baseline/2", "findings": []}\n')
    proc = run_cli("--baseline", str(old), str(seed_host))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (
        f"bondlint: error: {old}: baseline in the old format 'bondlint-baseline/2', whose fingerprints hash the "
        f"whole line (an edit beside a finding made it new); write it again once with: bondlint --write-baseline "
        f"{old} ROOT... (then review what it suppresses)\n"
    )


def test_baseline_reports_stale_entries_and_rewriting_says_what_changed(bad_host: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run_cli("--select", "BL0,BL4", "--write-baseline", str(baseline), str(bad_host))
    _edit(bad_host / SCRIPTS / "ifcfg-bond0", UNQUOTED, 'BONDING_OPTS="mode=4 miimon=100"')  # BL002 fixed
    _edit(bad_host / SCRIPTS / "ifcfg-eth1", "ONBOOT=yes", "ONBOOT=Yes")  # BL007 new
    proc = run_cli("--select", "BL0,BL4", "--baseline", str(baseline), str(bad_host))
    assert proc.returncode == 1
    assert proc.stderr == (
        f"bondlint: baseline {baseline}: 1 finding(s) suppressed, 1 entry stale "
        f"(no longer found; drop them with --write-baseline {baseline})\n"
    )
    proc = run_cli("--select", "BL0,BL4", "--write-baseline", str(baseline), str(bad_host))
    assert proc.stderr == (
        f"bondlint: wrote 2 finding(s) to baseline {baseline}: 1 new, 1 gone (fixed, or no longer found), "
        "1 unchanged since the previous file\n"
    )


def test_an_edit_beside_a_finding_keeps_its_fingerprint(seed_host: Path, tmp_path: Path) -> None:
    """Removing only an inline comment (BL405's fix) leaves the line's other findings known."""
    modprobe = seed_host / "etc/modprobe.conf"
    modprobe.write_text(modprobe.read_text() + "options bonding max_bonds=1 mod=4 # inline comment\n")
    baseline = tmp_path / "baseline.json"
    run_cli("--write-baseline", str(baseline), str(seed_host))

    def codes(*args: str) -> list[str]:
        proc = run_cli("--format", "json", *args, str(seed_host))
        return sorted(f["code"] for f in json.loads(proc.stdout)["findings"])

    assert {"BL301", "BL315", "BL405"} <= set(codes())
    _edit(modprobe, "mod=4 # inline comment", "mod=4")
    assert "BL405" not in codes() and {"BL301", "BL315"} <= set(codes())
    assert codes("--baseline", str(baseline)) == []


def test_baseline_does_not_depend_on_the_working_directory(tmp_path: Path) -> None:
    """Without a config the hosts are named from the git top level, wherever bondlint runs."""
    project = tmp_path / "blx"
    (project / ".git").mkdir(parents=True)
    break_host(copy_seed(project / "host"))
    run_cli("--select", "BL0,BL4", "--write-baseline", "base.json", "host", cwd=project)
    assert _found(project / "host", "--baseline", str(project / "base.json"), cwd=Path("/")) == []


def test_a_collected_host_is_named_by_its_manifest_hostname(tmp_path: Path) -> None:
    """A re-collected tree (another date in its folder name) keeps its identity."""
    for when in ("web1-2026-01-01", "web1-2026-02-01"):
        tree = break_host(copy_seed(tmp_path / when))
        (tree / "BONDLINT-MANIFEST").write_text("collector: 1\nhostname: web1.example.com\n")
    run_cli("--select", "BL0,BL4", "--write-baseline", "base.json", "web1-2026-01-01", cwd=tmp_path)
    assert _found(tmp_path / "web1-2026-02-01", "--baseline", "base.json", cwd=tmp_path) == []


def test_unreadable_baseline_is_exit_2(seed_host: Path, tmp_path: Path) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text('{"findings": []}\n')
    proc = run_cli("--baseline", str(bad), str(seed_host))
    assert proc.returncode == 2
    assert proc.stderr == f"bondlint: error: {bad}: not a bondlint baseline (expected format 'bondlint-baseline/3')\n"
    proc = run_cli("--baseline", str(tmp_path / "none.json"), str(seed_host))
    assert (proc.returncode, proc.stderr) == (2, f"bondlint: error: {tmp_path / 'none.json'}: baseline file not found\n")
