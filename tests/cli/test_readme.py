"""The README tells the truth: every option documented with an example, and its snippets work."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import yaml

import bondlint
from bondlint.cli import build_parser
from bondlint.engine import unknown_selectors
from tests.cli.conftest import SCRIPTS, copy_seed
from tests.conftest import REPO, run_cli

README = (REPO / "README.md").read_text()


def _section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + 1)
    nxt = README.find("\n### ", start + 1)
    ends = [e for e in (end, nxt) if e != -1]
    return README[start : min(ends) if ends else len(README)]


def _code_blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def _option_rows() -> list[tuple[list[str], str]]:
    """The README's Options table: (the row's option spellings, its example command without sudo or redirections)."""
    rows = []
    for line in _section("### Options").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 3 and cells[0].startswith("`-"):
            example = cells[2].strip("`").removeprefix("sudo ")
            rows.append((re.findall(r"`(-[-\w]+)", cells[0]), example.split(" > ")[0]))
    return rows


def test_every_option_is_documented_with_an_example() -> None:
    parser_options = {
        s for action in build_parser()._actions for s in action.option_strings if s not in ("-h", "--help")
    }
    rows = _option_rows()
    assert {o for options, _ in rows for o in options} == parser_options
    for options, example in rows:
        assert example.startswith("bondlint ") and set(options) & set(example.split()), (options, example)


def test_option_examples_parse_and_name_real_rules() -> None:
    rules = bondlint.registry()
    parser = build_parser()
    for options, example in _option_rows():
        if options == ["--version"]:
            continue  # argparse prints and exits
        args = parser.parse_args(shlex.split(example)[1:])
        selectors = [c for group in (args.select or []) + args.ignore + args.extend_select for c in group]
        assert unknown_selectors(selectors, rules) == [], example
        if args.explain:
            assert args.explain in rules


def test_quickstart_hosts_exist_and_lint() -> None:
    (command,) = [line for line in _section("## Quickstart").splitlines() if "bondlint fixtures/" in line]
    hosts = shlex.split(command.split("&& bondlint ", 1)[1])
    assert hosts == ["fixtures/hosts/seed-centos52-xen-8023ad", "fixtures/hosts/example-broken-host",
                     "fixtures/hosts/el9-keyfile-seed"]
    proc = run_cli("--format", "json", *hosts)
    data = json.loads(proc.stdout)
    assert data["roots"] == hosts
    broken = {f["code"] for f in data["findings"] if f["root"] == hosts[1]}
    # the broken copy's mistakes: MASTER typo, duplicate HWADDR, GATEWAYDEV missing, bond alias last
    assert {"BL201", "BL102", "BL512", "BL402"} <= broken
    keyfile = {(f["code"], f["severity"]) for f in data["findings"] if f["root"] == hosts[2]}
    assert keyfile <= {("BL703", "info")}  # the checkout's modes: the one note README states
    assert proc.returncode == 1


def test_config_example_is_valid(tmp_path: Path) -> None:
    (toml,) = _code_blocks(_section("### Configuration"), "toml")
    (tmp_path / "pyproject.toml").write_text(toml)
    host = copy_seed(tmp_path / "web1")
    proc = run_cli(str(host), cwd=tmp_path)
    assert proc.returncode in (0, 1) and "error:" not in proc.stderr, proc.stderr


def test_suppression_example_works_as_written(tmp_path: Path) -> None:
    (block,) = _code_blocks(_section("### Suppressing a finding"), "sh")
    host = copy_seed(tmp_path / "web1")
    (host / SCRIPTS / "ifcfg-eth1").unlink()  # bond0 keeps one slave: BL209
    bond0 = host / SCRIPTS / "ifcfg-bond0"
    bond0.write_text(block + bond0.read_text().replace("DEVICE=bond0\n", "").replace("USERCTL=no\n", ""))
    proc = run_cli("--format", "json", "--select", "BL0,BL1,BL2,BL9", str(host))
    assert [f["code"] for f in json.loads(proc.stdout)["findings"]] == []
    proc = run_cli("--format", "json", "--select", "BL012,BL108,BL209", str(tmp_path / "web1"), "--release", "el5")
    assert json.loads(proc.stdout)["findings"] == []


def test_local_pre_commit_snippet_matches_the_hook() -> None:
    hook = next(h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "bondlint")
    blocks = [yaml.safe_load(b) for b in _code_blocks(_section("### pre-commit"), "yaml")]
    local = next(b["repos"][0]["hooks"][0] for b in blocks if b["repos"][0]["repo"] == "local")
    for key in ("id", "entry", "files", "require_serial"):
        assert local[key] == hook[key], key


def test_pre_commit_rev_names_no_tag_that_does_not_exist() -> None:
    """No release is tagged: the README must not tell users to pin a tag (issue 10)."""
    import subprocess

    tags = subprocess.run(["git", "tag"], cwd=REPO, capture_output=True, text=True).stdout.split()
    for block in _code_blocks(_section("### pre-commit"), "yaml"):
        for repo in yaml.safe_load(block)["repos"]:
            rev = repo.get("rev")
            assert rev is None or rev in tags or not rev.startswith("v"), rev
