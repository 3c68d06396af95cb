"""Auditing: paths → targets → host models → rules → a Report.

The one place that drives the whole pipeline; the CLI and library users both
come through ``lint()``. Roots are audited one at a time per worker process
and their findings streamed back in order, so memory stays flat however many
roots a run is given.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence, TypeVar

import attrs

from bondlint.baseline import Matcher
from bondlint.config import RELEASES, Config, ConfigError
from bondlint.engine import Rule, RuleFailure, matches, registry, run_rules, select_rules, unknown_selectors
from bondlint.findings import Finding, Severity, tally
from bondlint.result import RootResult

if TYPE_CHECKING:
    from bondlint.cache import Cache
    from bondlint.host.discover import Target
    from bondlint.model.host import HostModel

T = TypeVar("T")
R = TypeVar("R")


@attrs.frozen(slots=True)
class Report:
    """The result of one run: findings of every root, in a stable order."""

    roots: tuple[str, ...]
    findings: tuple[Finding, ...]
    failures: tuple[RuleFailure, ...] = ()

    def summary(self) -> dict[str, int]:
        return tally(self.findings, {"error": 0, "warning": 0, "info": 0})

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)


@attrs.frozen(slots=True)
class Checked:
    """One target through the pipeline's build and rules steps: its host model and what the rules said."""

    host: HostModel
    findings: tuple[Finding, ...]
    failures: tuple[RuleFailure, ...]
    #: the target could not be audited (only BL000 ran, saying why)
    missing: bool = False

    def result(self) -> RootResult:
        """The root's result as a run reports it, with every file read."""
        host = self.host
        if self.missing:
            return RootResult(host.root, self.findings, self.failures)
        files = tuple(d.path for d in host.documents if d.path)
        return RootResult(host.root, self.findings, self.failures, files, host.release, alone=host.partial)


def build(target: Target, release: str | None = None) -> HostModel:
    """The host model of ``target``: the one place a host is built (``check``, and ``--show-host``
    that prints it)."""
    from bondlint.host.build import build_host

    return build_host(target, release=release)


def check(target: Target, rules: Sequence[Rule], release: str | None = None, live: bool = False) -> Checked:
    """Build the host model of ``target`` and run ``rules`` on it (the audit, and every pass of
    the fixer over its in-memory overlay, come through here).

    ``live``: join the running host's bonds (/proc, /sys) to this configuration.
    """
    from bondlint.host.discover import Missing

    host = build(target, release)
    if isinstance(target, Missing):  # nothing to audit but why: BL000 whatever the selection
        rules = [registry()["BL000"]]
    elif live:
        from bondlint.host.runtime import attach_runtime, live_runtime

        host = attach_runtime(host, live_runtime())
    findings, failures = run_rules(host, rules)
    return Checked(host, tuple(findings), tuple(failures), missing=isinstance(target, Missing))


def audit(path: str, codes: Sequence[str], release: str | None = None, live: bool = False) -> RootResult:
    """Audit one root (or one single file) with the rules of the given codes."""
    from bondlint.host.discover import classify

    from bondlint.identity import recorded_identity

    rules = registry()
    target = classify(path)
    checked = check(target, [rules[c] for c in codes], release, live)
    # the hostname the root records (collector manifest, sosreport), read here, in the worker, observed
    recorded = recorded_identity(checked.host.root, getattr(target, "root", None))
    return attrs.evolve(checked.result(), recorded=recorded)


def _audit_cached(path: str, codes: Sequence[str], release: str | None, live: bool, cache: Cache | None) -> RootResult:
    """``audit``, answered by the content cache when one is given (never with ``live``)."""
    if cache is None or live:
        return audit(path, codes, release, live)
    return cache.audit(path, lambda: audit(path, codes, release, live))


#: What every worker audits with, set once per process (not sent with each root).
_settings: tuple[tuple[str, ...], str | None, bool, Cache | None] = ((), None, False, None)


def _init_worker(codes: tuple[str, ...], release: str | None, live: bool, cache: Cache | None = None) -> None:
    global _settings
    _settings = (codes, release, live, cache)


