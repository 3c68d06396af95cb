"""Property tests: every parser takes any text or bytes without raising, and round-trips.

Default mode is a small budget (the module runs in seconds). ``BONDLINT_LONG=1``
runs ``BONDLINT_EXAMPLES`` examples per test (default 6,000; 20 tests give
over 100,000 inputs) and prints the counts at the end::

    BONDLINT_LONG=1 python -m pytest tests/robustness/test_properties.py -q -s -p no:cacheprovider

Every parse runs under a SIGALRM watchdog, so a hang fails as ``Hang``
instead of stalling the run.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bondlint.source import Refused, SourceText, decode
from bondlint.syntax import parse_text
from bondlint.syntax.document import Document
from bondlint.syntax.span import Problem
from tests.conftest import CORPUS, code_of, message_of

LONG = os.environ.get("BONDLINT_LONG") == "1"
EXAMPLES = int(os.environ.get("BONDLINT_EXAMPLES", "6000")) if LONG else 40
HANG_SECONDS = 10

PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the watchdog below catches real hangs; timing noise must not fail CI
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None if LONG else settings.default.database,
)

KINDS = ("ifcfg", "network", "modprobe", "xend", "bonding")
CORPUS_DIRS = {"ifcfg": "ifcfg", "network": "network", "modprobe": "modprobe", "xend": "xend", "bonding": "proc-bonding"}

#: Characters every grammar treats specially, to reach deep paths far more often than random unicode.
SYNTAX = list("=\"'$`(){}[]\\;|&<>#!*?~ \t\n\r\v\f:.,-_+/%@^") + [
    "\n", "\r\n", "\\\n", "$(", "${", "``", "&&", "||", ";;", "'\"'", "\\x4", "\\0", "\x04",
    "DEVICE=", "BONDING_OPTS=", "MASTER=", "alias ", "options ", "install ", "bonding",
    "(network-script ", "(xend-", "Bonding Mode: ", "Slave Interface: ", "MII Status: up",
    "802.3ad info\n", "mode=4 miimon=100", "bond0", "eth0", "é", "\u00a0", "\u2028", "\x85", "\x00",
]
syntax_text = st.lists(st.sampled_from(SYNTAX) | st.text(max_size=4), max_size=40).map("".join)

STATS: Counter[str] = Counter()


class Hang(Exception):
    """A parse that ran longer than HANG_SECONDS."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang(f"parse ran over {HANG_SECONDS}s")


