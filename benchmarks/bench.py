#!/usr/bin/env python3
"""Time bondlint against its peers on the same synthetic host trees, interleaved.

Floor (what any Python tool pays):
  floor          benchmarks/read_floor.py: a Python process that reads every file of the roots.
Peers (parse only, installed here when missing, never bondlint dependencies):
  augtool        Debian's augeas-tools: Shellvars, Modprobe and Xendconfsxp lenses, one process
                 per batch of hosts, `--noautoload` and incl globs, then `load`.
  insights       Red Hat insights-core's IfCFG, ModProbe, NetworkSysconfig parsers, in its own
                 venv (benchmarks/.venv-peers), run by benchmarks/insights_parse.py.
Subject:
  bondlint       full lint, cold: `bondlint --no-cache --format json --jobs N @ROOTS`; its JSON
                 findings are checked against the generator's seeded faults.
  bondlint-warm  the same with the content cache (`--cache-dir WORK/cache-...`, filled by the
                 warm-up round, nothing changed since): its output must equal the cold one.

Each scenario runs one process per tool (--jobs 1) and N processes (--jobs N, default: CPUs);
the one-host scenario one process. Every figure is whole-process wall time (what a user waits
for); the median of --reps runs, the tools taking turns in a rotating order after one untimed
warm-up round. Peak RSS is ru_maxrss from wait4(): the largest single process of a tool's tree.
Targets are reported, never asserted: the exit status is 1 only when a tool could not run,
a seeded fault went unflagged, or the warm output differed from the cold one.

    python benchmarks/bench.py                         # 1,000 hosts, the seed's tree, RSS at 10,000
    python benchmarks/bench.py --hosts 3 --reps 1 --rss-hosts 0 --tools augtool,insights
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate_hosts  # noqa: E402  (a sibling script, not an installed module)

VENV = HERE / ".venv-peers"
INSIGHTS_REQUIREMENT = "insights-core==3.8.4"
TOOLS = ("floor", "augtool", "insights", "bondlint", "bondlint-warm")
LENSES = {
    "Shellvars": ("etc/sysconfig/network", "etc/sysconfig/network-scripts/ifcfg-*"),
    "Modprobe": ("etc/modprobe.conf", "etc/modprobe.d/*.conf"),
    "Xendconfsxp": ("etc/xen/xend-config.sxp",),
}
HOST_DIR = re.compile(r"^(host-\d+|seed-host)$")


@dataclass
class Run:
    ok: bool
    seconds: float
    maxrss_kb: int
    detail: str = ""
    stdout: str = ""
    statuses: tuple[int, ...] = ()


@dataclass
class Series:
    tool: str
    runs: list[Run] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(run.ok for run in self.runs)

    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    def rss_mb(self) -> float:
        return max(run.maxrss_kb for run in self.runs) / 1024


# --- peers: installation -------------------------------------------------------------------

def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_peers(tools: list[str], install: bool) -> dict[str, str]:
    """Install what is missing (when allowed); return tool → why it cannot run."""
    missing: dict[str, str] = {}
    if "augtool" in tools and not shutil.which("augtool"):
        if install and os.geteuid() == 0 and shutil.which("apt-get"):
            subprocess.run(["apt-get", "update", "-qq"], check=False)
            subprocess.run(["apt-get", "install", "-y", "-qq", "augeas-tools", "augeas-lenses"], check=False)
        if not shutil.which("augtool"):
            missing["augtool"] = "augtool not found (apt-get install augeas-tools augeas-lenses)"
    if "insights" in tools and not insights_ready():
        if install:
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=False)
            subprocess.run([str(venv_python()), "-m", "pip", "install", "-q", INSIGHTS_REQUIREMENT], check=False)
        if not insights_ready():
            missing["insights"] = f"no {VENV.relative_to(HERE.parent)} with {INSIGHTS_REQUIREMENT}"
    return missing


def insights_ready() -> bool:
    if not venv_python().exists():
        return False
    probe = subprocess.run([str(venv_python()), "-c", "import insights.parsers.ifcfg"], capture_output=True)
    return probe.returncode == 0


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "machine": machine()}
    if shutil.which("augtool"):
        probe = subprocess.run(["augtool", "--version"], capture_output=True, text=True)
        out = (probe.stdout or probe.stderr).split()
        found["augeas"] = out[1] if len(out) > 1 else "?"
    if venv_python().exists():
        out = subprocess.run(
            [str(venv_python()), "-c", "import importlib.metadata as m; print(m.version('insights-core'))"],
            capture_output=True, text=True,
        ).stdout.strip()
        found["insights-core"] = out or "?"
    try:
        import importlib.metadata

        found["bondlint"] = importlib.metadata.version("bondlint")
    except importlib.metadata.PackageNotFoundError:
        found["bondlint"] = "not installed"
    return found


def machine() -> str:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs {model}".strip()


# --- running and timing --------------------------------------------------------------------

def run_parallel(commands: list[list[str]]) -> Run:
    """Start every command at once; wall time until the last exits, RSS of the largest process."""
    with tempfile.TemporaryDirectory(prefix="bondlint-bench-") as tmp:
        procs = []
        start = time.perf_counter()
        for i, command in enumerate(commands):
            out = open(Path(tmp) / f"{i}.out", "w+b")
            err = open(Path(tmp) / f"{i}.err", "w+b")
            try:
                proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
            except OSError as exc:
                for started, started_out, started_err in procs:
                    started.kill()
                    started.wait()
                    started_out.close()
                    started_err.close()
                out.close()
                err.close()
                return Run(False, 0.0, 0, f"{command[0]}: {exc.strerror or exc}")
            procs.append((proc, out, err))
        statuses = []
        maxrss = 0
        for proc, _, _ in procs:
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            statuses.append(proc.returncode)
            maxrss = max(maxrss, usage.ru_maxrss)
        seconds = time.perf_counter() - start
        stdout, stderr = [], []
        for _, out, err in procs:
            out.seek(0)
            err.seek(0)
            stdout.append(out.read().decode("utf-8", "replace"))
            stderr.append(err.read().decode("utf-8", "replace"))
            out.close()
            err.close()
    detail = "" if all(s == 0 for s in statuses) else f"exit {statuses}: {tail(''.join(stderr))}"
    return Run(all(s == 0 for s in statuses), seconds, maxrss, detail, "".join(stdout), tuple(statuses))


def tail(text: str, lines: int = 6) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


def batches(names: list[str], jobs: int) -> list[list[str]]:
    count = max(1, min(jobs, len(names)))
    return [names[i::count] for i in range(count)]


def augtool_script(patterns: list[str]) -> str:
    """Load only our files, with the lenses given by hand; print parse errors afterwards."""
    lines = []
    for lens, paths in LENSES.items():
        lines.append(f"set /augeas/load/{lens}/lens {lens}.lns")
        n = 0
        for pattern in patterns:
            for rel in paths:
                n += 1
                lines.append(f"set /augeas/load/{lens}/incl[{n}] /{pattern}/{rel}")
    lines += ["load", "match /augeas//error"]
    return "\n".join(lines) + "\n"


def augtool_patterns(names: list[str], jobs: int) -> list[list[str]]:
    """Host globs per process: `*` (the parent holds just these hosts) for one process; for
    several, split on the last digit.

    One glob per batch is how augeas is fastest (explicit per-host incl entries cost it ~50%
    more at 1,000 hosts), and generated host names end in a digit.
    """
    if jobs <= 1 or len(names) <= 1:
        return [names if len(names) == 1 else ["*"]]
    digits = [str(d) for d in range(10)]
    groups = [digits[i::jobs] for i in range(min(jobs, 10))]
    return [[f"*[{''.join(group)}]"] for group in groups]


class Bench:
    """Runs the tools; `work` holds the augtool command scripts."""

    def __init__(self, work: Path, bondlint: str = "bondlint", before: str | None = None, before_cache: bool = False) -> None:
        self.work = work
        self.bondlint = bondlint
        self.before = before
        self.before_cache = before_cache  # the older bondlint has --no-cache/--cache-dir: time it cold and warm
        work.mkdir(parents=True, exist_ok=True)
        self.fresh_caches: set[Path] = set()

    def cache_dir(self, parent: Path, jobs: int, whose: str = "") -> Path:
        """The warm runs' cache, emptied once per bench run (the warm-up round fills it)."""
        cache = self.work / f"cache-{whose}{parent.name}-j{jobs}"
        if cache not in self.fresh_caches:
            shutil.rmtree(cache, ignore_errors=True)
            self.fresh_caches.add(cache)
        return cache

    def roots_file(self, parent: Path, names: list[str], batch: int = 0) -> Path:
        # Roots in an @FILE, as one would for a fleet: ten thousand paths on the
        # command line cost CPython ~1 KB each in argv copies, which is not bondlint's memory.
        args = self.work / f"roots-{parent.name}-{len(names)}-{batch}.args"
        args.write_text("".join(f"{parent / n}\n" for n in names), encoding="utf-8")
        return args

    def command_sets(self, tool: str, parent: Path, names: list[str], jobs: int) -> list[list[str]]:
        if tool == "augtool":
            commands = []
            for i, patterns in enumerate(augtool_patterns(names, jobs)):
                script = self.work / f"augtool-{parent.name}-{jobs}-{i}.cmd"
                script.write_text(augtool_script(patterns), encoding="utf-8")
                commands.append(["augtool", "--noautoload", "-r", str(parent), "-f", str(script)])
            return commands
        if tool == "insights":
            helper = str(HERE / "insights_parse.py")
            return [[str(venv_python()), helper, *(str(parent / n) for n in batch)] for batch in batches(names, jobs)]
        if tool == "floor":
            helper = str(HERE / "read_floor.py")
            return [
                [self.python, helper, f"@{self.roots_file(parent, batch, i)}"]
                for i, batch in enumerate(batches(names, jobs))
            ]
        if tool == "bondlint-before" and not self.before_cache:  # an older bondlint, without a cache (nor its options)
            command = [str(self.before), "--format", "json", "--jobs", str(jobs)]
        elif tool.startswith("bondlint-before"):  # an older bondlint that has the cache: cold and warm
            cache = ["--no-cache"] if tool == "bondlint-before" else ["--cache-dir", str(self.cache_dir(parent, jobs, "before"))]
            command = [str(self.before), "--format", "json", *cache, "--jobs", str(jobs)]
        else:
            cache = ["--no-cache"] if tool == "bondlint" else ["--cache-dir", str(self.cache_dir(parent, jobs))]
            command = [self.bondlint, "--format", "json", *cache, "--jobs", str(jobs)]
        if len(names) == 1:
            return [command + [str(parent / names[0])]]
        return [command + [f"@{self.roots_file(parent, names)}"]]

    @property
    def python(self) -> str:
        """The floor runs in the Python of the bondlint being timed (same interpreter start-up)."""
        beside = Path(self.bondlint).with_name("python")
        return str(beside) if beside.exists() else sys.executable

    def measure(self, tool: str, parent: Path, names: list[str], jobs: int) -> Run:
        run = run_parallel(self.command_sets(tool, parent, names, jobs))
        if tool.startswith("bondlint"):
            return bondlint_verdict(run)
        if tool == "floor" and run.ok:
            counts = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
            run.detail = f"{sum(c['files'] for c in counts)} files, {sum(c['bytes'] for c in counts)} bytes read"
        if tool == "augtool" and run.ok:
            errors = [line for line in run.stdout.splitlines() if line.startswith("/augeas/")]
            run.detail = f"{len(errors)} files augeas failed to parse"
        if tool == "insights" and run.ok:
            counts = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
            run.detail = (
                f"{sum(c['files'] for c in counts)} files parsed, {sum(c['failed'] for c in counts)} failed"
            )
        return run

    def interleaved(self, tools: list[str], parent: Path, names: list[str], jobs: int, reps: int) -> dict[str, Series]:
        series = {tool: Series(tool) for tool in tools}
        for tool in tools:  # warm-up: page cache, .pyc files, lens loading
            self.measure(tool, parent, names, jobs)
        for rep in range(reps):
            order = tools[rep % len(tools):] + tools[: rep % len(tools)]
            for tool in order:
                series[tool].runs.append(self.measure(tool, parent, names, jobs))
        return series


