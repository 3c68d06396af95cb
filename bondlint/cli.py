"""Command line: arguments → config → lint → reporter → exit code.

Exit codes: ``bondlint.exitcodes.ExitCode`` (0 nothing at or above --fail-on, 1 findings
at or above it, 2 usage or configuration error, or an internal failure; 141 when the reader
of stdout closed it early, as for any command killed by SIGPIPE).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

import attrs

from bondlint import __version__
from bondlint.argparsing import Parser as _Parser, report_spec as _report_spec
from bondlint.config import RELEASES, Config, ConfigError, UsageError
from bondlint.exitcodes import ExitCode
from bondlint.findings import Finding, Severity, tally
from bondlint.report import FORMATS, RunInfo, Sink, Tee, sink
from bondlint.report.bounds import cap
from bondlint.report.output import GuardedStream, OutputError

if TYPE_CHECKING:
    from bondlint.baseline import Matcher
    from bondlint.engine import Rule
    from bondlint.report.output import ReportFile
    from bondlint.result import RootResult

def _codes(value: str) -> list[str]:
    codes = [v.strip() for v in value.split(",") if v.strip()]
    if not codes:  # `--select=` would run no rule and report "No findings"
        raise argparse.ArgumentTypeError("expected codes, prefixes or rule names, got nothing")
    return codes


def _file_name(value: str) -> str:
    if not value:  # `--config=` is a mistake, not "no config"
        raise argparse.ArgumentTypeError("expected a file name, got nothing")
    return value


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, not {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="bondlint",
        description=(
            "Lint Linux network-bonding configuration (ifcfg-*, sysconfig/network, "
            "modprobe, Xen xend-config.sxp, /proc/net/bonding) before a reboot does."
        ),
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/internal error. "
        "@FILE reads roots from FILE, one path per line (blank and # lines skipped; no options).",
    )
    p.add_argument(
        "paths",
        nargs="*",
        help="host roots (/etc, a chroot, an image, a sosreport, a config repo's host folder, "
        "a .tar.gz/.tar.xz archive such as bondlint collect writes) or single files, or @FILE listing them; "
        "default: /etc. Subcommands: collect, merge, diff (a root of such a name is written ./collect)",
    )
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    out.add_argument("--output-file", "-o", metavar="FILE", help="write the --format report to FILE (atomically) instead of stdout")
    out.add_argument("--report", type=_report_spec, action="append", default=[], metavar="FORMAT=FILE", help="also write a FORMAT report to FILE (atomically); repeatable, e.g. --report junit=bondlint.xml --report html=fleet.html")
    out.add_argument("--statistics", action="store_true", help="print how many findings of each code instead of the findings (text or json)")
    out.add_argument("--quiet", "-q", action="store_true", help="print the findings only: no summary line, no progress bar, no notes")
    out.add_argument("--fail-on", choices=["error", "warning", "info", "never"], help="lowest severity that makes the exit code 1 (default: warning); never: exit 0 with findings")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (2 still for a usage or internal error); like --fail-on never")
    sel = p.add_argument_group("rule selection")
    sel.add_argument("--select", type=_codes, action="append", metavar="CODES", help="only these codes, code prefixes (BL3) or rule names; comma-separated")
    sel.add_argument("--ignore", type=_codes, action="append", default=[], metavar="CODES", help="drop these codes, prefixes or names")
    sel.add_argument("--extend-select", type=_codes, action="append", default=[], metavar="CODES", help="add to the selection")
    sel.add_argument("--release", choices=RELEASES, help="audit as this release instead of reading or inferring it")
    cfg = p.add_argument_group("configuration and baseline")
    cfg.add_argument("--config", type=_file_name, metavar="FILE", help="use this TOML file ([tool.bondlint] or top-level keys) instead of discovery")
    cfg.add_argument("--baseline", type=_file_name, metavar="FILE", help="report only findings not recorded in this baseline")
    cfg.add_argument("--since", type=_file_name, metavar="OLD.json", help="mark in the HTML report the findings new since this earlier JSON report")
    cfg.add_argument("--write-baseline", type=_file_name, metavar="FILE", help="record today's findings in FILE and exit 0 (2 if a rule crashed)")
    run = p.add_argument_group("running")
    run.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="audit roots (and compute their fixes) in N processes (default: all cores; at most 4 per core)")
    run.add_argument("--live", action="store_true", help="also audit the running bonds of this host (/proc/net/bonding, /sys; read-only) against the configuration")
    run.add_argument("--whole-host", action="store_true", help="for each file given, lint the whole host root holding it (pre-commit)")
    run.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    run.add_argument("--cache-dir", type=_file_name, metavar="DIR", help="keep the content cache in DIR (default: $BONDLINT_CACHE_DIR, else the user cache directory)")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write the content cache")
    run.add_argument(
        "--cache-verify", choices=("auto", "metadata", "content"), default="auto",
        help="how a cached root is checked: metadata (a stat per file; git's racy-file rule), content "
        "(read and hash every file), auto (content on NFS/CIFS/FUSE/overlay, else metadata; the default)",
    )
    from bondlint.fixing.arguments import add_arguments as add_fix_arguments

    add_fix_arguments(p)
    docs = p.add_argument_group("documentation")
    docs.add_argument("--explain", metavar="CODE", help="print a rule's documentation and exit")
    docs.add_argument("--list-rules", action="store_true", help="list every rule (plugins' too) and exit")
    docs.add_argument("--show-host", metavar="ROOT", help="print the host model of ROOT (bonds, effective options and where each came from) and exit; --format json for JSON")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    return p


def _show_host(path: str, fmt: str, release: str | None) -> int:
    """``--show-host``: the model the rules would read, as text or JSON."""
    from bondlint.host.discover import Missing, classify
    from bondlint.host.show import render_json, render_text
    from bondlint.runner import build

    target = classify(path)
    if isinstance(target, Missing):
        raise UsageError(f"{path}: {target.problem.details['reason']}")
    host = build(target, release)
    sys.stdout.write(render_json(host) if fmt == "json" else render_text(host))
    return ExitCode.OK


#: A list of roots (@FILE) is read whole: thousands of paths fit easily.
MAX_ROOT_LIST = 64 * 1024 * 1024
#: ``@-`` and the names of standard input: the list comes from stdin.
_STDIN_NAMES = ("-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0")


def _roots(paths: list[str]) -> list[str]:
    """The roots to audit: @FILE arguments replaced by the paths they list; none given: /etc.

    A list holds paths only, one per line, blank and ``#`` lines skipped: no
    options (a line ``--write-baseline=/x`` is a path, not an order) and no
    nesting. Undecodable bytes are kept as the path's own bytes.
    """
    if not paths:
        return ["/etc"]
    out: list[str] = []
    for p in paths:
        if not p.startswith("@"):
            out.append(p)
            continue
        from bondlint.config import read_input
        from bondlint.source import decode

        if p[1:] in _STDIN_NAMES:  # `find ... | bondlint @-`: a pipe is not a file to stat and open
            data = sys.stdin.buffer.read(MAX_ROOT_LIST + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
            if len(data) > MAX_ROOT_LIST:
                raise UsageError(f"{p}: list of roots larger than {MAX_ROOT_LIST} bytes")
            got = decode(data, "standard input")
            if not hasattr(got, "text"):
                raise UsageError(f"{p}: standard input is not a list of roots: {got.problem.details['reason']}")
        else:
            got = read_input(p[1:], "list of roots (@FILE)", MAX_ROOT_LIST)
        # Not UTF-8: read as Latin-1, whose code points are the bytes, back to the bytes on disk.
        text = os.fsdecode(got.text.encode("latin-1")) if got.problems else got.text
        for line in text.split("\n"):
            line = line.removesuffix("\r")
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(line)
    return out  # an argument file that lists no roots lints nothing, not this host


def _archives_read_only(args: argparse.Namespace, paths: list[str]) -> None:
    """An archive is audited, never fixed, and is no running host nor a file in a host tree."""
    used = [o for o, on in (("--fix", args.fix), ("--diff", args.diff), ("--live", args.live), ("--whole-host", args.whole_host)) if on]
    if not used:  # a plain run: the archive reader is imported only where it reads
        return
    from bondlint.archive import is_archive

    archive = next((p for p in paths if is_archive(p)), None)
    if archive is not None:
        raise UsageError(f"{archive} is an archive: {used[0]} does not apply to it (an archive is audited as it is)")


def _flatten(groups: list[list[str]] | None) -> list[str] | None:
    return None if groups is None else [c for g in groups for c in g]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except OSError:  # stderr too cannot take the error (`>/dev/full 2>/dev/full`): the exit code says it
        with suppress(OSError, ValueError):
            sys.stderr.close()
        return ExitCode.ERROR


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["collect"]:  # a subcommand; a root of that name is written ./collect
        from bondlint.collect.cli import main as collect

        return collect(argv[1:])
    if argv[:1] in (["merge"], ["diff"]):  # subcommands over JSON reports; a root of that name is written ./merge
        from importlib import import_module

        return import_module(f"bondlint.commands.{argv[0]}").main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    args.command_line = ["bondlint", *(sys.argv[1:] if argv is None else argv)]  # the HTML page's header shows it
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        print("bondlint: error: standard output is closed; redirect it (to /dev/null if need be)", file=sys.stderr)
        return ExitCode.ERROR
    for stream in (sys.stdout, sys.stderr):
        # Paths are bytes on Linux: write undecodable names back as the bytes they are,
        # whatever the locale's error handler (a strict one would crash mid-report).
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    stdout = sys.stdout
    sys.stdout = GuardedStream(stdout, lambda exc: StdoutError(exc.errno, exc.strerror))
    handlers = _catch_termination()
    try:
        code = _run(args)
        sys.stdout.flush()  # inside the try: a closed pipe or a full disk is reported here, not at exit
        return code
    except (UsageError, ConfigError, OutputError) as exc:
        print(f"bondlint: error: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except Terminated as exc:  # the temporary files are gone (every writer discards on BaseException)
        return ExitCode.signalled(exc.signum)
    except BrokenPipeError:  # `bondlint ... | head`: the reader has had enough
        _discard_stdout()
        return ExitCode.PIPE
    except StdoutError as exc:  # a full disk, a dead terminal: the report is lost, so say so
        if args.debug:
            import traceback

            traceback.print_exc()
        _discard_stdout()
        print(f"bondlint: error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        return ExitCode.ERROR
    except Exception as exc:  # an internal failure: one line unless --debug; exit 2 either way
        if args.debug:
            import traceback  # only to show one: a run that does not fail never loads it

            traceback.print_exc()
            print(f"bondlint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        else:
            print(f"bondlint: internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)", file=sys.stderr)
        return ExitCode.ERROR
    finally:
        sys.stdout = stdout
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


class Terminated(BaseException):
    """SIGTERM or SIGHUP: raised where the run is, so that every temporary file is removed on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"terminated by signal {signum}")
        self.signum = signum