def checked_parse(text: str, kind: str) -> Document:
    """parse_text under a watchdog; checks the round trip and counts the input."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        doc = parse_text(text, kind)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    STATS["inputs"] += 1
    assert doc.render() == text
    for p in doc.problems:
        assert isinstance(p, Problem) and code_of(p).startswith("BL")
        assert 0 <= p.span.start <= p.span.end <= len(text)
    return doc


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> Iterator[None]:
    yield
    if LONG:
        generated = STATS["inputs"] - STATS["mutations"]  # each mutation also re-parses its original
        print(f"\n[robustness] parsed {generated} generated inputs "
              f"({STATS['mutations']} corpus mutations, {STATS['refused']} byte inputs refused as BL000)",
              file=sys.__stderr__)


# ---------------------------------------------------------------------------
# Arbitrary input


@pytest.mark.parametrize("kind", KINDS)
@PROFILE
@given(text=st.text())
def test_any_text_parses_and_round_trips(kind: str, text: str) -> None:
    checked_parse(text, kind)


@pytest.mark.parametrize("kind", KINDS)
@PROFILE
@given(text=syntax_text)
def test_syntax_heavy_text_parses_and_round_trips(kind: str, text: str) -> None:
    checked_parse(text, kind)


@pytest.mark.parametrize("kind", KINDS)
@PROFILE
@given(data=st.binary() | syntax_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_decode_then_parse(kind: str, data: bytes) -> None:
    source = decode(data, "ifcfg-fuzz")
    if isinstance(source, Refused):
        STATS["refused"] += 1
        assert code_of(source.problem) == "BL000" and b"\0" in data
        return
    assert isinstance(source, SourceText)
    assert all(code_of(p) == "BL000" for p in source.problems)
    assert source.text.encode("utf-8" if not source.problems else "latin-1") == data
    checked_parse(source.text, kind)


# ---------------------------------------------------------------------------
# Mutated corpus files


def _corpus() -> list[tuple[str, str, str]]:
    """(kind, name, text) of every decodable corpus file, read in place."""
    out = []
    for kind, folder in CORPUS_DIRS.items():
        base = CORPUS / folder
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            source = decode(path.read_bytes(), str(path))
            if isinstance(source, SourceText):
                out.append((kind, str(path.relative_to(CORPUS)), source.text))
    return out


CORPUS_FILES = _corpus()


@st.composite
def mutation(draw: st.DrawFn, kind: str) -> tuple[str, str, str]:
    """(name, original text, mutated text) for one corpus file of ``kind``."""
    files = [f for f in CORPUS_FILES if f[0] == kind]
    _, name, text = draw(st.sampled_from(files))
    how = draw(st.sampled_from(["swap", "truncate", "flip", "quote"]))
    lines = text.splitlines(keepends=True)
    if how == "swap" and len(lines) >= 2:
        i = draw(st.integers(0, len(lines) - 2))
        j = draw(st.integers(i + 1, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
        return name, text, "".join(lines)
    if how == "truncate":
        return name, text, text[: draw(st.integers(0, len(text)))]
    data = text.encode("utf-8")
    if how == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        flipped = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1 :]
        source = decode(flipped, name)
        # A flip to NUL refuses the file whole (BL000, tested above): truncate at the flip instead.
        mutated = source.text if isinstance(source, SourceText) else flipped[:at].decode("utf-8", "replace")
        return name, text, mutated
    at = draw(st.integers(0, len(text)))
    quote = draw(st.sampled_from(["\"", "'", "`", "(", ")", "\\", "$(", "\\\n", "\n", "\r"]))
    return name, text, text[:at] + quote + text[at:]


def _first_change(a: str, b: str) -> int:
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


def _stable_end(doc: Document, cut: int) -> int:
    """Offset up to which nothing depends on the text at ``cut``.

    Line-based kinds read one logical line at a time (backslash-newline and
    open quotes join physical lines), so the logical line holding ``cut``
    may change as a whole. sxp reads token by token: up to ``cut`` itself.
    """
    lines = getattr(doc, "lines", None)
    if lines is None:
        return cut
    starts = [line.span.start for line in lines if getattr(line, "span", None) is not None]
    return max((s for s in starts if s <= cut), default=0)


def _depends_on_rest(p: Problem) -> bool:
    """A construct still open at the end of input: it is about the text after it."""
    return "unexpected EOF" in message_of(p)


def _early(doc: Document, end: int) -> list[Problem]:
    return [p for p in doc.problems if p.span.end <= end and not _depends_on_rest(p)]


@pytest.mark.skipif(not CORPUS_FILES, reason=f"shared corpus not found at {CORPUS} (it sits beside the repo in CI)")
@pytest.mark.parametrize("kind", KINDS)
@PROFILE
@given(data=st.data())
def test_corpus_mutations_keep_earlier_problems(kind: str, data: st.DataObject) -> None:
    """Swaps, truncation, byte flips, quote insertion: no exception, exact round trip, and
    the problems before the first changed (logical) line are exactly the unmutated file's."""
    name, original, mutated = data.draw(mutation(kind), label="mutation")
    assume(mutated != original)
    before = checked_parse(original, kind)
    after = checked_parse(mutated, kind)
    STATS["mutations"] += 1
    end = _stable_end(before, _first_change(original, mutated))
    assert _early(after, end) == _early(before, end), name


def test_corpus_is_seen_when_present() -> None:
    """The mutation tests above really draw from the corpus when it is there."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (it sits beside the repo in CI)")
    kinds = Counter(kind for kind, _, _ in CORPUS_FILES)
    assert all(kinds[k] > 0 for k in KINDS), kinds
