"""Rules as plugins: declaring a rule, loading the registry, running rules on a host.

A rule is a function of the host model that yields Violations; its docstring
is its documentation (``--explain``, SARIF help). Built-in rules and
third-party rule packs both arrive through the ``bondlint.rules`` entry-point
group, so the door we use is the door others use (the built-in pack is imported
directly, and the others found without importlib.metadata: ``bondlint.packs``).
"""

from __future__ import annotations

import re
import types
from functools import cache
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

import attrs

from bondlint.model.release import NAMES as RELEASES, Release, release, releases_where
from bondlint.findings import Finding, Severity, Violation
from bondlint.fixing.edits import Availability, Safety
from bondlint.syntax.span import Problem, Span

if TYPE_CHECKING:
    from bondlint.model.host import HostModel
    from bondlint.model.lexical import Directive

ENTRY_POINT_GROUP = "bondlint.rules"
CODE_RE = re.compile(r"^[A-Z]{2,}\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

Check = Callable[["HostModel"], Iterable[Violation]]
#: a rule's wording of one kind of reading or parsing problem
Describe = Callable[[Problem], str]


@attrs.frozen(slots=True)
class Rule:
    """A rule's identity, declared once beside its code.

    ``releases``: the rule applies only on these releases (None: all).
    ``severity_by_release``: where a release changes how much a finding matters (BL205 is an
    error on el5), the severity on that release; ``severity`` everywhere else. Declared here,
    not chosen in the rule's body, so --list-rules and --explain show what the engine applies.
    ``scope``: "file" rules look at one file at a time and also run when the
    user lints single files; "host" rules need the whole host.
    """

    code: str
    name: str
    severity: Severity
    check: Check = attrs.field(eq=False, repr=False)
    doc: str = attrs.field(eq=False, repr=False)
    releases: frozenset[str] | None = None
    severity_by_release: Mapping[str, Severity] = attrs.field(factory=dict, hash=False)
    scope: str = "host"
    origin: str = "builtin"  # the entry point (rule pack) it came from
    #: post rules run after suppressions apply: ``check(host, SuppressionResult)``
    post: bool = False
    #: whether its violations carry a Fix (ruff's "Fix is always/sometimes available")
    fix: Availability = Availability.NONE
    #: some of its fixes are unsafe (then its doc has a "## Fix safety" section)
    unsafe_fixes: bool = False
    #: a rule that also audits the configuration file: ``config_check(path, text, unknown_entries)``
    #: yields its Violations (BL902 for config entries naming no installed rule)
    config_check: Callable[[str, str, tuple[str, ...]], Iterable[Violation]] | None = attrs.field(
        default=None, eq=False, repr=False
    )
    #: the reading and parsing problems this rule reports: kind → its wording of such a problem
    #: (syntax says what it saw, neutrally; see ``Problem`` and ``describe_problem``)
    problems: Mapping[str, Describe] = attrs.field(factory=dict, eq=False, repr=False)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""

    def applies_to(self, release: str | None) -> bool:
        """Release-scoped rules stay silent when the release is unknown."""
        return self.releases is None or release in self.releases

    def severity_on(self, release: str | None) -> Severity:
        """The severity of this rule's findings on ``release`` (unknown: the default)."""
        return self.severity_by_release.get(release, self.severity) if release else self.severity


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    releases: Iterable[str] | Callable[[Release], bool] | None = None,
    severity_by_release: Mapping[str, Severity] | Callable[[Release], Severity | None] | None = None,
    scope: str = "host",
    post: bool = False,
    fix: Availability | str = Availability.NONE,
    unsafe_fixes: bool = False,
    problems: Mapping[str, Describe] | None = None,
) -> Callable[[Check], Rule]:
    """Declare a rule: ``@rule("BL402", "bond-alias-not-first", Severity.WARNING)``.

    A rule that repairs declares ``fix="always"`` or ``fix="sometimes"`` and
    yields ``Violation(..., fix=Fix.safe(...))``; ``unsafe_fixes=True`` when
    some of its fixes are unsafe. A rule whose findings matter more or less on
    some releases declares ``severity_by_release={"el5": Severity.ERROR}``.

    Both release arguments may instead be a function of the release's capabilities
    (``model/release.py``), which is how built-in rules declare them:
    ``releases=lambda r: r.bonds_by_alias`` applies on every release whose
    initscripts create bonds by module alias, a new release included;
    ``severity_by_release=lambda r: Severity.WARNING if ... else None``.
    """
    availability = Availability(fix)
    if not CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must look like BL123")
    if not NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if scope not in ("file", "host"):
        raise ValueError(f"rule scope {scope!r} must be 'file' or 'host'")
    applies = releases_where(releases) if callable(releases) else frozenset(releases) if releases is not None else None
    if callable(severity_by_release):
        judged = {name: severity_by_release(release(name)) for name in (applies if applies is not None else RELEASES)}
        by_release = {name: s for name, s in judged.items() if s is not None}
    else:
        by_release = dict(severity_by_release or {})
    stray = sorted(set(by_release) - (applies if applies is not None else set(RELEASES)))
    if stray:
        raise ValueError(f"rule {code} declares a severity for {', '.join(stray)}, a release it does not apply to")

    def decorate(check: Check) -> Rule:
        import inspect  # here: a run answered from the cache declares no rule (inspect costs ~6 ms)

        return Rule(
            code=code,
            name=name,
            severity=severity,
            check=check,
            doc=inspect.cleandoc(check.__doc__ or ""),
            releases=applies,
            severity_by_release=by_release,
            scope=scope,
            post=post,
            fix=availability,
            unsafe_fixes=unsafe_fixes,
            problems=dict(problems or {}),
        )

    return decorate


