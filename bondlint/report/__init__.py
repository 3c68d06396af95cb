"""Reporters: findings in, text out. They know findings, never rules' insides.

Every reporter is a sink that writes as roots finish: ``start`` once with the
roots, ``add`` for each batch of findings, ``finish`` with the counts. So a run
over ten thousand roots never holds all its findings in memory. Sinks that
need to know which root a batch is and which files it read (JUnit's passing
files, the HTML page's clean hosts) override ``add_result``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from bondlint.report.base import RootSink, Sink, Tee, fix_note  # noqa: F401 (the package's API)

if TYPE_CHECKING:
    from bondlint.engine import Rule

FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html")


def sink(fmt: str, out: TextIO, rules: dict[str, Rule], version: str, quiet: bool = False) -> Sink:
    """The reporter for an output format (imported lazily: a run pays for its own).

    ``quiet``: the text report leaves out its summary line (--quiet).
    """
    if fmt == "json":
        from bondlint.report.json import JsonSink

        return JsonSink(out, version)
    if fmt == "sarif":
        from bondlint.report.sarif import SarifSink

        return SarifSink(out, rules, version)
    if fmt == "github":
        from bondlint.report.github import GithubSink

        return GithubSink(out)
    if fmt == "text":
        from bondlint.report.text import TextSink

        return TextSink(out, summary=not quiet)
    if fmt == "gitlab":
        from bondlint.report.gitlab import GitlabSink

        return GitlabSink(out)
    if fmt == "junit":
        from bondlint.report.junit import JunitSink

        return JunitSink(out)
    if fmt == "html":
        from bondlint.report.html import HtmlSink

        return HtmlSink(out, rules, version)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
