"""Command line: arguments → config → lint → reporter → exit code.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage or configuration error, or an internal failure; 141 when the reader
of stdout closed it early (as for any command killed by SIGPIPE).
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

import attrs

from bondlint import __version__
from bondlint.config import RELEASES, Config, ConfigError, UsageError
from bondlint.findings import Finding, Severity
from bondlint.report import FORMATS, Sink, Tee, sink
from bondlint.report.bounds import cap
from bondlint.report.output import GuardedStream, OutputError

if TYPE_CHECKING:
    from bondlint.engine import Rule
    from bondlint.report.output import AtomicFile
    from bondlint.runner import RootResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_PIPE = 128 + 13  # stdout closed early (`| head`), as a shell reports SIGPIPE


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


def _columns() -> int:
    """shutil.get_terminal_size().columns without importing shutil (argparse would, on every run)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        """One line on stderr and exit 2, as for every other usage error."""
        self.exit(EXIT_ERROR, f"bondlint: error: {message} (see bondlint --help)\n")


def _report_spec(value: str) -> tuple[str, str]:
    """--report FORMAT=FILE"""
    fmt, sep, path = value.partition("=")
    if not sep or not path or fmt not in FORMATS:
        raise argparse.ArgumentTypeError(f"expected FORMAT=FILE with FORMAT one of {', '.join(FORMATS)}, got {value!r}")
    return fmt, path


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
        help="host roots (/etc, a chroot, an image, a sosreport, a config repo's host folder) "
        "or single files, or @FILE listing them; default: /etc",
    )
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    out.add_argument("--output-file", "-o", metavar="FILE", help="write the --format report to FILE (atomically) instead of stdout")
    out.add_argument("--report", type=_report_spec, action="append", default=[], metavar="FORMAT=FILE", help="also write a FORMAT report to FILE (atomically); repeatable, e.g. --report junit=bondlint.xml --report html=fleet.html")
    out.add_argument("--statistics", action="store_true", help="print how many findings of each code instead of the findings (text or json)")
    out.add_argument("--quiet", "-q", action="store_true", help="print the findings only: no summary line, no progress bar, no notes")
    out.add_argument("--fail-on", choices=["error", "warning", "info"], help="lowest severity that makes the exit code 1 (default: warning)")
    sel = p.add_argument_group("rule selection")
    sel.add_argument("--select", type=_codes, action="append", metavar="CODES", help="only these codes, code prefixes (BL3) or rule names; comma-separated")
    sel.add_argument("--ignore", type=_codes, action="append", default=[], metavar="CODES", help="drop these codes, prefixes or names")
    sel.add_argument("--extend-select", type=_codes, action="append", default=[], metavar="CODES", help="add to the selection")
    sel.add_argument("--release", choices=RELEASES, help="audit as this release instead of reading or inferring it")
    cfg = p.add_argument_group("configuration and baseline")
    cfg.add_argument("--config", type=_file_name, metavar="FILE", help="use this TOML file ([tool.bondlint] or top-level keys) instead of discovery")
    cfg.add_argument("--baseline", type=_file_name, metavar="FILE", help="report only findings not recorded in this baseline")
    cfg.add_argument("--write-baseline", type=_file_name, metavar="FILE", help="record today's findings in FILE and exit 0 (2 if a rule crashed)")
    run = p.add_argument_group("running")
    run.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="audit roots (and compute their fixes) in N processes (default: all cores; at most 4 per core)")
    run.add_argument("--live", action="store_true", help="also audit the running bonds of this host (/proc/net/bonding, /sys; read-only) against the configuration")
    run.add_argument("--whole-host", action="store_true", help="for each file given, lint the whole host root holding it (pre-commit)")
    run.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    run.add_argument("--cache-dir", metavar="DIR", help="keep the content cache in DIR (default: $BONDLINT_CACHE_DIR, else the user cache directory)")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write the content cache")
    from bondlint.fixing.cli import add_arguments as add_fix_arguments

    add_fix_arguments(p)
    docs = p.add_argument_group("documentation")
    docs.add_argument("--explain", metavar="CODE", help="print a rule's documentation and exit")
    docs.add_argument("--list-rules", action="store_true", help="list every rule (plugins' too) and exit")
    docs.add_argument("--show-host", metavar="ROOT", help="print the host model of ROOT (bonds, effective options and where each came from) and exit; --format json for JSON")
    p.add_argument("--version", action="store_true", help="print the version and exit")
    return p