def _start_worker(parent: int, initializer: Callable[..., None], initargs: tuple) -> None:
    """Every worker's start: watch the main process (``_die_with``), then the caller's ``initializer``."""
    _die_with(parent)
    initializer(*initargs)


def _die_with(parent: int) -> None:
    """End this worker when the main process ends, however it ends (SIGTERM, SIGHUP, SIGKILL).

    Without it, ``kill`` of the main process (systemd's KillMode=process,
    ``Popen.terminate()``) leaves its workers running forever: an orphan is
    re-parented, so a watcher thread sees its parent change and ends the process.
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="bondlint-parent-watch", daemon=True).start()


#: Seconds between a worker's checks that the main process is still there.
PARENT_POLL = 0.2


def _audit_chunk(paths: list[str]) -> list[RootResult]:
    codes, release, live, cache = _settings
    results = [_audit_cached(p, codes, release, live, cache) for p in paths]
    if cache is not None:
        cache.flush()  # the chunk's entries are written before its results are reported
    return results


def audit_all(
    paths: Sequence[str], codes: Sequence[str], release: str | None, jobs: int, live: bool = False,
    cache: Cache | None = None,
) -> Iterator[RootResult]:
    """Audit roots in order, streaming results; with jobs > 1, in worker processes (``in_workers``)."""
    codes = tuple(codes)
    if jobs <= 1 or len(paths) <= 1:
        try:
            for p in paths:
                yield _audit_cached(p, codes, release, live, cache)
        finally:
            if cache is not None:
                cache.flush()
        return
    yield from in_workers(_audit_chunk, paths, jobs, _init_worker, (codes, release, live, cache))


def in_workers(
    work: Callable[[list[T]], list[R]], items: Sequence[T], jobs: int,
    initializer: Callable[..., None], initargs: tuple,
) -> Iterator[R]:
    """``work`` over ``items`` in worker processes, in chunks; results in input order as they come.

    Only a bounded window of chunks is in flight, so memory stays flat however
    many items a run is given. ``initializer(*initargs)`` runs once per worker; every
    worker also ends with the main process (``_die_with``).
    """
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor  # only multi-root runs pay for it

    workers = min(jobs, len(items), max_jobs())
    size = max(1, min(32, len(items) // (workers * 4)))  # amortise round trips, keep balance
    # Fresh workers for every generation of items: a long-lived CPython worker's
    # RSS creeps up with allocator fragmentation (~2 MB per thousand roots), and
    # forking a new pool costs milliseconds.
    for first in range(0, len(items), GENERATION):
        part = items[first : first + GENERATION]
        with ProcessPoolExecutor(workers, mp_context=_fork_context(), initializer=_start_worker,
                                 initargs=(os.getpid(), initializer, initargs)) as pool:
            window: deque = deque()
            for i in range(0, len(part), size):
                window.append(pool.submit(work, list(part[i : i + size])))
                if len(window) >= workers * 4:
                    yield from window.popleft().result()
            while window:
                yield from window.popleft().result()


#: Roots audited by one pool of workers before it is replaced.
GENERATION = 2048


def _fork_context():
    """fork where the platform has it: workers inherit the imports, and a library
    caller's script needs no ``if __name__ == "__main__"`` guard."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


#: Processes per CPU at most, whatever --jobs asks (400 workers on 2 cores only thrash).
JOBS_PER_CPU = 4


def max_jobs() -> int:
    return JOBS_PER_CPU * default_jobs()


@attrs.frozen(slots=True)
class Run:
    """A run under way: its roots are known at once, its results stream in order.

    Each result's findings already have the config (per-path ignores,
    severity overrides) and the baseline applied.
    """

    roots: tuple[str, ...]
    results: Iterator[RootResult]
    #: the codes of the rules run, and a digest of the configuration (reports record both)
    selection: tuple[str, ...] = ()
    config_digest: str = ""
    #: the baseline's matching, counting what it suppressed and what is stale once results are consumed
    baseline: Matcher | None = None