def bondlint_verdict(run: Run) -> Run:
    """bondlint succeeded only if it exited 0 or 1 (clean / findings) and printed JSON."""
    if run.statuses not in ((0,), (1,)):
        return run
    try:
        json.loads(run.stdout)
    except ValueError:
        return Run(False, run.seconds, run.maxrss_kb, f"no JSON on stdout ({run.detail or 'exit 0'})")
    return Run(True, run.seconds, run.maxrss_kb, f"exit {run.statuses[0]}", run.stdout, run.statuses)


# --- checking bondlint's findings against the seeded faults --------------------------------

def finding_records(doc: object) -> list[dict]:
    """Every object carrying a BLxxx `code`, wherever the JSON reporter nests it."""
    found = []
    if isinstance(doc, dict):
        if isinstance(doc.get("code"), str) and re.fullmatch(r"BL\d{3}", doc["code"]):
            found.append(doc)
        for value in doc.values():
            found += finding_records(value)
    elif isinstance(doc, list):
        for value in doc:
            found += finding_records(value)
    return found


def locations(record: dict) -> set[tuple[str, str]]:
    """(host dir, path inside the host) for the finding's own and related locations."""
    root = record.get("root") if isinstance(record.get("root"), str) else None
    paths = [record.get("path") or record.get("file") or (record.get("span") or {}).get("path")]
    paths += [(rel.get("span") or rel).get("path") for rel in record.get("related") or [] if isinstance(rel, dict)]
    found = set()
    for path in paths:
        if not isinstance(path, str):
            continue
        full = Path(root) / path if root and not Path(path).is_absolute() else Path(path)
        parts = full.parts
        for i, part in enumerate(parts):
            if HOST_DIR.match(part):
                found.add((part, "/".join(parts[i + 1:])))
    return found


