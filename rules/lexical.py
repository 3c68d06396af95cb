"""BL0xx: reading ifcfg and sysconfig files: lexical, quoting, security."""

from __future__ import annotations

from typing import Iterator

from bondlint.engine import rule
from bondlint.findings import Severity, Violation
from bondlint.host.model import HostModel
from bondlint.rules._support import from_problems


@rule("BL000", "unreadable-file", Severity.ERROR, scope="file")
def unreadable_file(host: HostModel) -> Iterator[Violation]:
    """A file bondlint must audit could not be read or parsed at all.

    ## What it checks
    Every file in scope is read safely: stat before open, a size cap, no
    FIFOs or devices, no symlink leaving the audited root, no binary content,
    and UTF-8 (Latin-1 is accepted with this finding).

    ## Why it matters
    What bondlint cannot read, the host's own tools read differently or not at
    all: NetworkManager treats a value that is not UTF-8 as empty, bash reads
    a binary file as commands, and a FIFO hangs whoever opens it. None of the
    other rules can vouch for that file.

    ## Example
    ```
    $ ls -l etc/sysconfig/network-scripts/ifcfg-eth8
    prw-r--r-- 1 root root 0 ifcfg-eth8
    ```
    Use instead: a regular text file.

    ## Fix
    Replace the file with a regular, readable, UTF-8 text file, or remove it.
    """
    yield from from_problems(host, "BL000")
