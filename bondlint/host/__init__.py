"""The host: discovering a host's files and building the cross-file model rules read."""

from bondlint.host.build import build_host
from bondlint.host.discover import classify

__all__ = ["build_host", "classify"]
