"""Reporters: findings in, text out. They know findings, never rules' insides.

Every reporter is a sink that writes as roots finish: ``start`` once with the
roots, ``add`` for each batch of findings, ``finish`` with the counts. So a run
over ten thousand roots never holds all its findings in memory. Sinks that
need to know which root a batch is and which files it read (JUnit's passing
files, the HTML page's clean hosts) override ``add_result``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, TextIO

from bondlint.report.base import RootSink, RunInfo, Sink, Tee, fix_note  # noqa: F401 (the package's API)

if TYPE_CHECKING:
    from bondlint.engine import Rule

FORMATS = ("text", "concise", "json", "sarif", "github", "gitlab", "junit", "html")


def sink(
    fmt: str,
    out: TextIO,
    rules: dict[str, Rule],
    version: str,
    quiet: bool = False,
    info: RunInfo | None = None,
    run: dict[str, str] | None = None,
    since: Sequence[str] | None = None,
) -> Sink:
    """The reporter for an output format (imported lazily: a run pays for its own).

    ``quiet``: the text report leaves out its summary line (--quiet). ``info``: the run's
    selection and config digest (the JSON records them). ``run``: how the report was made
    (command, release, config), for the HTML page's header. ``since``: the fingerprints of
    an earlier report, for the HTML page's "new since" view (--since).
    """
    if fmt == "json":
        from bondlint.report.json import JsonSink

        return JsonSink(out, version, info)
    if fmt == "sarif":
        from bondlint.report.sarif import SarifSink

        return SarifSink(out, rules, version)
    if fmt == "github":
        from bondlint.report.github import GithubSink

        return GithubSink(out)
    if fmt == "text":
        from bondlint.report.text import TextSink

        return TextSink(out, summary=not quiet)
    if fmt == "concise":
        from bondlint.report.concise import ConciseSink

        return ConciseSink(out)
    if fmt == "gitlab":
        from bondlint.report.gitlab import GitlabSink

        return GitlabSink(out)
    if fmt == "junit":
        from bondlint.report.junit import JunitSink

        return JunitSink(out)
    if fmt == "html":
        from bondlint.report.html import HtmlSink

        return HtmlSink(out, rules, version, run, since)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
