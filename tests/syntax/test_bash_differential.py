"""bondlint's bash value against real bash, on files written to disk and sourced.

Values are built only from quoting, escapes, comments, blanks and CRLF: never
``$(``, backticks, ``$NAME`` or unquoted ``;|&<>()``, so sourcing them runs
nothing. Set BONDLINT_LONG=1 for a much larger run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bondlint.syntax.shellvars import parse

BASH = shutil.which("bash")
LONG = os.environ.get("BONDLINT_LONG") == "1"
UNSET = "\x01unset"

pytestmark = pytest.mark.skipif(BASH is None, reason="bash is not installed")

_PLAIN = "abcXYZ019=.:-/,+@%^_{}[]*?!"
_ANY_QUOTED = _PLAIN + " \t#;|&<>()$`\"\\\n"


def _escape_in_dq(ch: str) -> str:
    return "\\" + ch if ch in '$`"\\' else ch


unquoted = st.text(alphabet=_PLAIN + "#", min_size=1, max_size=6)
escaped = st.sampled_from(list(" \t\"'$\\#;|&()<>`" + "abn~")).map(lambda c: "\\" + c)
single = st.text(alphabet=_ANY_QUOTED + "'", max_size=8).map(lambda s: "'" + s.replace("'", "") + "'")
double = st.lists(
    st.one_of(
        st.text(alphabet=_ANY_QUOTED + "'", min_size=1, max_size=4).map(lambda s: "".join(map(_escape_in_dq, s))),
        st.sampled_from(["\\q", "\\'", "\\n", "\\ ", "\\#", "\\\n", "\\~"]),
    ),
    max_size=4,
).map(lambda parts: '"' + "".join(parts) + '"')
ansi = st.lists(
    st.one_of(
        st.text(alphabet=_PLAIN + ' "#;|$`', min_size=1, max_size=4),
        st.sampled_from(
            ["\\n", "\\t", "\\\\", "\\'", '\\"', "\\a", "\\x41", "\\x4", "\\101", "\\7", "\\q", "\\e", "\\?", "\\cA"]
        ),
    ),
    max_size=4,
).map(lambda parts: "$'" + "".join(parts) + "'")
continuation = st.just("\\\n")
fragment = st.one_of(unquoted, escaped, single, double, ansi, continuation)
value = st.lists(fragment, max_size=4).map("".join)
tail = st.sampled_from(["", " ", "\t", " # a comment", "\t#c 'x", ";", " ; # c", " EXTRA=1", " EXTRA='a b'"])
indent = st.sampled_from(["", "", " ", "\t"])


def _file(entries: list[tuple[str, str, str]], crlf: bool) -> tuple[str, list[str]]:
    """Assignments V0..Vn (with EXTRA renamed Xk) and the names to compare."""
    lines, names = [], []
    for k, (ind, val, tl) in enumerate(entries):
        tl = tl.replace("EXTRA", f"X{k}")
        lines.append(f"{ind}V{k}={val}{tl}")
        names += [f"V{k}", f"X{k}"]
    eol = "\r\n" if crlf else "\n"
    return eol.join(lines) + eol, names


def _bash_values(path: Path, names: list[str]) -> list[str]:
    script = 'source "$1" 2>/dev/null; shift; for n in "$@"; do printf "%s\\0" "${!n-$U}"; done'
    out = subprocess.run(
        [BASH, "--noprofile", "--norc", "-c", script, "_", str(path), *names],
        env={"PATH": "/nonexistent", "LC_ALL": "C.UTF-8", "U": UNSET},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=30,
        check=False,
    )
    return out.stdout.decode("utf-8", "surrogateescape").split("\0")[:-1]


def _compare(tmp: Path, text: str, names: list[str]) -> None:
    path = tmp / "ifcfg-diff"
    path.write_bytes(text.encode("utf-8"))
    doc = parse(text, str(path))
    assert doc.render() == text
    expected = _bash_values(path, names)
    assert len(expected) == len(names), "bash did not print every variable"
    got = [doc.value(n, UNSET) for n in names]
    mismatches = [(n, e, g) for n, e, g in zip(names, expected, got) if e != g]
    assert not mismatches, f"file {text!r}: (name, bash, bondlint) {mismatches}"


@given(
    entries=st.lists(st.tuples(indent, value, tail), min_size=1, max_size=60),
    crlf=st.booleans(),
)
@settings(
    max_examples=400 if LONG else 40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_generated_values_match_bash(tmp_path: Path, entries: list[tuple[str, str, str]], crlf: bool) -> None:
    text, names = _file(entries, crlf)
    _compare(tmp_path, text, names)


# Hand-picked corners: each line is sourced by bash and compared the same way.
TABLE = [
    "a#b",
    "a #b",
    "#notacomment",
    "'x y' # c",
    '"a \\"b\\" \\$c \\q"',
    "$'tab\\there\\x41\\101\\q'",
    "$'a\\0b'c",
    "a\\ b\\#c",
    "\"a\"'b'c",
    "",
    '""',
    '$"x y"',
    "mode=4 miimon=100",
    "mode=4 X=2 Y=3",
    "1;",
    "b ; #hallo",
    "'multi\nline'",
    '"multi\nline"',
    "a\\\nb",
    '"a \\\nb"',
    "$'\\u00e9\\U0001F600'",
    "$'\\c'",
    "$'\\x'",
    "\\\\",
    "=",
    "'#'#",
]


@pytest.mark.parametrize("crlf", [False, True])
def test_table_matches_bash(tmp_path: Path, crlf: bool) -> None:
    entries = [("", v, "") for v in TABLE]
    text, names = _file(entries, crlf)
    names += ["mode", "miimon", "X", "Y"]
    _compare(tmp_path, text, names)


@pytest.mark.parametrize("quote", ["'", '"', "$'"])
def test_unterminated_quote_stops_bash_as_modelled(tmp_path: Path, quote: str) -> None:
    text = f"V0=before\nV1={quote}open\nV2=after\n"
    _compare(tmp_path, text, ["V0", "V1", "V2"])
