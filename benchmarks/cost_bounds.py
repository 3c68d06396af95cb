"""What one hostile root costs: the shapes of issue 10 item 3, each through the real CLI.

Run from the repo root:  python benchmarks/cost_bounds.py [--keep DIR] [--checkout DIR | --command CMD]
Each root is audited with ``/usr/bin/time -v bondlint -j 1 --release el7 ROOT``
(a process of its own, so the peak RSS is that root's); prints wall seconds,
CPU seconds, peak RSS and the summary line. tests/robustness/test_cost_bounds.py
asserts the bounds behind these figures without a clock (objects made, memory traced).
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SIZE = 256 * 1024 - 64  # just under bondlint.source.MAX_FILE_SIZE
RELEASE = {"etc/redhat-release": "CentOS Linux release 7.9.2009 (Core)\n"}
SCRIPTS = "etc/sysconfig/network-scripts"


def shapes() -> dict[str, dict[str, str]]:
    """name → {path under the root: text}."""
    storm = "options bonding" + " x" * ((SIZE - 16) // 2) + "\n"
    disable = "# bondlint: disable=" + ",".join(["BL209"] * ((SIZE - 40) // 6)) + "\n"
    arp = "options bonding mode=1 arp_interval=100 " + " ".join(["arp_ip_target=+1.2.3.4"] * ((SIZE - 80) // 23)) + "\n"
    opts = 'DEVICE=bond0\nBONDING_OPTS="' + " x" * ((SIZE - 40) // 2) + '"\n'
    return {
        "ten 256 KiB `options bonding x x x ...` files": {f"etc/modprobe.d/b{i}.conf": storm for i in range(10)},
        "one such file": {"etc/modprobe.d/b0.conf": storm},
        "`# bondlint: disable=BL209,BL209,...` (43,000 codes)": {f"{SCRIPTS}/ifcfg-eth0": disable + "DEVICE=eth0\n"},
        "`arp_ip_target=+1.2.3.4 ...` (11,000 words)": {"etc/modprobe.d/b0.conf": "alias bond0 bonding\n" + arp},
        "65,000 `A=1` lines": {f"{SCRIPTS}/ifcfg-eth0": "DEVICE=eth0\n" + "A=1\n" * ((SIZE - 20) // 4)},
        'BONDING_OPTS="x x x ..." (131,000 words)': {f"{SCRIPTS}/ifcfg-bond0": opts},
    }


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in {**RELEASE, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def measure(command: list[str], root: Path) -> str:
    proc = subprocess.run(
        ["/usr/bin/time", "-v", *command, "-j", "1", "--release", "el7", str(root)],
        capture_output=True, text=True, check=False,
    )
    stats = dict(re.findall(r"^\s*(.+?): (.+)$", proc.stderr, re.M))
    cpu = float(stats["User time (seconds)"]) + float(stats["System time (seconds)"])
    rss = int(stats["Maximum resident set size (kbytes)"]) / 1024
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "(no output)"
    return f"{stats['Elapsed (wall clock) time (h:mm:ss or m:ss)']} wall, {cpu:.2f} CPU-s, {rss:.0f} MB peak RSS; {summary}"


#: Runs bondlint from a source tree given as argv[1]: the editable install's finder is removed
#: and the tree's rules/ is imported as bondlint.rules (as pyproject's package-dir maps it).
_CHECKOUT = """
import importlib.util, runpy, sys
tree = sys.argv.pop(1)
sys.meta_path[:] = [f for f in sys.meta_path if "Editable" not in getattr(f, "__name__", type(f).__name__)]
sys.path.insert(0, tree)
spec = importlib.util.spec_from_file_location("bondlint.rules", tree + "/rules/__init__.py",
                                              submodule_search_locations=[tree + "/rules"])
sys.modules["bondlint.rules"] = module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
sys.argv[0] = "bondlint"
runpy.run_module("bondlint", run_name="__main__")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the roots here (and keep them) instead of a temporary folder")
    parser.add_argument("--command", help="how to run bondlint (default: the bondlint beside this Python)")
    parser.add_argument(
        "--checkout", type=Path,
        help="run the bondlint of this source tree instead (e.g. `git archive main | tar -x -C DIR`), "
        "with this venv's packages: the 'before' figures",
    )
    args = parser.parse_args()
    if args.checkout:
        command = [sys.executable, "-c", _CHECKOUT, str(args.checkout.resolve())]
    elif args.command:
        command = shlex.split(args.command)
    else:
        command = [shutil.which("bondlint") or str(Path(sys.executable).with_name("bondlint"))]
    base = args.keep or Path(tempfile.mkdtemp(prefix="bondlint-cost-"))
    try:
        for i, (name, files) in enumerate(shapes().items()):
            root = base / f"root{i}"
            write(root, files)
            print(f"{name}: {measure(command, root)}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(base)


if __name__ == "__main__":
    main()