def check_faults(output: str, faults: list[dict]) -> dict:
    records = finding_records(json.loads(output))
    seeded = {f["host"] for f in faults}
    missed = [
        f for f in faults
        if not any(
            r["code"] == f["code"] and {(f["host"], p) for p in (f["path"], *f.get("also", ()))} & locations(r)
            for r in records
        )
    ]
    false_positives: dict[str, int] = {}
    for record in records:
        if str(record.get("severity", "")).lower() not in ("error", "warning"):
            continue
        hosts = {host for host, _ in locations(record)}
        if hosts and not hosts & seeded:
            false_positives[record["code"]] = false_positives.get(record["code"], 0) + 1
    return {"findings": len(records), "seeded": len(faults), "missed": missed, "clean_host_findings": false_positives}


# --- the report ----------------------------------------------------------------------------

def table(title: str, series: dict[str, Series]) -> list[str]:
    lines = [f"\n{title}", f"  {'tool':<13} {'median s':>9} {'min s':>8} {'max s':>8} {'peak RSS MB':>12}  notes"]
    for s in series.values():
        if s.ok:
            secs = [r.seconds for r in s.runs]
            lines.append(
                f"  {s.tool:<13} {s.median():>9.3f} {min(secs):>8.3f} {max(secs):>8.3f} {s.rss_mb():>12.1f}"
                f"  {s.runs[-1].detail}"
            )
        else:
            failed = next((r for r in s.runs if not r.ok), None)
            lines.append(f"  {s.tool:<13} FAILED: {failed.detail if failed else 'not run'}")
    return lines


