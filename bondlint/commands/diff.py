"""``bondlint diff OLD.json NEW.json``: per host, which findings are new, fixed, unchanged.

Findings are matched by fingerprint as a multiset, as the baseline matches them
(``bondlint.baseline.Matcher``): no line numbers, so edits above a fault do
not make it new, and two identical faults need two matches. Exit 1 when
something new appeared, else 0, so a scheduled job can alert on drift.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

import attrs

from bondlint.baseline import Matcher
from bondlint.commands.shards import Shard, read_shard
from bondlint.config import ConfigError
from bondlint.exitcodes import ExitCode
from bondlint.findings import Finding

FORMAT = "bondlint-diff/1"


@attrs.frozen(slots=True)
class HostDrift:
    host: str
    new: tuple[Finding, ...]
    fixed: tuple[Finding, ...]
    unchanged: tuple[Finding, ...]


def build_parser() -> argparse.ArgumentParser:
    from bondlint.argparsing import Parser

    p = Parser(
        prog="bondlint diff",
        description="Compare two JSON reports (--format json) host by host: findings new, fixed and "
        "unchanged, matched by fingerprint. Exit 1 when something new appeared, else 0.",
    )
    p.add_argument("old", metavar="OLD.json")
    p.add_argument("new", metavar="NEW.json")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    return p


def by_host(shard: Shard) -> dict[str, list[Finding]]:
    """Each host's findings (the configuration's own under the empty name), in report order."""
    hosts: dict[str, list[Finding]] = {}
    for result in shard.results:
        hosts.setdefault(result.host or result.root, []).extend(result.findings)
    if shard.unrooted:
        hosts.setdefault("", []).extend(shard.unrooted)
    return hosts


def drift(old: Shard, new: Shard) -> list[HostDrift]:
    """Per host (old's order, then hosts only new has), new/fixed/unchanged by fingerprint multiset."""
    before, after = by_host(old), by_host(new)
    out = []
    for host in [*before, *(h for h in after if h not in before)]:
        was, now = before.get(host, []), after.get(host, [])
        seen_before, seen_now = Matcher(f.fingerprint() for f in was), Matcher(f.fingerprint() for f in now)
        matched = [seen_before.take(f.fingerprint()) for f in now]
        fixed = tuple(f for f in was if not seen_now.take(f.fingerprint()))
        new_ = tuple(f for f, m in zip(now, matched) if not m)
        out.append(HostDrift(host, new_, fixed, tuple(f for f, m in zip(now, matched) if m)))
    return out


def check_comparable(old: Shard, new: Shard) -> None:
    if old.fingerprint_version != new.fingerprint_version:
        raise ConfigError(
            f"{old.path} holds fingerprints of version {old.fingerprint_version}, {new.path} of version "
            f"{new.fingerprint_version}: they never match. Audit the old state again with this bondlint "
            f"(e.g. on the archives collected then: bondlint --format json -o {old.path} ARCHIVES…), then diff"
        )


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    try:
        old, new = read_shard(args.old), read_shard(args.new)
        check_comparable(old, new)
    except ConfigError as exc:
        print(f"bondlint: error: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    if old.selection != new.selection:
        print("bondlint: note: the reports ran different rule selections: findings of rules only one ran show as new or fixed", file=sys.stderr)
    hosts = drift(old, new)
    sys.stdout.write(_json(args, new, hosts) if args.format == "json" else _text(hosts))
    return ExitCode.FINDINGS if any(h.new for h in hosts) else ExitCode.OK


def _json(args: argparse.Namespace, new: Shard, hosts: list[HostDrift]) -> str:
    from bondlint.report.json import finding_dict

    doc = {
        "format": FORMAT,
        "old": args.old,
        "new": args.new,
        "fingerprint_version": new.fingerprint_version,
        "hosts": [
            {"host": h.host, **{k: [finding_dict(f) for f in getattr(h, k)] for k in ("new", "fixed", "unchanged")}}
            for h in hosts
        ],
        "summary": {k: sum(len(getattr(h, k)) for h in hosts) for k in ("new", "fixed", "unchanged")},
    }
    return json.dumps(doc, indent=2) + "\n"


def _text(hosts: list[HostDrift]) -> str:
    from bondlint.report.bounds import visible
    from bondlint.report.text import location

    lines = []
    for h in hosts:
        if not (h.new or h.fixed):
            continue
        lines.append(f"{visible(h.host) or '(configuration)'}: {len(h.new)} new, {len(h.fixed)} fixed, {len(h.unchanged)} unchanged")
        for mark, found in (("+ new  ", h.new), ("- fixed", h.fixed)):
            lines.extend(f"  {mark} {location(f)}: {f.code} {f.severity} {visible(f.message)}" for f in found)
    total = {k: sum(len(getattr(h, k)) for h in hosts) for k in ("new", "fixed", "unchanged")}
    lines.append(f"{total['new']} new, {total['fixed']} fixed, {total['unchanged']} unchanged on {len(hosts)} hosts.")
    return "\n".join(lines) + "\n"