def _catch_termination() -> dict[int, object]:
    """Turn SIGTERM and SIGHUP into ``Terminated`` in this process (the previous handlers, to restore).

    A forked worker inherits the handler: there it does what the default would (the parent cleans up).
    """
    pid = os.getpid()

    def terminate(signum: int, frame: object) -> None:
        if os.getpid() != pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated(signum)

    previous: dict[int, object] = {}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        try:
            previous[signum] = signal.signal(signum, terminate)
            if previous[signum] is signal.SIG_IGN:  # nohup's: stays ignored
                signal.signal(signum, signal.SIG_IGN)
        except ValueError:  # not the main thread (a library caller's): no handler of ours
            break
    return previous


class StdoutError(OSError):
    """Writing to stdout failed (ENOSPC, EIO): told apart from any other OSError of a run."""


def _discard_stdout() -> None:
    """Close stdout whose reader is gone or whose disk is full: no second error at exit
    (the close flushes once more, fails, and closes all the same)."""
    with suppress(OSError, ValueError):
        sys.stdout.close()  # through GuardedStream: closes the real stream


#: The collector's thresholds for a lint run: the young generation collected every 5,000
#: allocations instead of 700 (GC 0.3-0.4 s -> 0.05 s of a 1,000-host run; BENCHMARKS.md).
GC_THRESHOLDS = (5000, 20, 10)