@attrs.frozen(slots=True)
class Pipeline:
    """The steps every root goes through, settled once per run: the rules selected
    (``pipeline``), the host built and the rules run on it (``check``), the config's per-path
    ignores and severity overrides (``configured``), the baseline and the hosts' identities
    (``report``). The audit (``start``) and the fixer (``bondlint.fixing``) both use one.
    """

    config: Config
    #: the selected rules, in code order (from a cache's catalogue: their codes only; the
    #: audit's workers run them by code from the registry)
    rules: tuple[Rule, ...]
    #: every installed rule by code: the config's selectors name them
    available: dict[str, Rule] = attrs.field(eq=False, repr=False)
    release: str | None = None

    @classmethod
    def of_rules(cls, rules: Sequence[Rule], *, config: Config | None = None, release: str | None = None) -> Pipeline:
        """Exactly these rules (library callers and tests with rules of their own)."""
        config = config or Config()
        return cls(config, tuple(rules), {r.code: r for r in rules}, release or config.release)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.rules)

    def check(self, target: Target) -> Checked:
        """Build the host of ``target`` and run the selected rules on it."""
        return check(target, self.rules, self.release)

    def configured(self, f: Finding) -> Finding | None:
        """``f`` with the config's severity override, or None when a per-path ignore drops it."""
        config = self.config
        ignored = config.ignored_for(f.relpath) if config.per_path_ignores else ()
        rule = self.available.get(f.code)
        if rule is not None and any(matches(s, rule) for s in ignored):
            return None
        override = _severity_override(f, rule, config)
        return attrs.evolve(f, severity=override) if override is not None else f

    def report(self, paths: Sequence[str], results: Iterable[RootResult], baseline: Iterable[str] | None = None) -> Run:
        """The run reporters read: ``results`` (the roots' own, in the order of ``paths``), then the
        config file's (BL902), each through ``configured``, the baseline and the hosts' identities."""
        from bondlint.cache import config_text
        from bondlint.host.discover import display_of

        matcher = Matcher(baseline) if baseline is not None else None
        every = itertools.chain(results, _config_result(self.config, self.rules, self.available))
        digest = hashlib.sha256(config_text(self.config).encode("utf-8", "surrogateescape")).hexdigest()
        return Run(
            tuple(display_of(p) for p in paths), self._filtered(every, matcher or Matcher(())),
            selection=tuple(sorted(self.codes)), config_digest=digest, baseline=matcher,
        )

    def _filtered(self, results: Iterator[RootResult], baseline: Matcher) -> Iterator[RootResult]:
        from bondlint.identity import Identities

        config = self.config
        # Hosts in fingerprints are named from the config file's folder, else their git top level, else here.
        identities = Identities(os.path.dirname(os.path.abspath(config.path)) if config.path else None)
        for result in results:
            own = bool(config.path) and result.root == config.path  # the configuration file's own result (BL902)
            if not own:
                identities.learn(result.root, result.recorded)
            kept = []
            for f in result.findings:
                f = self.configured(f)
                if f is None:
                    continue
                f = attrs.evolve(f, host=identities.of_finding(f))
                if not (baseline and baseline.take(f.fingerprint())):
                    kept.append(f)
            # An audited root gets its identity; the configuration file's own result (BL902) has none.
            host = None if own else identities.of(result.root)
            yield attrs.evolve(result, findings=tuple(kept), host=host)


def pipeline(
    *,
    config: Config | None = None,
    release: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] = (),
    extend_select: str | Iterable[str] = (),
    rules: dict[str, Rule] | None = None,
) -> Pipeline:
    """The pipeline of a run: keyword options over the config's keys, checked (an unknown
    selector or release is an error, and so is a selection that leaves no rule).

    ``rules``: every installed rule by code (default ``registry()``).
    """
    config = config or Config()
    available = rules if rules is not None else registry()
    select, ignore, extend_select = (_selectors(s) for s in (select, ignore, extend_select))
    bad = unknown_selectors([*(select or ()), *(ignore or ()), *(extend_select or ())], available)
    if bad:
        raise ValueError(f"unknown rule code or name: {', '.join(bad)}")
    # A typo in the config's select would turn every rule off: an error, as on the command line.
    bad = unknown_selectors([*(config.select or ()), *config.extend_select], available)
    if bad:
        raise ConfigError(f"{config.path or 'config'}: unknown rule code or name in select: {', '.join(bad)} (see bondlint --list-rules)")
    if release is not None and release not in RELEASES:
        raise ValueError(f"unknown release {release!r}; expected one of {', '.join(RELEASES)}")
    chosen = select_rules(
        available,
        select=select if select is not None else config.select,
        ignore=[*config.ignore, *(ignore or ())],
        extend_select=[*config.extend_select, *(extend_select or ())],
    )
    if not chosen:
        raise ConfigError("the selection (select, ignore, extend-select) leaves no rule to run")
    return Pipeline(config, tuple(chosen), available, release or config.release)


