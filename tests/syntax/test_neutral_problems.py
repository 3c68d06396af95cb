"""Reading and parsing say what they saw, neutrally; the rules own codes and wording (issue 11 item 5)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import bondlint
from bondlint.syntax import parse_text

SYNTAX = Path(bondlint.__file__).parent / "syntax"
READERS = [*sorted(SYNTAX.glob("*.py")), SYNTAX.parent / "source.py", SYNTAX.parent / "host" / "discover.py"]
CODE = re.compile(r"\bBL\d{3}\b")


def _string_constants(path: Path) -> list[str]:
    """String literals that are not docstrings (docstrings may name the rule a problem feeds)."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_readers_and_parsers_write_no_rule_code() -> None:
    for path in READERS:
        if path.name == "_generated.py":
            continue
        codes = [s for s in _string_constants(path) if CODE.search(s)]
        assert not codes, f"{path.name} writes rule codes: {codes}"


def test_every_problem_kind_is_declared_by_a_builtin_rule_with_its_code_and_words() -> None:
    texts = {
        "ifcfg": 'BONDING_OPTS=mode=4 miimon=100\nexport A=1\nB=(x y)\nC =1\nD[0]=1\nifenslave bond0 eth0\nE="x\n',
        "modprobe": "alais bond0 bonding\nalias\ninclude /x\nalias a b c\n",
        "xend": "(network-script network-bridge))\n",
    }
    described = {}
    for kind, text in texts.items():
        for p in parse_text(text, kind, f"x.{kind}").problems:
            got = bondlint.describe_problem(p)
            assert got is not None, p
            described[p.kind] = got
    assert {k: code for k, (code, _) in described.items()} == {
        "unquoted-words": "BL002", "export": "BL006", "bash-array": "BL006", "space-before-equals": "BL006",
        "special-assignment": "BL006", "command-line": "BL006", "unterminated-quote": "BL003",
        "unknown-command": "BL408", "missing-arguments": "BL408", "deprecated-command": "BL408",
        "extra-arguments": "BL408", "sxp-error": "BL601",
    }
    assert described["unquoted-words"][1].startswith("unquoted space ends the value: bash assigns BONDING_OPTS='mode=4'")
    assert described["sxp-error"][1] == "syntax error: ): xend will not start"
    refused = bondlint.parse_file(SYNTAX / "no-such-file.conf", kind="modprobe").problems[0]
    assert refused.kind == "unreadable" and bondlint.describe_problem(refused) == ("BL000", refused.details["reason"])
