"""BL9xx: bondlint's own suppression comments, and what a run could audit at all."""

from __future__ import annotations

from typing import Iterator

import attrs

from bondlint.rule_api import Edit, Fix, Severity, SuppressionResult, Violation, registry, rule
from bondlint.model.host import HostModel
from bondlint.model.lexical import Directive
from bondlint.syntax.span import LineIndex, Span


def _known(code: str) -> bool:
    return any(code.upper() == r.code or code.lower() == r.name for r in registry().values())


def _ran(code: str, ran: frozenset[str]) -> bool:
    """Whether the rule a directive names ran: one left out by --ignore or --select may still fire."""
    return any(code.upper() == c or code.lower() == registry()[c].name for c in ran)


@rule("BL901", "unused-suppression", Severity.WARNING, scope="file", post=True, fix="always")
def unused_suppression(host: HostModel, result: SuppressionResult) -> Iterator[Violation]:
    """A `# bondlint: disable=CODE` comment that suppressed nothing.

    ## What it checks
    Every code named in an inline or file-level suppression must silence at
    least one finding of that code where it applies.

    ## Why it matters
    A stale suppression hides the next real problem on that line: the bond
    option fixed last year stays silenced when someone breaks it again.

    ## Example
    ```
    # bondlint: disable=BL402
    alias bond0 bonding
    ```
    Use instead: remove the comment once the finding is gone.
    ```
    alias bond0 bonding
    ```

    ## Fix
    Delete the code from the directive, or the whole comment when it names nothing else.
    `bondlint --fix` does it (a comment on a line of its own goes with its
    line); only bondlint reads these comments.
    """
    unused = {span for _code, span in result.unused}
    for code, span in result.unused:
        if _known(code) and _ran(code, result.ran):
            directive = next((d for d in result.directives if any(s == span for _c, s in d.codes)), None)
            fix = _drop_code_fix(directive, span, unused) if directive is not None else None
            yield Violation(span, f"suppression of {code} silences nothing here", fix=fix)


def _drop_code_fix(directive: Directive, span: Span, unused: set[Span]) -> Fix | None:
    """Delete one code (and its comma) from its directive; the whole directive when none is used."""
    if all(s in unused for _c, s in directive.codes):
        if directive.removal is None:
            return None
        return Fix.safe("delete the unused suppression comment", Edit.delete(directive.removal))
    removal = directive.code_removal(span)
    if removal is None:
        return None
    return Fix.safe("delete the unused code from the directive", Edit.delete(removal))


@rule("BL902", "unknown-code-in-suppression", Severity.WARNING, scope="file", post=True)
def unknown_code_in_suppression(host: HostModel, result: SuppressionResult) -> Iterator[Violation]:
    """A suppression names a code that no installed rule has.

    ## What it checks
    Codes (or rule names) in `# bondlint: disable=` and `disable-file=`
    comments, and in the `select`, `ignore`, `extend-select`, `severity` and
    `per-path-ignores` configuration entries, must name an installed rule.

    ## Why it matters
    A typo (`BL42` for `BL402`) silences nothing, and the author believes the
    finding is handled. A code from a rule pack that is not installed here
    means this run checks less than the author expected.

    ## Example
    ```
    alias eth0 e1000   # bondlint: disable=BL4O2
    ```
    Use instead:
    ```
    alias eth0 e1000   # bondlint: disable=BL402
    ```

    ## Fix
    Correct the code (see `bondlint --list-rules`) or install the rule pack that provides it.
    """
    for code, span in host.suppressions.codes():
        if not _known(code):
            yield Violation(span, f"{code} is not the code or name of any installed rule")


def _config_entries(path: str, text: str, unknown: tuple[str, ...]) -> Iterator[Violation]:
    """BL902 in the configuration file: each entry naming no installed rule, once, where it is written."""
    index = LineIndex(text, path)
    for code in dict.fromkeys(unknown):
        at = _locate(text, code)
        span = index.span(at, at + len(code)) if at >= 0 else None
        yield Violation(span, f"{code} in the configuration is not the code, prefix or name of any installed rule")


def _locate(text: str, code: str) -> int:
    """Where a config entry is written: as a TOML string first (not inside a comment or a longer code)."""
    for quote in ('"', "'"):
        at = text.find(quote + code + quote)
        if at >= 0:
            return at + 1
    return text.find(code)


unknown_code_in_suppression = attrs.evolve(unknown_code_in_suppression, config_check=_config_entries)


@rule("BL903", "unsupported-suppression", Severity.WARNING, scope="file")
def unsupported_suppression(host: HostModel) -> Iterator[Violation]:
    """A `# bondlint:` directive written where it cannot work.

    ## What it checks
    Directives at the end of a line in a modprobe file, and directives whose
    `#` is glued to the word before it in an ifcfg or sysconfig file.

    ## Why it matters
    kmod and module-init-tools hand everything after `options bonding` to
    the module, so an end-of-line "comment" is module options (BL405), not a
    comment; in bash a `#` that does not follow a blank is part of the word.
    Either way the directive silences nothing, and the author believes the
    finding is handled.

    ## Example
    ```
    options bonding mode=4 # bondlint: disable=BL301
    ```
    Use instead:
    ```
    # bondlint: disable=BL301
    options bonding mode=4
    ```

    ## Fix
    Move the directive to a line of its own above the line it is about.
    """
    for directive in host.suppressions.inert:
        yield Violation(directive.span, f"this directive suppresses nothing: {directive.why}; put it on its own line above")


@rule("BL904", "nothing-audited", Severity.WARNING)
def nothing_audited(host: HostModel) -> Iterator[Violation]:
    """A root under which bondlint found nothing it reads.

    ## What it checks
    The root holds no `ifcfg-*` file, no NetworkManager keyfile profile, no
    modprobe configuration of the bonding driver, no `xend-config.sxp` and
    no `/proc/net/bonding` report.

    ## Why it matters
    "No findings" there does not mean a clean host: the path is mistyped
    (a sosreport's folder one level off), or the host is not a RHEL-family
    one (a Debian box keeps its network in /etc/network/interfaces). A CI job
    that audits such a root passes while checking nothing.

    ## Example
    ```
    $ bondlint sosreport-web1/sosreport-web1-2026-01-01   # etc/ is one level down
    ```
    Use instead:
    ```
    $ bondlint sosreport-web1
    ```

    ## Fix
    Give the root that holds the host's `etc/sysconfig/network-scripts`, or
    leave hosts bondlint does not read out of the run.
    """
    if host.ifcfg_files or host.keyfiles or host.xen is not None or host.runtime:
        return
    if host.has_bonding_report or host.modules.bonding_aliases or host.modules.bonding_lines(()):
        return
    yield Violation(
        None,
        "nothing to audit under this root: no ifcfg-* file, no NetworkManager keyfile, no bonding module configuration, no "
        "xend-config.sxp, no /proc/net/bonding; a mistyped path, or not a RHEL-family host",
    )
