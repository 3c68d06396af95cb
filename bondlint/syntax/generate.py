"""Build time: generate ``_generated.py`` from the .lark files (run after editing a grammar).

    python -m bondlint.syntax.generate          # rewrite bondlint/syntax/_generated.py
    python -m bondlint.syntax.generate --check  # exit 1 if it is out of date

Three things are generated, all from Lark itself:

- the LALR tables of modprobe, sxp, bonding and servicelists (``Lark.memo_serialize``), loaded by
  ``bondlint.syntax.tables.lark``;
- for shellvars, the grammar's own terminals as Lark's contextual lexer orders and
  joins them, per lexer context, and which context follows each token type. The
  grammar is flat (every rule inlined), so these two facts are the whole parse:
  ``bondlint.syntax.shellvars`` tokenises with them and never runs the LALR
  parser. The generator checks that the next context depends on the token type
  alone (else it refuses), and tests/syntax/test_shellvars_scanner.py proves the
  token streams identical to the LALR path;
- for modprobe and keyfile, the grammar's terminals as regular expressions (their scanners
  match with them directly), so that no process imports Lark unless a grammar runs.
"""

from __future__ import annotations

import argparse
import os
import pprint
import sys
from typing import Any

from bondlint.syntax.tables import HERE, grammar_digest

#: grammar → the options its module builds it with (the module passes the same to tables.lark).
LALR: dict[str, dict[str, str]] = {
    "modprobe.lark": {"parser": "lalr", "lexer": "basic"},
    "sxp.lark": {"parser": "lalr", "lexer": "basic"},
    "bonding.lark": {"parser": "lalr"},
    "servicelists.lark": {"parser": "lalr", "lexer": "basic"},
}
#: grammars whose scanners use their terminals as regular expressions (modprobe.py, keyfile.py):
#: the regexes are generated so that start-up imports no Lark.
TERMINALS: dict[str, dict[str, str]] = {
    "modprobe.lark": {"parser": "lalr", "lexer": "basic"},
    "keyfile.lark": {"parser": "lalr", "lexer": "basic"},
}
SHELLVARS = "shellvars.lark"
SHELLVARS_OPTIONS = {"parser": "lalr", "lexer": "contextual"}
TARGET = os.path.join(HERE, "_generated.py")


def _open(grammar: str, options: dict[str, str]):
    from lark import Lark

    return Lark.open(os.path.join(HERE, grammar), **options)


def lalr_entry(grammar: str) -> dict[str, Any]:
    import lark
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    options = LALR[grammar]
    data, memo = _open(grammar, options).memo_serialize([TerminalDef, Rule])
    data["options"] = {k: v for k, v in data["options"].items() if k != "transformer"}
    return {
        "grammar_sha256": grammar_digest(grammar),
        "lark_version": lark.__version__,
        "options": options,
        "data": data,
        "memo": memo,
    }


def scanner_entry() -> dict[str, Any]:
    """Per lexer context: the joined terminal regex of Lark's scanner; the context after each token."""
    import lark
    from lark.parsers.lalr_analysis import Shift

    parser = _open(SHELLVARS, SHELLVARS_OPTIONS)
    frontend = parser.parser
    table = frontend.parser.parser.parse_table
    lexers = frontend.lexer.lexers

    def scanner_of(state: int) -> tuple[str, ...]:
        lexer = lexers[state]
        scanner = lexer.scanner  # built on first use, with the callbacks
        if lexer.callback:
            raise SystemExit(f"{SHELLVARS}: state {state} needs lexer callbacks; not a flat grammar")
        return tuple(m.pattern for m in scanner._mres)

    contexts: list[tuple[str, ...]] = []

    def context_of(state: int) -> int:
        patterns = scanner_of(state)
        if patterns not in contexts:
            contexts.append(patterns)
        return contexts.index(patterns)

    (start_state,) = table.start_states.values()
    start = context_of(start_state)
    terminals = {t.name for t in parser.terminals}
    after: dict[str, int] = {}
    for actions in table.states.values():
        for symbol, (action, target) in actions.items():
            if action is Shift and symbol in terminals:
                ctx = context_of(target)
                if after.setdefault(symbol, ctx) != ctx:
                    raise SystemExit(f"{SHELLVARS}: the context after {symbol} depends on the parse state")
    ignore = sorted(parser.lexer_conf.ignore)
    if any(len(patterns) != 1 for patterns in contexts):
        raise SystemExit(f"{SHELLVARS}: a context's terminals need more than one regex")
    if set(ignore) & set(after):
        raise SystemExit(f"{SHELLVARS}: an ignored terminal is also shifted")
    return {
        "grammar_sha256": grammar_digest(SHELLVARS),
        "lark_version": lark.__version__,
        "flags": parser.lexer_conf.g_regex_flags,
        "contexts": [patterns[0] for patterns in contexts],
        "start": start,
        "after": dict(sorted(after.items())),
        "ignore": ignore,
    }


def terminals_entry(grammar: str) -> dict[str, Any]:
    """The grammar's terminals as Lark compiles them: (name, regex, priority), in the grammar's order."""
    parser = _open(grammar, TERMINALS[grammar])
    return {
        "grammar_sha256": grammar_digest(grammar),
        "terminals": [[t.name, t.pattern.to_regexp(), t.priority] for t in parser.terminals],
    }


def render() -> str:
    generated: dict[str, dict[str, Any]] = {g: {"lalr": lalr_entry(g)} for g in LALR}
    generated[SHELLVARS] = {"scanner": scanner_entry()}
    for grammar in TERMINALS:
        generated.setdefault(grammar, {})["terminals"] = terminals_entry(grammar)
    body = pprint.pformat(generated, width=100, sort_dicts=True)
    return (
        '"""GENERATED by `python -m bondlint.syntax.generate` from the .lark files: do not edit.\n\n'
        "Data only (Lark's serialised LALR tables, the shellvars scanner's regexes); see\n"
        'bondlint/syntax/generate.py for what each entry is and tables.py for how it is used.\n"""\n\n'
        "# fmt: off\n"
        f"GENERATED = {body}\n"
    )


def stale() -> list[str]:
    """Why ``_generated.py`` does not fit the grammars and this Lark ([] when it does).

    Lark numbers its LALR states differently from one process to the next, so
    the tables are compared by what they were made from, not by their text;
    the scanner's regexes are deterministic and compared whole.
    """
    import lark

    from bondlint.syntax.tables import _generated

    generated = _generated()
    why = []
    for grammar, options in LALR.items():
        entry = generated.get(grammar, {}).get("lalr")
        if entry is None:
            why.append(f"{grammar}: no tables")
        elif entry["grammar_sha256"] != grammar_digest(grammar):
            why.append(f"{grammar}: the grammar changed")
        elif entry["options"] != options or entry["lark_version"] != lark.__version__:
            why.append(f"{grammar}: made with other options or Lark {entry['lark_version']}")
    if generated.get(SHELLVARS, {}).get("scanner") != scanner_entry():
        why.append(f"{SHELLVARS}: the scanner differs")
    for grammar in TERMINALS:
        if generated.get(grammar, {}).get("terminals") != terminals_entry(grammar):
            why.append(f"{grammar}: the terminals differ")
    return why


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 if _generated.py is out of date")
    args = parser.parse_args(argv)
    why = stale()
    if args.check:
        for reason in why:
            print(f"{TARGET} is out of date ({reason}): run python -m bondlint.syntax.generate", file=sys.stderr)
        return 1 if why else 0
    if why:
        tmp = TARGET + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(render())
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
