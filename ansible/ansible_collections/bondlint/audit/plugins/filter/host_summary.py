# -*- coding: utf-8 -*-
"""bondlint.audit.host_summary: a JSON report's per-host counts and top codes, for set_stats."""
from __future__ import annotations

import os
from collections import Counter

DOCUMENTATION = r"""
name: host_summary
short_description: Per-host summary of a bondlint JSON report
description:
  - Each audited root's errors, warnings, infos and most frequent codes, keyed by the archive's
    name without its extension (the role names archives after the inventory hostname).
options:
  _input:
    description: The JSON report (C(bondlint.json)), parsed.
    type: dict
    required: true
  top:
    description: How many of the most frequent codes to list per host.
    type: int
    default: 5
"""

EXAMPLES = r"""
summary: "{{ lookup('file', 'reports/bondlint.json') | from_json | bondlint.audit.host_summary }}"
"""

RETURN = r"""
_value:
  description: inventory hostname -> {errors, warnings, infos, top_codes}.
  type: dict
"""

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tar")


def _name(root: str) -> str:
    base = os.path.basename(root.rstrip("/"))
    for suffix in ARCHIVE_SUFFIXES:
        if base.endswith(suffix):
            return base[: -len(suffix)]
    return base


def host_summary(report: dict, top: int = 5) -> dict:
    codes: dict[str, Counter] = {}
    for f in report.get("findings", []):
        codes.setdefault(f.get("root"), Counter())[f["code"]] += 1 + f.get("unrecorded", 0)
    out = {}
    for host in report.get("hosts", []):
        counts = host["summary"]
        out[_name(host["root"])] = {
            "errors": counts["error"],
            "warnings": counts["warning"],
            "infos": counts["info"],
            "top_codes": [code for code, _ in codes.get(host["root"], Counter()).most_common(top)],
        }
    return out


class FilterModule:
    def filters(self):
        return {"host_summary": host_summary}
