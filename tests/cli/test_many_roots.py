"""Many roots in one run: @FILE argument lists, parallel workers, results in input order."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import copy_seed
from tests.conftest import HOSTS, run_cli


def _fleet(tmp_path: Path, n: int) -> list[Path]:
    roots = []
    for i in range(n):
        root = copy_seed(tmp_path / f"host-{i:02d}")
        roots.append(root)
    # One broken host in the middle, so order and attribution are visible.
    slave = roots[n // 2] / "etc/sysconfig/network-scripts/ifcfg-eth1"
    slave.write_text(slave.read_text().replace("MASTER=bond0", "MASTER=bond7"))
    return roots


def test_roots_from_an_argument_file_match_roots_on_the_command_line(tmp_path: Path) -> None:
    roots = _fleet(tmp_path, 6)
    listing = tmp_path / "fleet.txt"
    listing.write_text("".join(f"{r}\n" for r in roots))
    direct = run_cli("--format", "json", "--jobs", "1", *map(str, roots))
    from_file = run_cli("--format", "json", "--jobs", "2", f"@{listing}")
    assert direct.returncode == from_file.returncode == 1
    assert json.loads(direct.stdout) == json.loads(from_file.stdout)
    report = json.loads(from_file.stdout)
    assert report["roots"] == [str(r) for r in roots]
    assert [(f["code"], f["root"]) for f in report["findings"] if f["severity"] == "error"] == [
        ("BL201", str(roots[3]))
    ]


def test_parallel_output_is_in_input_order_and_identical_to_serial(tmp_path: Path) -> None:
    roots = [*_fleet(tmp_path, 5), HOSTS / "example-broken-host"]
    serial = run_cli("--jobs", "1", *map(str, reversed(roots)))
    parallel = run_cli("--jobs", "2", *map(str, reversed(roots)))
    assert serial.stdout == parallel.stdout
    assert serial.stdout.index(str(roots[-1])) < serial.stdout.index(str(roots[2]))