def _settle_heap() -> None:
    """Before the roots are audited: what start-up made (rules, model classes, tables) stays for
    the whole run, so the collector stops re-scanning it (``gc.freeze``, inherited by workers),
    and the parsers' many short-lived objects are collected in larger batches. The command line
    only, once per process: a library caller's collector is left as it is."""
    import gc

    if gc.get_threshold() != GC_THRESHOLDS:
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLDS)


def _run(args: argparse.Namespace) -> int:
    from bondlint.engine import registry, unknown_selectors

    if args.version:
        print(f"bondlint {__version__}")
        return ExitCode.OK
    if args.list_rules:
        from bondlint.report.rules import list_rules

        if args.format not in ("text", "json"):
            raise UsageError("--list-rules prints text or json")
        list_rules(registry(), as_json=args.format == "json")
        return ExitCode.OK
    if args.show_host:
        if args.paths:
            raise UsageError(f"--show-host prints one root; also given: {' '.join(args.paths)} (run it once per root)")
        return _show_host(args.show_host, args.format, args.release)
    if args.explain:
        from bondlint.report.rules import explain

        if not explain(registry(), args.explain):
            raise UsageError(f"no rule {args.explain!r}; see bondlint --list-rules")
        return ExitCode.OK
    cache = _open_cache(args)
    rules = cache.rules(registry) if cache is not None else registry()

    config = _load_config(args.config)
    cli_selectors = (_flatten(args.select) or []) + _flatten(args.ignore) + _flatten(args.extend_select)
    bad = unknown_selectors(cli_selectors, rules)
    if bad:
        raise UsageError(f"unknown rule code or name: {', '.join(bad)} (see bondlint --list-rules)")
    if args.write_baseline and (args.output_file or args.report or args.statistics):
        raise UsageError("--write-baseline writes no report: drop --output-file, --report and --statistics")
    if (args.unsafe_fixes or args.show_fixes) and not (args.fix or args.diff):
        given = " and ".join(o for o, on in (("--unsafe-fixes", args.unsafe_fixes), ("--show-fixes", args.show_fixes)) if on)
        raise UsageError(f"{given} without --fix or --diff does nothing: add one of them")
    fail_on = _fail_on(args, config)

    from bondlint import baseline as baseline_file

    baseline = baseline_file.read(args.baseline) if args.baseline else None
    if args.write_baseline:
        baseline_file.check_writable(args.write_baseline)  # before the run, not after it

    paths = _roots(args.paths)
    _archives_read_only(args, paths)
    if args.whole_host:
        from bondlint.host.discover import host_root_holding

        paths = list(dict.fromkeys(host_root_holding(p) or p for p in paths))

    fixed = None
    if args.fix or args.diff:  # the fixes, then what remains reported below as any run
        from bondlint.fixing import cli as fix_cli

        fixed = fix_cli.run(args, config, paths)
        if args.diff:
            _warn_unmatched_ignores(config, {rel for r in fixed.roots for rel in r.result().under_root()}, args.quiet)
            return fix_cli.print_diff(fixed, fail_on)
        run = fixed.run(paths, baseline)
    else:
        from bondlint.runner import default_jobs, start

        _settle_heap()
        run = start(
            paths,
            config=config,
            release=args.release,
            select=_flatten(args.select),
            ignore=_flatten(args.ignore),
            extend_select=_flatten(args.extend_select),
            baseline=baseline,
            jobs=args.jobs or default_jobs(),
            live=args.live,
            cache=cache,
            rules=rules,
        )
    info = RunInfo(run.selection, run.config_digest)
    out, files = (_Recorder(), []) if args.write_baseline else _reports(args, rules, info, config)
    counts = {"error": 0, "warning": 0, "info": 0}
    failures = []
    audited: set[str] = set()  # every file's path under its root, for per-path-ignores keys matching none
    capped = not isinstance(out, _Recorder)  # a baseline records every finding
    try:
        out.start(run.roots)
        with _progress(0 if args.quiet else len(run.roots)) as advance:
            for result in run.results:
                _tally(result, counts, out, capped)
                failures.extend(result.failures)
                if config.per_path_ignores:
                    audited.update(result.under_root())
                if advance:
                    advance()
        out.finish(counts, run.roots)
    except BaseException:
        for file in files:  # the report files as they were: no half-written report
            file.discard()
        raise
    for file in files:
        file.commit()
    if fixed is not None and args.format == "text" and not args.quiet:
        print(fix_cli.summary(fixed, sum(counts.values())))  # what --fix did and did not, last on stdout

    _warn_unmatched_ignores(config, audited, args.quiet)
    for failure in failures:
        if args.debug:
            print(failure.details, end="", file=sys.stderr)
        hint = "" if args.debug else " (run with --debug for a traceback)"
        print(f"bondlint: internal error in rule {failure.code} on {failure.root}: {failure.error}{hint}", file=sys.stderr)
    if isinstance(out, _Recorder):
        before = baseline_file.previous(args.write_baseline)
        baseline_file.write(args.write_baseline, out.findings)
        if not args.quiet:
            print(_baseline_written(args.write_baseline, out.findings, before), file=sys.stderr)
        return ExitCode.ERROR if failures else ExitCode.OK  # a crashed rule's findings are missing from it
    if run.baseline is not None and not args.quiet:
        print(_baseline_applied(args.baseline, run.baseline), file=sys.stderr)
    if failures:
        return ExitCode.ERROR
    worst = max((Severity.parse(name) for name, n in counts.items() if n), default=None)
    return ExitCode.FINDINGS if worst is not None and fail_on is not None and worst >= fail_on else ExitCode.OK


