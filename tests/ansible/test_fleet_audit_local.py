"""The role over ansible_connection=local, no Python on the "hosts": the same findings as bondlint in place."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

from tests.ansible._fleet import direct, findings_by_host, fixture_hosts, inventory, run_role

NAMES = ["BL002-bonding-opts-unquoted", "seed-centos52-xen-8023ad", "BL003-ok-apostrophe-in-double-quotes"]


def test_the_role_collects_and_audits_like_a_direct_run(tmp_path: Path) -> None:
    roots = fixture_hosts(tmp_path, NAMES)
    proc, reports = run_role(tmp_path, inventory(roots, {"ansible_connection": "local"}), {"bondlint_formats": ["html", "junit", "sarif"]})
    assert proc.returncode == 0, proc.stdout + proc.stderr  # exit 1 of bondlint (findings) is not a failure
    report = json.loads((reports / "bondlint.json").read_text())
    archives = {str(reports / "archives" / f"{name}.tar.gz"): name for name in roots}
    assert sorted(report["roots"]) == sorted(archives)
    assert findings_by_host(report, archives) == direct(roots)
    assert report["summary"]["error"] > 0
    for name in ("bondlint.html", "bondlint.xml", "bondlint.sarif"):
        assert (reports / name).stat().st_size > 0
    # set_stats: the per-host summary AWX shows
    stats = proc.stdout.split("CUSTOM STATS", 1)[-1]
    assert "CUSTOM STATS" in proc.stdout and all(f'"{name}"' in stats for name in roots), stats
    assert '"errors"' in stats and '"top_codes"' in stats and '"BL002"' in stats
    # the archive is private (keyfiles' secrets) and nothing was left in the hosts' temp
    archive = reports / "archives" / "host1.tar.gz"
    assert archive.stat().st_mode & 0o777 == 0o600
    with tarfile.open(archive) as tar:
        assert "BONDLINT-MANIFEST" in tar.getnames()
    remote = tmp_path / "ansible-remote"
    assert not remote.exists() or not any(remote.iterdir())


def test_group_reports_and_a_usage_error_fails_the_play(tmp_path: Path) -> None:
    roots = fixture_hosts(tmp_path, NAMES[:2])
    inv = inventory(roots, {"ansible_connection": "local"})
    inv["web"] = {"hosts": {"host1": None}}
    proc, reports = run_role(tmp_path, inv, {"bondlint_group_reports": True, "bondlint_args": "--select BL002"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    group = json.loads((reports / "groups" / "web" / "bondlint.json").read_text())
    assert [Path(r).name for r in group["roots"]] == ["host1.tar.gz"] and group["selection"] == ["BL002"]
    assert [f["code"] for f in group["findings"]] == ["BL002"]
    assert (reports / "groups" / "fleet" / "bondlint.html").is_file()
    # exit 2 (a usage error) is a task failure
    bad, _ = run_role(tmp_path, inv, {"bondlint_args": ["--select", "BL99999"]})
    assert bad.returncode != 0 and "unknown rule code" in bad.stdout