def _show_host(path: str, fmt: str, release: str | None) -> int:
    """``--show-host``: the model the rules would read, as text or JSON."""
    from bondlint.host.build import build_host
    from bondlint.host.discover import Missing, classify
    from bondlint.host.show import render_json, render_text

    target = classify(path)
    if isinstance(target, Missing):
        raise UsageError(f"{path}: {target.problem.details['reason']}")
    host = build_host(target, release=release)
    sys.stdout.write(render_json(host) if fmt == "json" else render_text(host))
    return EXIT_OK


#: A list of roots (@FILE) is read whole: thousands of paths fit easily.
MAX_ROOT_LIST = 64 * 1024 * 1024


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

        got = read_input(p[1:], "list of roots (@FILE)", MAX_ROOT_LIST)
        # Not UTF-8: read as Latin-1, whose code points are the bytes, back to the bytes on disk.
        text = os.fsdecode(got.text.encode("latin-1")) if got.problems else got.text
        for line in text.split("\n"):
            line = line.removesuffix("\r")
            if line.strip() and not line.lstrip().startswith("#"):
                out.append(line)
    return out  # an argument file that lists no roots lints nothing, not this host


def _flatten(groups: list[list[str]] | None) -> list[str] | None:
    return None if groups is None else [c for g in groups for c in g]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        print("bondlint: error: standard output is closed; redirect it (to /dev/null if need be)", file=sys.stderr)
        return EXIT_ERROR
    for stream in (sys.stdout, sys.stderr):
        # Paths are bytes on Linux: write undecodable names back as the bytes they are,
        # whatever the locale's error handler (a strict one would crash mid-report).
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    stdout = sys.stdout
    sys.stdout = GuardedStream(stdout, lambda exc: StdoutError(exc.errno, exc.strerror))
    try:
        code = _run(args)
        sys.stdout.flush()  # inside the try: a closed pipe or a full disk is reported here, not at exit
        return code
    except (UsageError, ConfigError, OutputError) as exc:
        print(f"bondlint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `bondlint ... | head`: the reader has had enough
        _discard_stdout()
        return EXIT_PIPE
    except StdoutError as exc:  # a full disk, a dead terminal: the report is lost, so say so
        if args.debug:
            import traceback

            traceback.print_exc()
        _discard_stdout()
        print(f"bondlint: error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # an internal failure: one line unless --debug; exit 2 either way
        if args.debug:
            import traceback  # only to show one: a run that does not fail never loads it

            traceback.print_exc()
            print(f"bondlint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        else:
            print(f"bondlint: internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)", file=sys.stderr)
        return EXIT_ERROR
    finally:
        sys.stdout = stdout


class StdoutError(OSError):
    """Writing to stdout failed (ENOSPC, EIO): told apart from any other OSError of a run."""


def _discard_stdout() -> None:
    """Close stdout whose reader is gone or whose disk is full: no second error at exit
    (the close flushes once more, fails, and closes all the same)."""
    with suppress(OSError, ValueError):
        sys.stdout.close()  # through GuardedStream: closes the real stream


def _run(args: argparse.Namespace) -> int:
    from bondlint.engine import registry, unknown_selectors

    if args.version:
        print(f"bondlint {__version__}")
        return EXIT_OK
    if args.list_rules:
        from bondlint.report.rules import list_rules

        list_rules(registry())
        return EXIT_OK
    if args.show_host:
        return _show_host(args.show_host, args.format, args.release)
    if args.explain:
        from bondlint.report.rules import explain

        if not explain(registry(), args.explain):
            raise UsageError(f"no rule {args.explain!r}; see bondlint --list-rules")
        return EXIT_OK
    cache = _open_cache(args)
    rules = cache.rules(registry) if cache is not None else registry()

    config = _load_config(args.config)
    cli_selectors = (_flatten(args.select) or []) + _flatten(args.ignore) + _flatten(args.extend_select)
    bad = unknown_selectors(cli_selectors, rules)
    if bad:
        raise UsageError(f"unknown rule code or name: {', '.join(bad)} (see bondlint --list-rules)")
    if args.write_baseline and (args.output_file or args.report or args.statistics):
        raise UsageError("--write-baseline writes no report: drop --output-file, --report and --statistics")
    fail_on = Severity.parse(args.fail_on) if args.fail_on else config.fail_on

    from bondlint import baseline as baseline_file

    baseline = baseline_file.read(args.baseline) if args.baseline else None
    if args.write_baseline:
        baseline_file.check_writable(args.write_baseline)  # before the run, not after it

    paths = _roots(args.paths)
    if args.whole_host:
        from bondlint.host.discover import host_root_holding

        paths = list(dict.fromkeys(host_root_holding(p) or p for p in paths))

    if args.fix or args.diff:
        from bondlint.fixing import cli as fix_cli

        return fix_cli.run(args, config, paths, fail_on, baseline, __version__)

    from bondlint.runner import default_jobs, start

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
    out, files = (_Recorder(), []) if args.write_baseline else _reports(args, rules)
    counts = {"error": 0, "warning": 0, "info": 0}
    failures = []
    capped = not isinstance(out, _Recorder)  # a baseline records every finding
    try:
        out.start(run.roots)
        with _progress(0 if args.quiet else len(run.roots)) as advance:
            for result in run.results:
                _tally(result, counts, out, capped)
                failures.extend(result.failures)
                if advance:
                    advance()
        out.finish(counts, run.roots)
    except BaseException:
        for file in files:  # the report files as they were: no half-written report
            file.discard()
        raise
    for file in files:
        file.commit()

    for failure in failures:
        if args.debug:
            print(failure.details, end="", file=sys.stderr)
        hint = "" if args.debug else " (run with --debug for a traceback)"
        print(f"bondlint: internal error in rule {failure.code} on {failure.root}: {failure.error}{hint}", file=sys.stderr)
    if isinstance(out, _Recorder):
        baseline_file.write(args.write_baseline, out.findings)
        if not args.quiet:
            print(f"bondlint: wrote {len(out.findings)} finding(s) to baseline {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if failures else EXIT_OK  # a crashed rule's findings are missing from it
    if failures:
        return EXIT_ERROR
    worst = max((Severity.parse(name) for name, n in counts.items() if n), default=None)
    return EXIT_FINDINGS if worst is not None and worst >= fail_on else EXIT_OK


def _tally(result: RootResult, counts: dict[str, int], out: Sink, capped: bool) -> None:
    """The summary counts every finding, also those the output cap leaves out."""
    for f in result.findings:
        counts[str(f.severity)] += 1 + f.unrecorded
    out.add_result(attrs.evolve(result, findings=tuple(cap(result.findings))) if capped else result)


def _reports(args: argparse.Namespace, rules: dict[str, Rule]) -> tuple[Sink, list[AtomicFile]]:
    """The --format report (stdout or --output-file) and every --report FORMAT=FILE.

    Files are opened before the run, so a folder that does not exist fails at
    once; each becomes its real name only when the run has written all of it.
    """
    from bondlint.report.output import AtomicFile

    if args.statistics and args.format not in ("text", "json"):
        raise UsageError("--statistics prints text or json; use --report FORMAT=FILE for other formats")
    named = [args.output_file] if args.output_file else []
    named += [path for _, path in args.report]
    twice = sorted({p for p in named if named.count(p) > 1})
    if twice:
        raise UsageError(f"report file named twice: {', '.join(twice)}")
    files: list[AtomicFile] = []
    try:
        if args.output_file:
            files.append(AtomicFile(args.output_file))
        main_out = files[0].stream if args.output_file else sys.stdout
        if args.statistics:
            from bondlint.report.statistics import StatisticsSink

            sinks: list[Sink] = [StatisticsSink(main_out, as_json=args.format == "json")]
        else:
            sinks = [sink(args.format, main_out, rules, __version__, quiet=args.quiet)]
        for fmt, path in args.report:
            files.append(AtomicFile(path))
            sinks.append(sink(fmt, files[-1].stream, rules, __version__))
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

    return open_cache(args.cache_dir or default_dir())


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