def _warn_unmatched_ignores(config: Config, audited: set[str], quiet: bool) -> None:
    """Per-path-ignores keys that match no file of ``audited`` (paths under their roots), on stderr."""
    if audited and not quiet:
        for warning in config.unmatched_ignore_warnings(audited):
            print(warning, file=sys.stderr)


def _fail_on(args: argparse.Namespace, config: Config) -> Severity | None:
    """The lowest severity that fails the run; None (``--exit-zero``, ``fail-on = "never"`` on the
    command line or in the config) when findings never do. The command line wins over the file."""
    if args.exit_zero or args.fail_on == "never":
        return None
    return Severity.parse(args.fail_on) if args.fail_on is not None else config.fail_on


def _baseline_written(path: str, findings: list[Finding], before: list[str] | None) -> str:
    """What --write-baseline did, and over an existing baseline what changed (as ruff says it)."""
    said = f"bondlint: wrote {len(findings)} finding(s) to baseline {path}"
    if before is None:
        return said
    from bondlint.baseline import changes

    new, gone, kept = changes(before, (f.fingerprint() for f in findings))
    return f"{said}: {new} new, {gone} gone (fixed, or no longer found), {kept} unchanged since the previous file"


def _baseline_applied(path: str, matcher: Matcher) -> str:
    """How much the baseline hid, and how much of it matches nothing any more."""
    said = f"bondlint: baseline {path}: {matcher.suppressed} finding(s) suppressed"
    if matcher.stale:
        said += f", {matcher.stale} entr{'y' if matcher.stale == 1 else 'ies'} stale (no longer found; drop them with --write-baseline {path})"
    return said


