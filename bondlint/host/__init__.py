"""The host: discovering a host's files and building the cross-file model rules read.

The builder is imported on first use: a run answered from the content cache
needs only ``discover`` and must not pay for the parsers.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_host", "classify"]


def __getattr__(name: str) -> Any:
    if name == "build_host":
        from bondlint.host.build import build_host

        return build_host
    if name == "classify":
        from bondlint.host.discover import classify

        return classify
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