class RegistryError(Exception):
    """A rule pack that cannot be loaded, or two rules with one code."""


def _rules_from(obj: object) -> list[Rule]:
    if isinstance(obj, Rule):
        return [obj]
    if isinstance(obj, types.ModuleType):
        return [v for v in vars(obj).values() if isinstance(v, Rule)]
    if callable(obj) and not isinstance(obj, type):
        obj = obj()
    if isinstance(obj, Iterable):
        found: list[Rule] = []
        for item in obj:
            found.extend(_rules_from(item))
        return found
    raise RegistryError(f"{obj!r} is not a rule, a module of rules, or a list of rules")


@cache
def registry() -> dict[str, Rule]:
    """All rules from every installed pack, by code, sorted by code."""
    from bondlint import packs

    rules: dict[str, Rule] = {}
    builtin = packs.Pack(*packs.BUILTIN, distribution="bondlint", location="")
    for ep in [builtin, *packs.third_party(ENTRY_POINT_GROUP)]:  # built-ins first, then sys.path order
        try:
            loaded = ep.load()
        except Exception as exc:  # a broken plugin must not hide which one it is
            raise RegistryError(f"rule pack {ep.name!r} ({ep.value}) failed to load: {exc}") from exc
        for r in _rules_from(loaded):
            r = attrs.evolve(r, origin=ep.name)
            if r.code in rules and rules[r.code] != r:
                raise RegistryError(
                    f"rule code {r.code} is declared twice ({rules[r.code].origin}, {r.origin})"
                )
            rules[r.code] = r
    return dict(sorted(rules.items()))


def describe_problem(problem: Problem, rules: Mapping[str, Rule] | None = None) -> tuple[str, str] | None:
    """(code, message) of the finding the installed rules make of ``problem``; None if no rule
    declares its kind. For library users of ``parse_text(...).problems``."""
    for r in (rules if rules is not None else registry()).values():
        describe = r.problems.get(problem.kind)
        if describe is not None:
            return r.code, describe(problem)
    return None


@attrs.frozen(slots=True)
class RuleFailure:
    """A rule that raised: reported, and the other rules go on."""

    code: str
    root: str | None
    error: str
    #: the formatted traceback, shown with --debug (it crosses process boundaries as text)
    details: str = attrs.field(default="", eq=False, repr=False)


@attrs.frozen(slots=True)
class SuppressionResult:
    """What post rules (BL901, BL902) see: every directive and the codes that silenced nothing."""

    directives: tuple[Directive, ...]
    unused: tuple[tuple[str, Span], ...]
    #: codes of the rules that ran here: a suppression of a rule not run is not "unused"
    ran: frozenset[str] = frozenset()


def run_rules(
    host: HostModel, rules: Iterable[Rule]
) -> tuple[list[Finding], list[RuleFailure]]:
    """Run rules on one host, apply inline suppressions, then the post rules."""
    findings: list[Finding] = []
    failures: list[RuleFailure] = []
    rules = [r for r in rules if r.applies_to(host.release) and (r.scope == "file" or not host.partial)]
    sources = _Sources(host)
    for r in rules:
        if not r.post:
            _run_one(r, host, (host,), sources, findings, failures)
    directives = host.suppressions.directives
    if directives:
        from bondlint import suppress  # here: a run answered from the cache runs no rule

        outcome = suppress.apply(findings, directives)
        findings = outcome.kept
        result = SuppressionResult(directives, tuple(outcome.unused), frozenset(r.code for r in rules if not r.post))
        for r in rules:
            if r.post:
                _run_one(r, host, (host, result), sources, findings, failures)
    findings.sort(key=Finding.sort_key)
    return findings, failures