def _run_info(args: argparse.Namespace, config: Config) -> dict[str, str]:
    """How this report was made, for the reports that show it (the HTML page's header)."""
    import shlex

    release = args.release or config.release
    return {
        "command": shlex.join(getattr(args, "command_line", ["bondlint"])),
        "release": f"{release} (forced)" if release else "read from each host",
        "config": config.path or "none (defaults)",
    }


def _tally(result: RootResult, counts: dict[str, int], out: Sink, capped: bool) -> None:
    """The summary counts every finding, also those the output cap leaves out."""
    tally(result.findings, counts)
    out.add_result(attrs.evolve(result, findings=tuple(cap(result.findings))) if capped else result)


def _reports(
    args: argparse.Namespace, rules: dict[str, Rule], info: RunInfo, config: Config | None = None, version: str = __version__
) -> tuple[Sink, list[ReportFile]]:
    """The --format report (stdout or --output-file) and every --report FORMAT=FILE.

    Files are opened before the run, so a folder that does not exist fails at
    once; each becomes its real name only when the run has written all of it
    (a device, a FIFO or standard output is written as a stream). Two reports
    to one destination are refused. ``config``: the run's, for the HTML header (a merge has none).
    """
    from bondlint.baseline import read_report
    from bondlint.report.output import destination, open_report

    if getattr(args, "since", None) and "html" not in (args.format, *(fmt for fmt, _ in args.report)):
        raise UsageError("--since marks new findings in the HTML report: add --format html or --report html=FILE")
    since = read_report(args.since) if getattr(args, "since", None) else None
    made = _run_info(args, config) if config is not None else None
    if args.statistics and args.format not in ("text", "json"):
        raise UsageError("--statistics prints text or json; use --report FORMAT=FILE for other formats")
    named = [args.output_file or "-"] + [path for _, path in args.report]
    places: dict[tuple, str] = {}
    for path in named:
        other = places.get(place := destination(path))
        if other is not None:
            where = "standard output" if other == "-" else other
            raise UsageError(f"report file named twice: {path} writes to {where} as well" if other != path else f"report file named twice: {path}")
        places[place] = path
    files: list[ReportFile] = []
    try:
        files.append(open_report(named[0], sys.stdout))
        main_out = files[0].stream
        if args.statistics:
            from bondlint.report.statistics import StatisticsSink

            sinks: list[Sink] = [StatisticsSink(main_out, as_json=args.format == "json")]
        else:
            sinks = [sink(args.format, main_out, rules, version, quiet=args.quiet, info=info, run=made, since=since)]
        for fmt, path in args.report:
            files.append(open_report(path, sys.stdout))
            sinks.append(sink(fmt, files[-1].stream, rules, version, info=info, run=made, since=since))
    except BaseException:
        for file in files:
            file.discard()
        raise
    return (sinks[0] if len(sinks) == 1 else Tee(sinks)), files


class _Recorder(Sink):
    """--write-baseline: keep the findings, print none."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)
        self.findings: list[Finding] = []

    def add(self, findings: Sequence[Finding]) -> None:
        self.findings.extend(findings)


def _open_cache(args: argparse.Namespace):
    """The content cache, unless --no-cache or --live (the running host is never cached)."""
    if args.no_cache or args.live:
        return None
    from bondlint.cache import default_dir, open_cache

    return open_cache(args.cache_dir or default_dir(), args.cache_verify)


def _load_config(explicit: str | None) -> Config:
    from bondlint import config as config_file

    if explicit:
        return config_file.load(explicit)
    found = config_file.discover()
    return config_file.load(found) if found else Config()


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None] | None]:
    """A progress bar on stderr while a long run's output goes elsewhere; otherwise nothing.

    Only when stderr is a terminal and stdout is not: findings streamed to the
    same terminal would tear the bar (and they show progress themselves).
    """
    if total < 2 or not sys.stderr.isatty() or sys.stdout.isatty() or os.environ.get("CI"):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True, redirect_stdout=False) as bar:
        task = bar.add_task("roots", total=total)
        yield lambda: bar.advance(task)
