"""One exit-code table (bondlint/exitcodes.py): every command returns its members, no module
keeps numbers of its own, and README's table is this one."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bondlint.exitcodes import ExitCode
from tests.cli.conftest import break_host, copy_seed
from tests.conftest import REPO, run_cli

#: the modules whose functions return a command's exit status
COMMANDS = ("bondlint/cli.py", "bondlint/fixing/cli.py", "bondlint/collect/cli.py",
            "bondlint/commands/merge.py", "bondlint/commands/diff.py", "bondlint/argparsing.py")


def test_readme_table_is_the_exit_code_table() -> None:
    text = (REPO / "README.md").read_text()
    section = text.split("#### Exit codes", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| (\d+) \| `([A-Z]+)` \|", section, re.M)
    assert [(int(n), name) for n, name in rows] == sorted((m.value, m.name) for m in ExitCode)


def test_signals_map_to_their_members() -> None:
    assert [ExitCode.signalled(n) for n in (1, 2, 13, 15)] == [
        ExitCode.HANGUP, ExitCode.INTERRUPTED, ExitCode.PIPE, ExitCode.TERMINATED]


@pytest.mark.parametrize("module", COMMANDS)
def test_no_command_keeps_exit_numbers_of_its_own(module: str) -> None:
    """No EXIT_* constant and no bare number returned or exited with: the table is the one source."""
    tree = ast.parse((REPO / module).read_text())
    own = [t.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
           for t in node.targets if isinstance(t, ast.Name) and t.id.startswith("EXIT")]
    bare = [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Constant) and type(node.value.value) is int]
    assert (own, bare) == ([], [])


def test_every_command_returns_a_member_of_the_table(tmp_path: Path) -> None:
    clean = copy_seed(tmp_path / "clean")
    broken = break_host(copy_seed(tmp_path / "broken"))
    report = tmp_path / "broken.json"
    report.write_text(run_cli("--format", "json", str(broken)).stdout)
    cases = [
        (("--no-cache", str(clean)), ExitCode.OK),
        (("--no-cache", str(broken)), ExitCode.FINDINGS),
        (("--no-cache", "--select", "BL999", str(clean)), ExitCode.ERROR),
        (("--diff", str(broken)), ExitCode.FINDINGS),
        (("--diff", str(clean)), ExitCode.OK),
        (("merge", str(report)), ExitCode.FINDINGS),
        (("diff", str(report), str(report)), ExitCode.OK),
        (("collect", "--print-script"), ExitCode.OK),
    ]
    for args, expected in cases:
        code = run_cli(*args).returncode
        assert (type(code), code) == (ExitCode, expected), args
