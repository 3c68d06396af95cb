"""The wall between rules and everything else: a rule reads the host model, and only it.

Every module under ``rules/`` imports from bondlint only the model package
(``bondlint.model`` and its submodules), the rule API (``bondlint.rule_api``)
and ``bondlint.syntax.span``; it reads no parse tree (no ``.doc`` attribute)
and names no release (``el5`` … ``el10`` outside docstrings: rules ask the
release's capabilities). Suppression rules included. A rule that needs
something else shows a fact missing from the model.

``python tests/rules/test_import_wall.py`` prints the counts per module.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "rules"
ALLOWED = re.compile(r"^bondlint\.(model(\..+)?|rule_api|syntax\.span)$")
RELEASE = re.compile(r"\bel(?:[5-9]|10)\b")


def _modules() -> list[str]:
    return sorted(p.stem for p in RULES.glob("*.py"))


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings (module, class, function)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add(id(first.value))
    return found


def _rule_names(tree: ast.AST) -> set[int]:
    """ids of the string constants that name a rule (``@rule("BL407", "modprobe-d-shadowed-el5", ...)``):
    a rule's name is public API, not a release check."""
    return {
        id(node.args[1])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "rule" and len(node.args) > 1
    }


def breaches(source: str, *, package_init: bool = False) -> dict[str, list[str]]:
    """What a rule module does past the wall: imports, parse-tree reads, release names (with lines)."""
    tree = ast.parse(source)
    doc = _docstrings(tree) | _rule_names(tree)
    out: dict[str, list[str]] = {"imports": [], "parse_tree": [], "releases": []}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: a sibling in rules/
                module = "bondlint.rules" + (f".{module}" if module else "")
            names = [module] if module != "bondlint.rules" else [f"bondlint.rules.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            names = []
        for name in names:
            if name.startswith("bondlint") and not ALLOWED.match(name):
                if package_init and name.startswith("bondlint.rules."):
                    continue  # the pack's entry point gathers its families
                out["imports"].append(f"{node.lineno}: {name}")
        if isinstance(node, ast.Attribute) and node.attr == "doc":
            out["parse_tree"].append(f"{node.lineno}: .doc")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in doc:
            if RELEASE.search(node.value):
                out["releases"].append(f"{node.lineno}: {node.value[:60]!r}")
    return out


def helper_functions(source: str) -> int:
    """Module-level functions that are not rules (no ``@rule`` decorator)."""
    tree = ast.parse(source)
    def is_rule(f: ast.FunctionDef) -> bool:
        return any(isinstance(d, ast.Call) and getattr(d.func, "id", None) == "rule" for d in f.decorator_list)
    return sum(1 for n in tree.body if isinstance(n, ast.FunctionDef) and not is_rule(n))


@pytest.mark.parametrize("module", _modules())
def test_rule_module_reads_only_the_model(module: str) -> None:
    found = breaches((RULES / f"{module}.py").read_text(), package_init=module == "__init__")
    assert found == {"imports": [], "parse_tree": [], "releases": []}


PACKAGE = RULES.parent / "bondlint"
TABLE = PACKAGE / "model" / "release.py"


@pytest.mark.parametrize("path", sorted(p for p in PACKAGE.rglob("*.py") if p != TABLE and "_generated" not in p.name),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_release_is_named_outside_the_release_table(path: Path) -> None:
    """A release's behaviour is one row of model/release.py: the converter, the engine and the
    reporters name no release either (docstrings aside)."""
    assert breaches(path.read_text())["releases"] == []


@pytest.mark.parametrize("module", [m for m in _modules() if m != "__init__"])
def test_no_syntax_type_reaches_rules_through_the_model(module: str) -> None:
    """The model re-exports no syntax type: a name a rule takes from ``bondlint.model.*`` is the model's."""
    tree = ast.parse((RULES / f"{module}.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bondlint.model"):
            source = importlib.import_module(node.module)
            for alias in node.names:
                owner = getattr(getattr(source, alias.name), "__module__", node.module) or node.module
                assert not owner.startswith("bondlint.syntax"), f"{module}: {alias.name} is {owner}'s"


def test_the_wall_sees_each_kind_of_breach() -> None:
    """The check reads real statements: each kind of breach is caught, docstrings and span are not."""
    probe = (
        '"""Mentions el5 in a docstring."""\n'
        "from bondlint.syntax.shellvars import Assignment\n"
        "from bondlint.syntax.span import Span\n"
        "from bondlint.model.host import HostModel\n"
        "from bondlint.rules import _ifcfg\n"
        "from . import _support\n"
        "def f(host):\n"
        '    """el7 here is fine."""\n'
        '    import bondlint.host.bondopts\n'
        '    return host.files[0].doc, host.release == "el8"\n'
        '@rule("BL999", "probe-el5", Severity.WARNING)\n'  # a rule's name is public API, no release check
        "def g(host):\n"
        "    return ()\n"
    )
    found = breaches(probe)
    assert found["imports"] == ["2: bondlint.syntax.shellvars", "5: bondlint.rules._ifcfg", "6: bondlint.rules._support",
                                "9: bondlint.host.bondopts"]
    assert found["parse_tree"] == ["10: .doc"]
    assert found["releases"] == ["10: 'el8'"]
    assert helper_functions(probe) == 1


if __name__ == "__main__":
    totals = {"imports": 0, "parse_tree": 0, "releases": 0, "helpers": 0}
    for name in _modules():
        text = (RULES / f"{name}.py").read_text()
        counts = {k: len(v) for k, v in breaches(text, package_init=name == "__init__").items()}
        counts["helpers"] = helper_functions(text)
        totals = {k: totals[k] + counts[k] for k in totals}
        print(f"{name:14} " + "  ".join(f"{k}={v}" for k, v in counts.items()))
    print(f"{'total':14} " + "  ".join(f"{k}={v}" for k, v in totals.items()))
