"""The modprobe and keyfile scanners' regexes are generated at build time (no Lark at start-up):
the generated terminals are the ones Lark compiles from the grammars, and the scanners built from
them are the ones built from Lark."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from lark import Lark

from bondlint.syntax import generate, keyfile, modprobe, tables
from tests.conftest import HOSTS


@pytest.mark.parametrize("grammar", sorted(generate.TERMINALS))
def test_generated_terminals_are_larks(grammar: str) -> None:
    entry = tables.generated_entry(grammar, "terminals")
    assert entry is not None, "run python -m bondlint.syntax.generate"
    lark = Lark.open(os.path.join(tables.HERE, grammar), **generate.TERMINALS[grammar])
    assert entry["terminals"] == [[t.name, t.pattern.to_regexp(), t.priority] for t in lark.terminals]


def test_the_scanners_are_the_ones_lark_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    generated = (modprobe._terminals(), keyfile._scanner().pattern)
    modprobe._terminals.cache_clear()
    keyfile._scanner.cache_clear()
    monkeypatch.setattr(tables, "generated_entry", lambda grammar, what: None)  # as if stale: from Lark
    try:
        assert (modprobe._terminals(), keyfile._scanner().pattern) == generated
    finally:
        for cached in (modprobe._terminals, modprobe._parser, keyfile._scanner):
            cached.cache_clear()  # the parser built from Lark meanwhile is not the generated one
        monkeypatch.undo()
    assert re.compile(keyfile._scanner().pattern)


@pytest.mark.parametrize(
    "fixture", ["el9-keyfile-seed", "BL709-ok-el9-ifcfg-rh-plugin", "seed-centos52-xen-8023ad"]
)
def test_a_host_without_proc_files_imports_no_lark(fixture: str) -> None:
    """The seed tree has an xend-config.sxp: sxp is scanned with its generated regex too."""
    probe = (
        "import sys\n"
        "from bondlint.cli import main\n"
        f"code = main(['--no-cache', '--format', 'json', {str(HOSTS / fixture)!r}])\n"
        "print('LARK', sorted(m for m in sys.modules if m == 'lark' or m.startswith('lark.')), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "LARK []" in proc.stderr, proc.stderr