#: Findings one rule records in one file (20 times the report's cap, bondlint.report.bounds):
#: past it the engine makes no more Finding objects for that file but counts the violations, and
#: one finding of the same code, where the first uncounted one was, says how many more there are.
#: So a hostile file costs a bounded number of findings, and suppression and the report's cap
#: work on what is recorded as on any finding.
MAX_FINDINGS_PER_RULE_PER_FILE = 1000


def _run_one(r: Rule, host: HostModel, args: tuple, sources: _Sources, findings: list[Finding], failures: list[RuleFailure]) -> None:
    assumed = r.releases is not None and host.release_assumed
    severity = r.severity_on(host.release)
    recorded: dict[str | None, int] = {}
    surplus: dict[str | None, list] = {}  # path → [first surplus Violation, how many]
    try:
        for v in r.check(*args):
            if v.fix is not None:
                _check_fix(r, v)
            path = v.span.path if v.span is not None else None
            n = recorded[path] = recorded.get(path, 0) + 1
            if n > MAX_FINDINGS_PER_RULE_PER_FILE:
                if path in surplus:
                    surplus[path][1] += 1
                else:
                    surplus[path] = [v, 1]
                continue
            message = v.message
            if assumed:
                message = f"{message} (release assumed to be {host.release}: {host.release_source})"
            if (reader_assumed := host.assumption_for(path)) is not None:
                message = f"{message} ({reader_assumed})"
            findings.append(
                Finding(
                    code=r.code,
                    name=r.name,
                    severity=v.severity or severity,
                    message=message,
                    span=v.span,
                    root=host.root,
                    related=v.related,
                    context=sources.lines(v.span),
                    fix=v.fix,
                    host_relpath=host.host_relpaths.get(v.span.path) if v.span and host.host_relpaths else None,
                )
            )
    except Exception as exc:  # one broken rule never ends the run
        import traceback

        failures.append(RuleFailure(r.code, host.root, f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    for first, count in surplus.values():
        findings.append(
            Finding(
                code=r.code,
                name=r.name,
                severity=first.severity or severity,
                message=f"{count:,} more {r.code} finding{'s' if count != 1 else ''} in this file from here on, "
                f"not recorded one by one (bondlint records at most {MAX_FINDINGS_PER_RULE_PER_FILE:,} per rule per file)",
                span=first.span,
                root=host.root,
                context=sources.lines(first.span),
                host_relpath=host.host_relpaths.get(first.span.path) if first.span and host.host_relpaths else None,
                unrecorded=count - 1,
            )
        )


def _check_fix(r: Rule, v: Violation) -> None:
    """A fix must be declared: the docs and --list-rules say which rules repair."""
    assert v.fix is not None
    if r.fix is Availability.NONE:
        raise TypeError(f"{r.code} yields a fix but declares fix='none'")
    if v.fix.safety is Safety.UNSAFE and not r.unsafe_fixes:
        raise TypeError(f"{r.code} yields an unsafe fix but does not declare unsafe_fixes=True")
    if not v.fix.edits or any(e.path is None for e in v.fix.edits):
        raise TypeError(f"{r.code} yields a fix with no edits, or an edit of no file")


class _Sources:
    """The text of each document by path, for the source lines a finding shows."""

    MAX_LINES = 5

    def __init__(self, host: HostModel) -> None:
        # an unreadable file has no lines to show
        self._docs = {doc.path: doc for doc in host.documents if doc.path not in host.unread}
        self._lines: dict[str | None, list[str]] = {}

    def lines(self, span: Span | None) -> tuple[str, ...]:
        if span is None or span.path not in self._docs:
            return ()
        lines = self._lines.get(span.path)
        if lines is None:
            lines = self._lines[span.path] = self._docs[span.path].text.split("\n")
        end = min(span.end_line, span.line + self.MAX_LINES - 1)
        return tuple(line.rstrip("\r") for line in lines[span.line - 1 : end])


def matches(selector: str, r: Rule) -> bool:
    """A selector is a code (BL402), a code prefix (BL4, BL), a rule name, or ALL."""
    s = selector.strip()
    if not s:  # "" would be a prefix of every code
        return False
    return s == "ALL" or r.code.startswith(s.upper()) or r.name == s.lower()


def unknown_selectors(selectors: Iterable[str], rules: dict[str, Rule]) -> list[str]:
    return [s for s in selectors if not any(matches(s, r) for r in rules.values())]


def select_rules(
    rules: dict[str, Rule],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> list[Rule]:
    """ruff's model: start from ``select`` (default: every rule), add ``extend_select``, drop ``ignore``."""
    chosen = list(select) if select is not None else ["ALL"]
    chosen += list(extend_select)
    ignored = list(ignore)
    return [
        r
        for r in rules.values()
        if any(matches(s, r) for s in chosen) and not any(matches(s, r) for s in ignored)
    ]
