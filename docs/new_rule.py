"""Start a new rule: its function in the family module, its fixture pair, the snapshot command.

    python docs/new_rule.py BL216 bond-port-is-loopback --severity warning

Refuses a code that exists (in the registry, in rules/, or as a fixture folder): codes are
public API and never reused. The stub yields nothing until its statement is written; its
firing fixture fails the fixture test until then, which is the point.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: the family module of each hundred (RULES.md's groups)
FAMILIES = {
    "0": "lexical", "1": "mac", "2": "topology", "3": "options", "4": "modprobe",
    "5": "addressing", "6": "xen", "7": "keyfile", "8": "runtime", "9": "suppressions",
}
#: The new rule's function: its TODOs are the author's to replace (the module docstring says why
#: the stub yields nothing: the firing fixture fails until the statement is written).
STUB = '''

@rule("{code}", "{name}", Severity.{severity})
def {function}(host: HostModel) -> Iterator[Violation]:
    """TODO: one line saying what is wrong.

    ## What it checks
    TODO: the facts of the host model this rule reads.

    ## Why it matters
    TODO: what breaks on the host, and when.

    ## Example
    ```
    TODO: a bad file
    ```
    Use instead: TODO.

    ## Fix
    TODO.
    """
    yield from ()
'''
SKELETON = "DEVICE=bond0\nONBOOT=yes\nBOOTPROTO=none\nBONDING_OPTS=\"mode=active-backup miimon=100\"\n"


def existing_codes() -> set[str]:
    from bondlint.engine import registry

    codes = set(registry())
    for path in (REPO / "rules").glob("*.py"):
        codes.update(re.findall(r'@rule\(\s*"(BL\d{3})"', path.read_text(encoding="utf-8")))
    codes.update(p.name[:5] for p in (REPO / "fixtures" / "hosts").iterdir())
    return codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("code", help="BLnnn, not used before")
    parser.add_argument("name", help="the rule's name, kebab-case (bond-port-is-loopback)")
    parser.add_argument("--severity", choices=("error", "warning", "info"), default="warning")
    parser.add_argument("--module", help="the family module under rules/ (default: by the code's hundred)")
    parser.add_argument("--shows", default="fires", help="what the firing fixture shows, kebab-case")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"BL\d{3}", args.code) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.name):
        parser.error("CODE is BLnnn and NAME kebab-case")
    if args.code in existing_codes():
        print(f"new_rule: {args.code} exists: codes are public API, pick an unused one", file=sys.stderr)
        return 1
    module = REPO / "rules" / f"{args.module or FAMILIES[args.code[2]]}.py"
    if not module.is_file():
        parser.error(f"no rule module {module}")
    function = args.name.replace("-", "_")
    with module.open("a", encoding="utf-8") as out:
        out.write(STUB.format(code=args.code, name=args.name, severity=args.severity.upper(), function=function))
    made = []
    for folder in (f"{args.code}-{args.shows}", f"{args.code}-ok-{args.shows}"):
        scripts = REPO / "fixtures" / "hosts" / folder / "etc" / "sysconfig" / "network-scripts"
        scripts.mkdir(parents=True)
        (scripts / "ifcfg-bond0").write_text(SKELETON, encoding="utf-8")
        (scripts.parents[1] / "redhat-release").write_text("Red Hat Enterprise Linux release 8.8 (Ootpa)\n", encoding="utf-8")
        made.append(f"fixtures/hosts/{folder}")
    print(f"added {function} to {module.relative_to(REPO)}; fixtures: {', '.join(made)}")
    print("write the rule and the two host trees, then:")
    print(f"  .venv/bin/python -m pytest -q -p no:cacheprovider tests/rules/test_rule_fixtures.py -k {args.code} --snapshot-update")
    return 0


if __name__ == "__main__":
    sys.exit(main())
