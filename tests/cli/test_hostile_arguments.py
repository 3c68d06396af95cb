"""Everything besides the audited files a user or a script hands bondlint (issue 10).

Argument files, configs, baselines, write targets, output volume, the library's
arguments: each gives a clear error (exit 2, one line) or a finding, never a
traceback, a hang, a silent "all clear" or a lost file. In process through
``cli.main`` unless the process boundary is the subject (a hang, a signal, a
closed or full stdout): those run a subprocess with a timeout.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

import bondlint
from bondlint import atomic
from tests.cli.conftest import SCRIPTS, break_host, copy_seed
from tests.conftest import HOSTS, run_cli, run_process

SEED = HOSTS / "seed-centos52-xen-8023ad"


def _one_line_error(proc, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("bondlint: error: "), proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    for needle in needles:
        assert needle in proc.stderr, proc.stderr


def _json(proc) -> dict:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


# -- 3. output volume --------------------------------------------------------


def _word_storm(host: Path, words: int) -> Path:
    conf = host / "etc/modprobe.d/storm.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("options bonding" + " x" * words + "\n")
    return conf


def test_findings_are_capped_per_rule_per_file_and_the_summary_counts_all(seed_host: Path) -> None:
    _word_storm(seed_host, 200)  # under the model's bound on option words a line (MAX_OPTION_WORDS)
    payload = _json(run_cli("--format", "json", "--release", "el6", "--select", "BL301", str(seed_host)))
    shown = payload["findings"]
    assert len(shown) == 51 and {f["code"] for f in shown} == {"BL301"}
    assert shown[-1]["message"].startswith("150 more BL301 findings in this file not shown (at most 50 per rule per file")
    assert payload["summary"]["error"] + payload["summary"]["warning"] == 200


def test_a_huge_line_is_cut_in_the_snippet_with_a_marker(seed_host: Path) -> None:
    conf = _word_storm(seed_host, 10_000)  # one 20 KB line
    proc = run_cli("--release", "el6", "--select", "BL301", str(seed_host))
    assert proc.returncode == 1
    assert len(proc.stdout) < 40_000, len(proc.stdout)  # 51 short findings, not 10,000 copies of the line
    assert max(len(line) for line in proc.stdout.splitlines()) < 400
    assert "…" in proc.stdout and str(conf) in proc.stdout


def test_the_cap_applies_after_the_baseline_and_not_to_it(seed_host: Path, tmp_path: Path) -> None:
    _word_storm(seed_host, 120)
    baseline = tmp_path / "b.json"
    proc = run_cli("--release", "el6", "--select", "BL301", "--write-baseline", str(baseline), str(seed_host))
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(baseline.read_text())["findings"]) == 120  # every finding recorded
    proc = run_cli("--release", "el6", "--select", "BL301", "--baseline", str(baseline), str(seed_host))
    assert (proc.returncode, proc.stdout) == (0, "No findings in 1 root.\n")


def test_a_finding_with_thousands_of_related_places_shows_ten(seed_host: Path) -> None:
    eth0 = seed_host / SCRIPTS / "ifcfg-eth0"
    eth0.write_text(eth0.read_text() + "".join(f"A={i}\n" for i in range(5000)))  # values differ: a warning
    proc = run_cli("--select", "BL005", str(seed_host))
    assert proc.returncode == 1 and len(proc.stdout) < 5000, len(proc.stdout)
    assert proc.stdout.count("   = ") == 10 and "and 4990 more places not shown" in proc.stdout


def test_a_storm_of_unused_suppressions_is_capped(seed_host: Path) -> None:
    eth0 = seed_host / SCRIPTS / "ifcfg-eth0"
    eth0.write_text("# bondlint: disable=" + ",".join(["BL209"] * 300) + "\n" + eth0.read_text())
    payload = _json(run_cli("--format", "json", "--select", "BL2,BL9", str(seed_host)))
    bl901 = [f for f in payload["findings"] if f["code"] == "BL901"]
    assert len(bl901) == 51 and bl901[-1]["message"].startswith("250 more BL901 findings")


# -- 4. @FILE lists of roots -------------------------------------------------


def test_lines_of_a_root_list_are_paths_never_options(bad_host: Path, tmp_path: Path) -> None:
    (tmp_path / "--ignore=BL").mkdir()
    target = tmp_path / "written.json"
    (tmp_path / "roots.txt").write_text(f"# my hosts\n\nweb1\n--write-baseline={target}\n--ignore=BL\n@roots.txt\n")
    payload = _json(run_cli("--format", "json", "@roots.txt", cwd=tmp_path))
    assert payload["roots"] == ["web1", f"--write-baseline={target}", "--ignore=BL", "@roots.txt"]
    assert not target.exists()
    by_root = {}
    for f in payload["findings"]:
        by_root.setdefault(f["root"], []).append(f["code"])
    assert "BL402" in by_root["web1"]  # nothing was silenced
    assert by_root[f"--write-baseline={target}"] == by_root["@roots.txt"] == ["BL000"]  # no such path; no nesting
    assert by_root["--ignore=BL"] == ["BL000"]  # a directory, but no host tree


def test_a_root_list_keeps_undecodable_bytes_of_paths(tmp_path: Path) -> None:
    name = os.fsdecode(b"h\xff")
    break_host(copy_seed(tmp_path / name))
    (tmp_path / "roots.txt").write_bytes(b"h\xff\n")
    proc = run_cli("--format", "json", "--select", "BL402", "@roots.txt", cwd=tmp_path)
    assert [f["code"] for f in _json(proc)["findings"]] == ["BL402"]


@pytest.mark.parametrize("what", ["fifo", "/dev/zero", "directory", "missing"])
def test_a_root_list_that_is_no_file_is_one_line(tmp_path: Path, what: str) -> None:
    path = _not_a_file(tmp_path, what)
    _one_line_error(_run_guarded(what, f"@{path}", cwd=tmp_path), "list of roots")


def _run_guarded(what: str, *args: str, cwd: Path | None = None):
    """In a subprocess (with a timeout) where a regression would hang or eat memory."""
    run = run_process if what in ("fifo", "/dev/zero") else run_cli
    return run(*args, cwd=cwd)


def _not_a_file(tmp_path: Path, what: str) -> str:
    if what == "fifo":
        os.mkfifo(tmp_path / "fifo")
        return str(tmp_path / "fifo")
    if what == "directory":
        return str(tmp_path)
    if what == "missing":
        return str(tmp_path / "no" / "such.file")
    return what


# -- 5. --config, --baseline and --write-baseline targets ---------------------


@pytest.mark.parametrize("what", ["fifo", "/dev/zero", "directory", "missing"])
@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_input_files_are_checked_before_reading(tmp_path: Path, option: str, what: str) -> None:
    proc = _run_guarded(what, option, _not_a_file(tmp_path, what), str(SEED))
    _one_line_error(proc)
    assert proc.stdout == ""


@pytest.mark.parametrize("what", ["directory", "missing folder"])
def test_write_baseline_target_is_checked_before_the_run(tmp_path: Path, what: str) -> None:
    target = tmp_path if what == "directory" else tmp_path / "no" / "b.json"
    proc = run_cli("--write-baseline", str(target), str(SEED))
    _one_line_error(proc, "cannot write baseline")
    assert proc.stdout == ""


@pytest.mark.parametrize("option", ["--config=", "--baseline=", "--write-baseline=", "--select=", "--ignore=", "--extend-select="])
def test_empty_values_are_usage_errors(option: str) -> None:
    _one_line_error(run_cli(option, str(SEED)), option.rstrip("="))


# -- 6. nothing lost on a full disk ------------------------------------------


def test_a_full_disk_leaves_the_old_baseline_whole(bad_host: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    baseline = tmp_path / "baseline.json"
    assert run_cli("--write-baseline", str(baseline), str(bad_host)).returncode == 0
    good = baseline.read_bytes()

    def full(fd: int, data) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    proc = run_cli("--write-baseline", str(baseline), str(bad_host), str(SEED))
    monkeypatch.undo()
    _one_line_error(proc, "No space left on device", "the old file is unchanged")
    assert baseline.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json", "web1"]  # no temporary left


def test_write_atomic_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "b.json"
    target.write_text("old")
    target.chmod(0o640)
    atomic.write_atomic(target, b"new")
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"new", 0o640)


# -- 7. no silent "all clear" --------------------------------------------------


@pytest.mark.parametrize("select", ['["BL3O1"]', '["*"]', '["-"]'])
def test_a_config_select_that_selects_nothing_is_exit_2(tmp_path: Path, select: str) -> None:
    copy_seed(tmp_path / "web1")
    (tmp_path / ".bondlint.toml").write_text(f"select = {select}\n")
    _one_line_error(run_cli("web1", cwd=tmp_path), "unknown rule code or name in select")


def test_a_selection_that_leaves_no_rule_is_exit_2() -> None:
    _one_line_error(run_cli("--select", "BL402", "--ignore", "BL4", str(SEED)), "leaves no rule to run")


def test_our_broken_pyproject_is_an_error_with_its_line(tmp_path: Path) -> None:
    copy_seed(tmp_path / "proj" / "web1")
    (tmp_path / ".bondlint.toml").write_text('select = ["BL4"]\n')  # a parent's config must not win
    (tmp_path / "proj" / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.bondlint\nselect = ["BL4"]\n')
    _one_line_error(run_cli("web1", cwd=tmp_path / "proj"), "pyproject.toml: invalid TOML", "line 4")


@pytest.mark.parametrize("text", ["[project\nname = 1\n", "tool = 5\n", "[tool]\nbondlint = 5\n"])
def test_someone_elses_pyproject_is_skipped_or_named(tmp_path: Path, text: str) -> None:
    copy_seed(tmp_path / "web1")
    (tmp_path / "pyproject.toml").write_text(text)
    proc = run_cli("web1", cwd=tmp_path)
    if "bondlint" in text:  # ours, but not a table
        _one_line_error(proc, "tool.bondlint must be a table")
    else:
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr


def test_a_root_with_nothing_to_audit_is_bl904(tmp_path: Path) -> None:
    (tmp_path / "debian" / "etc" / "network").mkdir(parents=True)
    (tmp_path / "debian" / "etc" / "network" / "interfaces").write_text("auto lo\niface lo inet loopback\n")
    proc = run_cli("--format", "json", "debian", cwd=tmp_path)
    assert proc.returncode == 1
    assert [(f["code"], f["root"]) for f in json.loads(proc.stdout)["findings"]] == [("BL904", "debian")]


def test_library_takes_a_string_as_one_selector_and_refuses_unknown_ones() -> None:
    host = str(HOSTS / "BL101-hwaddr-dashes")
    everything = {f.code for f in bondlint.lint(host).findings}
    assert "BL101" in everything
    assert {f.code for f in bondlint.lint(host, ignore="BL101").findings} == everything - {"BL101"}
    with pytest.raises(ValueError, match="BL4O2"):
        bondlint.lint(host, select=["BL4O2"])
    with pytest.raises(ValueError, match="el11"):
        bondlint.lint(host, release="el11")


# -- 8. the fingerprint ----------------------------------------------------------


def _sosreport(folder: Path, hostname: str) -> Path:
    break_host(copy_seed(folder))
    (folder / "sos_commands" / "host").mkdir(parents=True)
    (folder / "sos_commands" / "host" / "hostname").write_text(hostname + "\n")
    return folder


def test_a_sosreport_is_known_by_its_hostname_not_its_dated_folder(tmp_path: Path) -> None:
    _sosreport(tmp_path / "sosreport-web1-2026-01-01-abc", "web1.example.com")
    run_cli("--write-baseline", "b.json", "sosreport-web1-2026-01-01-abc", cwd=tmp_path)
    _sosreport(tmp_path / "sosreport-web1-2026-02-01-def", "web1.example.com")
    _sosreport(tmp_path / "sosreport-web2-2026-02-01-ghi", "web2.example.com")
    payload = _json(run_cli("--format", "json", "--baseline", "b.json", "sosreport-web1-2026-02-01-def", "sosreport-web2-2026-02-01-ghi", cwd=tmp_path))
    assert {f["root"] for f in payload["findings"]} == {"sosreport-web2-2026-02-01-ghi"}


def test_sarif_and_the_baseline_share_one_fingerprint(bad_host: Path, tmp_path: Path) -> None:
    run_cli("--select", "BL0,BL4", "--write-baseline", "b.json", "web1", cwd=tmp_path)
    recorded = sorted(e["fingerprint"] for e in json.loads((tmp_path / "b.json").read_text())["findings"])
    sarif = _json(run_cli("--format", "sarif", "--select", "BL0,BL4", "web1", cwd=tmp_path))
    shown = sorted(r["partialFingerprints"]["bondlint/v3"] for r in sarif["runs"][0]["results"])
    assert shown == recorded and len(recorded) == 2


# -- 10. smaller ones -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_escape_and_bidi_characters_never_reach_the_output(tmp_path: Path, fmt: str) -> None:
    name = "web\x1b]0;pwned\x07\u202e1"
    host = break_host(copy_seed(tmp_path / name))
    eth1 = host / SCRIPTS / "ifcfg-eth1"
    eth1.write_text(eth1.read_text().replace("MASTER=bond0", "MASTER=\"bond9\x1b[2J\u202e\""))
    proc = run_cli("--format", fmt, name, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "BL402" in proc.stdout and "BL201" in proc.stdout
    assert "\x1b" not in proc.stdout and "\u202e" not in proc.stdout and "\x07" not in proc.stdout


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, '{"format": "bondlint-baseline/2", "findings": [], "n": ' + "9" * 5000 + "}",
     '{"format": "bondlint-baseline/2", "findings": [{"fingerprint": null}]}', '{"format": "bondlint-baseline/2", "findings": [5]}'],
    ids=["deep", "long-number", "null-fingerprint", "not-an-object"],
)
def test_a_hostile_baseline_is_one_line(tmp_path: Path, text: str) -> None:
    (tmp_path / "b.json").write_text(text)
    _one_line_error(run_cli("--baseline", str(tmp_path / "b.json"), str(SEED)), "b.json")


@pytest.mark.parametrize("release", ["el9", "el10"])
def test_el9_and_el10_are_accepted_everywhere_and_read_as_kmod_releases(tmp_path: Path, release: str) -> None:
    copy_seed(tmp_path / "web1")
    for args in (["--release", release], []):
        if not args:
            (tmp_path / ".bondlint.toml").write_text(f'release = "{release}"\n')
        payload = _json(run_cli("--format", "json", *args, "web1", cwd=tmp_path))
        assert "BL406" in {f["code"] for f in payload["findings"]}  # kmod ignores /etc/modprobe.conf there
    assert "BL406" in {f.code for f in bondlint.lint(str(tmp_path / "web1"), release=release).findings}


@pytest.mark.parametrize("args", [["--list-rules"], ["--explain", "BL402"], ["--explain", "BL904"]])
def test_documentation_has_no_trailing_spaces(args: list[str]) -> None:
    proc = run_cli(*args)
    assert proc.returncode == 0 and proc.stdout
    assert [line for line in proc.stdout.splitlines() if line != line.rstrip()] == []
