"""No execution, ever: payloads in the audited files are reported, never run.

bash would run these as root on every ifup; bondlint reads them as text. The
dynamic tests plant ``touch`` payloads and check nothing appeared; the static
test walks the source of ``bondlint/`` and ``rules/`` with ``ast`` so that no
way of running a command can creep into the parse/lint path.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.robustness._support import SCRIPTS, audit, make_root

#: ifcfg payloads: (file suffix, line 2 of the file). Each is BL001 on line 2.
IFCFG_PAYLOADS = [
    pytest.param("eth1", "IPADDR=$(touch {marker})", id="command-substitution"),
    pytest.param("eth2", 'NAME="`touch {marker}`"', id="backticks-in-double-quotes"),
    pytest.param("eth3", "MTU=1500; touch {marker}", id="semicolon"),
    pytest.param("eth4", "ONBOOT=yes && touch {marker}", id="and-and"),
    pytest.param("eth5", "HWADDR=${{X:-$(touch {marker})}}", id="nested-in-expansion"),
]


@pytest.mark.parametrize(("suffix", "payload"), IFCFG_PAYLOADS)
def test_ifcfg_payload_reported_never_run(tmp_path: Path, suffix: str, payload: str) -> None:
    marker = tmp_path / "pwned"
    root = make_root(tmp_path)
    path = root / SCRIPTS / f"ifcfg-{suffix}"
    path.write_text(f"DEVICE={suffix}\n{payload.format(marker=marker)}\nONBOOT=yes\n")
    run = audit(root)
    assert [f["line"] for f in run.at(path, "BL001")] == [2], run.stdout
    assert not marker.exists()


def test_payloads_in_every_kind_create_nothing(tmp_path: Path) -> None:
    """sysconfig/network, modprobe install lines, xend's network-script and a hostile
    network-bridge script: all read, none run."""
    markers = {name: tmp_path / f"pwned-{name}" for name in ("network", "modprobe", "sxp", "bt", "bridge")}
    root = make_root(tmp_path)
    network = root / "etc/sysconfig/network"
    network.write_text(f"NETWORKING=yes\nHOSTNAME=$(touch {markers['network']})\n")
    (root / "etc/modprobe.conf").write_text(
        "alias bond0 bonding\n"
        f"install bonding /bin/touch {markers['modprobe']}; /sbin/modprobe --ignore-install bonding\n"
    )
    xend = root / "etc/xen/xend-config.sxp"
    (root / "etc/xen/scripts").mkdir(parents=True)
    xend.write_text(
        f"(network-script 'network-bridge netdev=$(touch {markers['sxp']})')\n"
        f"(vif-script `touch {markers['bt']}`)\n"
    )
    bridge = root / "etc/xen/scripts/network-bridge"
    bridge.write_text(f"#!/bin/sh\ntouch {markers['bridge']}\n")
    bridge.chmod(0o755)
    run = audit(root)
    assert [f["line"] for f in run.at(network, "BL001")] == [2], run.stdout
    assert [f["line"] for f in run.at(xend, "BL605")] == [1], run.stdout
    assert [m.name for m in markers.values() if m.exists()] == []


# ---------------------------------------------------------------------------
# Static: the code that reads and lints holds no way to run anything.

SOURCE_DIRS = (REPO / "bondlint", REPO / "rules")
FORBIDDEN_CALLS = frozenset({"eval", "exec", "compile", "__import__", "breakpoint"})
FORBIDDEN_MODULES = frozenset({"subprocess", "pty", "pexpect", "sh", "ctypes", "pickle", "marshal", "code", "runpy"})
FORBIDDEN_OS = frozenset({
    "system", "popen", "fork", "forkpty", "posix_spawn", "posix_spawnp",
    "execl", "execle", "execlp", "execlpe", "execv", "execve", "execvp", "execvpe",
    "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe",
})
#: The one module that opens the files under audit; config/baseline files are the user's own;
#: bondlint/atomic.py writes every file bondlint writes (baselines, reports, cache entries); the HTML
#: report reads its own CSS and script from the installed package.
OPENERS = {"bondlint/source.py": {"os.open"}, "bondlint/config.py": {"read_text"},
           "bondlint/atomic.py": {"os.open"}, "bondlint/report/html.py": {"read_text"},
           # bondlint's own files: its grammars, the generated tables, installed packs' metadata
           "bondlint/syntax/tables.py": {"open"}, "bondlint/syntax/generate.py": {"open"},
           "bondlint/packs.py": {"open"},
           # the content cache's files, in the cache directory only (tests/cache)
           "bondlint/cache.py": {"os.open"}, "bondlint/cachelog.py": {"os.open"},
           # the fix writer (only under --fix): opens what it replaces, dir fds, its temporary file
           "bondlint/fixing/write.py": {"os.open"},
           # an archive root (bondlint.archive): opened read-only, non-blocking, refused unless regular
           "bondlint/archive.py": {"os.open"},
           # the collector script shipped in the package
           "bondlint/collect/__init__.py": {"read_text"}}
#: Modules a file may import though the lint path may not: `bondlint collect -o FILE` runs
#: bondlint's own collector script with sh, when the user asks for it (never a file under audit).
ALLOWED_MODULES = {"bondlint/collect/cli.py": {"subprocess"}}


def _sources() -> list[Path]:
    found = sorted(p for d in SOURCE_DIRS for p in d.rglob("*.py"))
    assert len(found) > 10  # the scan really sees the package
    return found


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _offences(source: str, rel: str) -> list[str]:
    """Every forbidden form in ``source`` (the text of ``rel``, a path from the repo root)."""
    tree = ast.parse(source, filename=rel)
    out: list[str] = []
    for node in ast.walk(tree):
        where = f"{rel}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            out += [f"{where}: import {a.name}" for a in node.names
                    if a.name.split(".")[0] in FORBIDDEN_MODULES and a.name not in ALLOWED_MODULES.get(rel, set())]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] in FORBIDDEN_MODULES:
                out.append(f"{where}: from {module} import")
            if module == "os":
                out += [f"{where}: from os import {a.name}" for a in node.names if a.name in FORBIDDEN_OS]
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name in FORBIDDEN_CALLS:
                out.append(f"{where}: {name}()")
            if name.startswith("os.") and name[3:] in FORBIDDEN_OS:
                out.append(f"{where}: {name}()")
            for kw in node.keywords:
                if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    out.append(f"{where}: shell=...")
            opener = name.rsplit(".", 1)[-1]
            if name in ("open", "os.open", "io.open") or opener in ("read_text", "read_bytes", "write_text", "write_bytes"):
                label = "os.open" if name == "os.open" else opener
                if label not in OPENERS.get(rel, set()):
                    out.append(f"{where}: {name}() outside bondlint.source")
        elif isinstance(node, ast.Attribute) and _dotted(node) in ("os.system", "os.popen"):
            out.append(f"{where}: reference to {_dotted(node)}")
    return out


def test_no_execution_primitives_in_the_lint_path() -> None:
    """No eval/exec, subprocess, os.system/popen/exec*/spawn*, pty or shell=True in
    bondlint/ or rules/, and files under audit are opened only by bondlint.source."""
    offences = [
        o for p in _sources() for o in _offences(p.read_text(encoding="utf-8"), p.relative_to(REPO).as_posix())
    ]
    assert offences == []


def test_the_scan_catches_what_it_forbids() -> None:
    """The scanner flags each forbidden form (so an empty result above means something)."""
    source = (
        "import subprocess\nfrom os import system\nimport os\n"
        "eval('1')\nos.popen('x')\nos.execv('a', [])\nsubprocess.run('x', shell=True)\n"
        "open('f')\nPath('f').read_text()\n"
    )
    found = _offences(source, "bondlint/host/probe.py")
    lines = sorted({int(o.split(":")[1]) for o in found})
    assert lines == [1, 2, 4, 5, 6, 7, 8, 9], found
    assert _offences("import os\nos.open('f', 0)\n", "bondlint/source.py") == []
