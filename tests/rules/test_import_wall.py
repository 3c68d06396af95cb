"""The wall between rules and syntax: semantic rule families read only the host model.

A semantic rule states a fact over the model (``bondlint.host``); how a file is
tokenised is the parsers' business, so these families import nothing from
``bondlint.syntax`` but ``syntax.span``. Lexical families (BL0xx, modprobe
lines, NM specifics) may read documents.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "rules"
#: The semantic families (issue 11): each states facts over the model.
SEMANTIC = ("mac", "topology", "options", "addressing", "xen", "runtime")


def _syntax_imports(module: str) -> list[str]:
    tree = ast.parse((RULES / f"{module}.py").read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found += [n for n in names if n.startswith("bondlint.syntax") and n != "bondlint.syntax.span"]
    return found


@pytest.mark.parametrize("module", SEMANTIC)
def test_semantic_family_imports_no_syntax(module: str) -> None:
    assert _syntax_imports(module) == []


def test_the_check_sees_a_syntax_import(tmp_path) -> None:
    """The wall test itself would catch an import (it reads the real import statements)."""
    (tmp_path / "probe.py").write_text("from bondlint.syntax.shellvars import Assignment\nimport bondlint.syntax.span\n")
    globals()["RULES"], saved = tmp_path, RULES
    try:
        assert _syntax_imports("probe") == ["bondlint.syntax.shellvars"]
    finally:
        globals()["RULES"] = saved