def verdict(ratio: float | None, target: float) -> str:
    if ratio is None:
        return "n/a (a side did not run)"
    return f"{ratio:.2f}× (target ≤ {target}×) {'met' if ratio <= target else 'NOT met'}"


def default_bondlint() -> str:
    beside = Path(sys.executable).with_name("bondlint")
    return str(beside) if beside.exists() else "bondlint"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hosts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fault-rate", type=float, default=0.1)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes per tool (default: CPUs)")
    parser.add_argument("--rss-hosts", type=int, default=10000, help="bondlint peak RSS here vs --hosts (0: skip)")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of " + ",".join(TOOLS))
    parser.add_argument("--work", type=Path, default=HERE / "out", help="where fleets and results go")
    parser.add_argument("--no-install", action="store_true", help="do not apt-get/pip install missing peers")
    parser.add_argument(
        "--bondlint",
        default=default_bondlint(),
        help="the bondlint executable to time (default: the one beside this Python, else PATH's); "
        "time a plain venv install: a pyenv shim or a .pth-heavy site adds its own start-up",
    )
    parser.add_argument(
        "--bondlint-before",
        type=Path,
        help="also time this older bondlint executable (tool 'bondlint-before'), interleaved with the rest",
    )
    parser.add_argument(
        "--before-has-cache",
        action="store_true",
        help="the --bondlint-before has the content cache: time it cold (--no-cache) and warm (tool 'bondlint-before-warm')",
    )
    args = parser.parse_args(argv)
    tools = [t for t in args.tools.split(",") if t]
    if args.bondlint_before:
        tools.append("bondlint-before")
        if args.before_has_cache:
            tools.append("bondlint-before-warm")
    if unknown := set(tools) - set(TOOLS) - {"bondlint-before", "bondlint-before-warm"}:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))}")

    missing = ensure_peers(tools, install=not args.no_install)
    bench = Bench(args.work, args.bondlint, args.bondlint_before, args.before_has_cache)
    fleet = args.work / f"fleet-{args.hosts}-seed{args.seed}-f{args.fault_rate}"
    if not (fleet / generate_hosts.FAULTS_FILE).exists():
        generate_hosts.generate(fleet, args.hosts, args.seed, args.fault_rate)
    faults = json.loads((fleet / generate_hosts.FAULTS_FILE).read_text())["faults"]
    names = sorted(p.name for p in fleet.iterdir() if p.is_dir())
    seed_parent = args.work / "seed"
    generate_hosts.write_tree(seed_parent / generate_hosts.SEED_HOST, generate_hosts.seed_tree_files())

    runnable = [t for t in tools if t not in missing]
    info = versions()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    report = [
        f"machine: {info.pop('machine')}; load average before the runs: {load}",
        "versions: " + ", ".join(f"{k} {v}" for k, v in info.items()),
    ]
    report += [f"{tool}: NOT RUN: {why}" for tool, why in missing.items()]
    report.append(
        f"fleet: {fleet} ({len(names)} hosts, {len(faults)} seeded faults), jobs {args.jobs}, reps {args.reps}"
    )

    job_counts = sorted({1, args.jobs})
    scenarios: dict[str, tuple[str, dict[str, Series]]] = {}
    for jobs in job_counts:  # one process first: the targets are about it
        label = "fleet" if jobs == args.jobs else f"fleet_{jobs}proc"
        title = f"{len(names)} hosts, --jobs {jobs} (whole-process wall time)"
        scenarios[label] = (title, bench.interleaved(runnable, fleet, names, jobs, args.reps))
    scenarios["one_host"] = (
        "one host: the seed's tree, one process",
        bench.interleaved(runnable, seed_parent, [generate_hosts.SEED_HOST], 1, args.reps),
    )
    for title, series in scenarios.values():
        report += table(title, series)

    results: dict = {"versions": versions(), "hosts": len(names), "jobs": args.jobs, "reps": args.reps,
                     "load_before": os.getloadavg()}
    for label, (_, series) in scenarios.items():
        results[label] = {
            s.tool: {"ok": s.ok, "median_s": s.median() if s.ok else None, "rss_mb": s.rss_mb() if s.ok else None,
                     "runs_s": [r.seconds for r in s.runs], "detail": s.runs[-1].detail if s.runs else ""}
            for s in series.values()
        }

    failures = [t for _, series in scenarios.values() for t, s in series.items() if not s.ok] + list(missing)
    failures = list(dict.fromkeys(failures))
    one_proc = scenarios["fleet_1proc" if "fleet_1proc" in scenarios else "fleet"][1]
    one_series = scenarios["one_host"][1]
    subject = scenarios["fleet"][1].get("bondlint")

    def ratio(series: dict[str, Series], tool: str, peer: str) -> float | None:
        a, b = series.get(tool), series.get(peer)
        return a.median() / b.median() if a and a.ok and b and b.ok else None

    targets = [
        ("fleet_cold", f"{len(names)} hosts, one process: bondlint cold / insights", ratio(one_proc, "bondlint", "insights"), 2.0),
        ("fleet_warm", f"{len(names)} hosts, one process: bondlint warm / insights", ratio(one_proc, "bondlint-warm", "insights"), 0.5),
        ("one_host_cold", "one host: bondlint cold / augtool", ratio(one_series, "bondlint", "augtool"), 2.0),
        ("one_host_warm", "one host: bondlint warm / augtool", ratio(one_series, "bondlint-warm", "augtool"), 1.0),
    ]
    report.append("\ntargets")
    for _, text, value, target in targets:
        report.append(f"  {text}: {verdict(value, target)}")
    for label, (_, series) in scenarios.items():
        floor = series.get("floor")
        if floor and floor.ok:
            shown = ", ".join(
                f"{s.tool} {s.median() / floor.median():.2f}×" for s in series.values() if s.ok and s.tool != "floor"
            )
            report.append(f"  {label}: against the read floor: {shown}")
    results["ratios"] = {key: value for key, _, value, _ in targets}

    for label, (_, series) in scenarios.items():
        cold, warm = series.get("bondlint"), series.get("bondlint-warm")
        if cold and cold.ok and warm and warm.ok:
            same = all(r.stdout == cold.runs[-1].stdout for r in (*cold.runs, *warm.runs))
            report.append(f"  {label}: warm output identical to cold: {'yes' if same else 'NO'}")
            if not same:
                failures.append(f"bondlint-warm output differs ({label})")

    if subject and subject.ok:
        check = check_faults(subject.runs[-1].stdout, faults)
        results["faults"] = check
        report.append(
            f"  seeded faults flagged: {check['seeded'] - len(check['missed'])}/{check['seeded']}"
            f"; error/warning findings on clean hosts: {check['clean_host_findings'] or 'none'}"
        )
        report += [f"    missed {f['code']} {f['host']}/{f['path']}" for f in check["missed"][:20]]
        if check["missed"]:
            failures.append("bondlint missed seeded faults")
    elif "bondlint" in runnable:
        report.append("  seeded faults: not checked, bondlint produced no JSON")

    rss_ratio = None
    if args.rss_hosts and "bondlint" in runnable and subject and subject.ok:
        big = args.work / f"fleet-{args.rss_hosts}-seed{args.seed}-f{args.fault_rate}"
        if not (big / generate_hosts.FAULTS_FILE).exists():
            generate_hosts.generate(big, args.rss_hosts, args.seed, args.fault_rate)
        big_names = sorted(p.name for p in big.iterdir() if p.is_dir())
        big_run = bench.measure("bondlint", big, big_names, args.jobs)
        if big_run.ok:
            rss_ratio = big_run.maxrss_kb / max(r.maxrss_kb for r in subject.runs)
            report.append(
                f"  peak RSS {args.rss_hosts} hosts {big_run.maxrss_kb / 1024:.1f} MB ({big_run.seconds:.2f} s)"
                f" / {len(names)} hosts {subject.rss_mb():.1f} MB: {verdict(rss_ratio, 1.2)}"
            )
        else:
            report.append(f"  peak RSS at {args.rss_hosts} hosts: bondlint FAILED: {big_run.detail}")
            failures.append("bondlint (RSS run)")
    results["ratios"]["rss"] = rss_ratio

    (args.work / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    print("\n".join(report))
    if failures:
        print(f"\nnot clean: {', '.join(dict.fromkeys(failures))}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