def start(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = ("/etc",),
    *,
    config: Config | None = None,
    release: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    baseline: Iterable[str] | None = None,
    jobs: int = 1,
    live: bool = False,
    cache: Cache | None = None,
    rules: dict[str, Rule] | None = None,
) -> Run:
    """Start linting; consume ``Run.results`` to drive it (memory stays flat).

    ``cache``: the content cache (``bondlint.cache.open_cache``; the CLI's, none by
    default). ``rules``: every installed rule by code (default ``registry()``); the
    CLI passes the cache's catalogue, so that a run answered from the cache does
    not import the rules.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    steps = pipeline(config=config, release=release, select=select, ignore=ignore, extend_select=extend_select, rules=rules)
    cache = cache.with_settings(list(steps.codes), steps.release, steps.config) if cache is not None else None
    return steps.report(paths, audit_all(paths, steps.codes, steps.release, jobs, live, cache), baseline)


def _selectors(value: str | Iterable[str] | None) -> list[str] | None:
    """A selector list; a string is one selector (not its letters, each a prefix of some code)."""
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _config_result(config: Config, rules: Sequence[Rule], available: dict[str, Rule]) -> Iterator[RootResult]:
    """BL902 for config entries naming no installed rule: the config file is audited too,
    and its findings go through the same severity overrides and baseline as the others."""
    from bondlint.engine import unknown_selectors

    if not config.path:
        return
    bad = tuple(unknown_selectors(config.code_entries(), available))
    if not bad:
        return
    installed = registry()  # the rules' own code: a catalogue from the cache holds none
    checks = [installed[r.code] for r in rules if installed[r.code].config_check is not None]
    if not checks:
        return
    text = config.source_text()
    lines = text.split("\n")
    findings = []
    for rule in checks:
        for v in rule.config_check(config.path, text, bad):  # type: ignore[misc]
            context = (lines[v.span.line - 1].rstrip("\r"),) if v.span else ()
            findings.append(Finding(rule.code, rule.name, v.severity or rule.severity, v.message, v.span, root=None, context=context))
    yield RootResult(config.path, tuple(findings), ())


def lint(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = ("/etc",),
    *,
    config: Config | None = None,
    release: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    baseline: Iterable[str] | None = None,
    jobs: int = 1,
    live: bool = False,
) -> Report:
    """Lint host roots (or single files) and return every finding.

    Keyword options override the same keys of ``config``. ``baseline`` is a
    collection of fingerprints (see ``bondlint.baseline``): findings whose
    fingerprint it holds are left out. ``live`` compares the running host's
    bonds (/proc/net/bonding, /sys/class/net/*/bonding, read-only) with each
    root. For thousands of roots, ``start()`` streams results instead.

    >>> import bondlint
    >>> report = bondlint.lint("fixtures/hosts/seed-centos52-xen-8023ad")
    >>> report.summary()["error"], report.summary()["warning"]
    (0, 0)
    """
    run = start(
        paths, config=config, release=release, select=select, ignore=ignore,
        extend_select=extend_select, baseline=baseline, jobs=jobs, live=live,
    )
    findings: list[Finding] = []
    failures: list[RuleFailure] = []
    for result in run.results:
        findings.extend(result.findings)
        failures.extend(result.failures)
    return Report(run.roots, tuple(findings), tuple(failures))


def _severity_override(f: Finding, rule: Rule | None, config: Config) -> Severity | None:
    """The config's severity for this finding: keys are selectors (code, prefix, name); the most specific wins."""
    if rule is None:
        return config.severity.get(f.code)
    found = [(s.upper() == rule.code or s.lower() == rule.name, len(s), sev) for s, sev in config.severity.items() if matches(s, rule)]
    return max(found, key=lambda c: c[:2])[2] if found else None


