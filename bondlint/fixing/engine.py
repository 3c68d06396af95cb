"""The fix loop: lint → pick non-overlapping fixes → apply in memory → re-lint, to a fixed bound.

Nothing is written until the loop is over: each pass re-parses the edited
texts through an overlay of the root (the real files stay untouched), so
``--diff`` and ``--fix`` compute the same result and only ``--fix`` writes it,
one file at a time, atomically (``write.write_fixed``).
"""

from __future__ import annotations

import difflib
import os
from typing import Iterable, Sequence

import attrs

from bondlint.config import Config
from bondlint.engine import RuleFailure, registry
from bondlint.findings import Finding
from bondlint.fixing.edits import Edit, Safety, apply_edits
from bondlint.fixing.write import WriteRefused, write_fixed
from bondlint.result import RootResult
from bondlint.runner import Pipeline, in_workers, pipeline
from bondlint.source import MAX_FILE_SIZE, Root, SourceText

#: Passes of lint → fix before giving up; each pass applies every fix that does not conflict.
MAX_PASSES = 8


@attrs.frozen(slots=True)
class FileChange:
    """One file's change: its text before the first pass and after the last."""

    path: str  # as findings show it
    rel: str  # relative to the root
    before: str | None  # None: the fix creates the file
    after: str
    written: bool = False
    #: the replaced file belonged to another user (its trusted.* xattrs need CAP_SYS_ADMIN to be seen and kept)
    foreign: bool = False

    def diff(self) -> str:
        """A unified diff ``patch`` applies; both headers name the file as findings show it
        (quoted as git quotes a name holding control or bidi characters)."""
        before = _lines(self.before or "")
        after = _lines(self.after)
        name = quote_name(self.path)
        lines = difflib.unified_diff(before, after, fromfile="/dev/null" if self.before is None else name, tofile=name)
        out = []
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines as ``patch`` reads them: ended by LF only (a lone CR or a form feed is inside a line)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


#: git's C-style escapes (quote.c); other bytes that need quoting are written in octal.
_ESCAPES = {0x07: "\\a", 0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0B: "\\v", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def quote_name(name: str) -> str:
    """``name`` as a diff header shows it: as it is, or C-quoted in double quotes as git does
    when it holds a control character, a bidi control, a quote or a backslash (then every
    byte outside printable ASCII is an octal escape), so no name can forge a header or
    drive a terminal."""
    if not any(c < " " or c in '"\\\x7f' or c in _BIDI or "\x80" <= c <= "\x9f" or "\udc80" <= c <= "\udcff" for c in name):
        return name
    out = []
    for byte in os.fsencode(name):
        if byte in _ESCAPES:
            out.append(_ESCAPES[byte])
        elif 0x20 <= byte < 0x7F:
            out.append(chr(byte))
        else:
            out.append(f"\\{byte:03o}")
    return '"' + "".join(out) + '"'


@attrs.frozen(slots=True)
class AppliedFix:
    finding: Finding
    #: 1 for fixes computed on the original text, 2 for the next pass, ...
    pass_number: int


@attrs.frozen(slots=True)
class Refusal:
    path: str
    reason: str


@attrs.frozen(slots=True)
class RootFix:
    root: str
    changes: tuple[FileChange, ...]
    applied: tuple[AppliedFix, ...]
    remaining: tuple[Finding, ...]
    refused: tuple[Refusal, ...] = ()
    #: fixes still applicable after MAX_PASSES (their findings are in remaining)
    converged: bool = True
    failures: tuple[RuleFailure, ...] = ()
    #: every file read for this root (per-path-ignores keys matching none are warned about)
    files: tuple[str, ...] = ()
    #: a file given alone, not a host root (never fixed: its findings are reported as ``audit`` found them)
    alone: bool = False
    #: the release the root was audited as
    release: str | None = None

    def result(self) -> RootResult:
        """What remains in this root, as a run reports it: a fix refused on a file is offered no more."""
        refused = {r.path for r in self.refused}
        remaining = tuple(attrs.evolve(f, fix=None) if f.fix is not None and f.path in refused else f for f in self.remaining)
        return RootResult(self.root, remaining, self.failures, self.files, self.release, alone=self.alone)


class _OverlayRoot(Root):
    """A root whose edited files read as their new text (nothing on disk changes)."""

    def __init__(self, base: Root, texts: dict[str, str]) -> None:
        super().__init__(base.path, base.display)
        self.texts = texts

    def read(self, rel, max_size=None):  # type: ignore[override]
        key = os.path.normpath(rel)
        if key in self.texts:
            return SourceText(self.display_path(rel), self.texts[key])
        return super().read(rel) if max_size is None else super().read(rel, max_size)

    def listdir(self, rel: str) -> list[str]:
        names = super().listdir(rel)
        parent = os.path.normpath(rel)
        extra = [os.path.basename(k) for k in self.texts if os.path.dirname(k) == parent]
        return sorted(set(names) | set(extra))


def _wanted(f: Finding, unsafe: bool, steps: Pipeline) -> bool:
    if f.fix is None or (f.fix.safety is Safety.UNSAFE and not unsafe):
        return False
    return steps.configured(f) is not None  # the same per-path ignores a report applies


def fix_root(path: str, steps: Pipeline, *, unsafe: bool = False, write: bool = False) -> RootFix:
    """Fix one host root: compute every change, then (``write``) write each file atomically."""
    fixed = compute_fixes(path, steps, unsafe=unsafe)
    return write_fixes(fixed, path, steps) if write else fixed


def compute_fixes(path: str, steps: Pipeline, *, unsafe: bool = False) -> RootFix:
    """Every change the fixes make to one root, computed in memory: nothing is written.

    Each pass runs the pipeline's build and rules steps (``Pipeline.check``) over an
    overlay of the root that reads the edited texts."""
    from bondlint.host.discover import HostRoot, classify

    # the problem kinds BL000 reports (a file that could not be read safely is never edited)
    unreadable = frozenset(registry()["BL000"].problems) if "BL000" in registry() else frozenset({"unreadable", "not-utf8"})
    target = classify(path)
    if not isinstance(target, HostRoot):
        result = steps.check(target).result()
        refused = tuple(
            Refusal(f.path or path, "fixes apply to host roots: give the folder holding etc/ (or --whole-host)")
            for f in result.findings
            if _wanted(f, unsafe, steps)
        )
        return RootFix(result.root, (), (), result.findings, refused[:1], True, result.failures, result.files,
                       alone=result.alone, release=result.release)

    base = target.root
    texts: dict[str, str] = {}  # rel → current text of every edited file
    originals: dict[str, str | None] = {}  # rel → text before the first edit (None: created)
    shown: dict[str, str] = {}  # rel → path as findings show it
    applied: list[AppliedFix] = []
    refused: dict[str, str] = {}
    too_big: set[str] = set()  # files whose fixed text would pass the read cap: left as they are
    converged = True
    for pass_number in range(1, MAX_PASSES + 2):
        checked = steps.check(HostRoot(_OverlayRoot(base, texts), target.display, target.kind))
        host, findings, failures = checked.host, checked.findings, checked.failures
        docs = {d.path: d for d in host.documents}
        # never edit a file bondlint could not read safely (BL000), selected or not
        blocked = {d.path for d in host.documents if any(p.kind in unreadable for p in d.problems)}
        taken: list[Edit] = []
        chosen: list[Finding] = []
        for f in findings:
            if not _wanted(f, unsafe, steps):
                continue
            assert f.fix is not None
            if any(e.path in too_big for e in f.fix.edits):
                continue
            reason = _unusable(f, blocked, docs, base)
            if reason is not None:
                refused.setdefault(reason[0], reason[1])
                continue
            if f.fix.conflicts(taken):
                continue  # the next pass sees it again, on the edited text
            taken.extend(f.fix.edits)
            chosen.append(f)
        if not chosen:
            break
        if pass_number > MAX_PASSES:
            converged = False
            break
        for p in dict.fromkeys(e.path for e in taken if e.path):
            rel = _rel(p, base)
            if rel not in originals:
                doc = docs.get(p)
                originals[rel] = doc.text if doc is not None else None
                shown[rel] = p
            current = texts.get(rel, originals[rel] or "")
            new = apply_edits(current, [e for e in taken if e.path == p])
            size = len(new.encode("utf-8", "surrogateescape"))
            if size > MAX_FILE_SIZE:  # bondlint would refuse the fixed file unread (BL000)
                too_big.add(p)
                refused.setdefault(p, f"fixed, it would be {size} bytes, over the size cap of {MAX_FILE_SIZE} bytes: not fixed")
                continue
            texts[rel] = new
        applied.extend(AppliedFix(f, pass_number) for f in chosen if not any(e.path in too_big for e in f.fix.edits))

    changes = tuple(
        FileChange(shown[rel], rel, originals[rel], texts[rel])
        for rel in originals
        if rel in texts and texts[rel] != originals[rel]
    )
    return RootFix(
        host.root, changes, tuple(applied), tuple(findings),
        tuple(Refusal(p, r) for p, r in refused.items()), converged, tuple(failures),
        tuple(d.path for d in host.documents if d.path), release=host.release,
    )


def write_fixes(fixed: RootFix, path: str, steps: Pipeline) -> RootFix:
    """Write the changes ``compute_fixes`` made for the root at ``path``, each file atomically."""
    from bondlint.host.discover import HostRoot, classify

    target = classify(path)
    if not fixed.changes or not isinstance(target, HostRoot):
        return fixed
    refused = {r.path: r.reason for r in fixed.refused}
    changes = _write(target.root, fixed.changes, refused)
    findings, failures, applied = fixed.remaining, fixed.failures, fixed.applied
    if not all(c.written for c in changes):  # what remains is what is on disk now
        checked = steps.check(target)
        findings, failures = checked.findings, checked.failures
        written = {c.path for c in changes if c.written}
        applied = tuple(a for a in applied if a.finding.fix and all(e.path in written for e in a.finding.fix.edits))
    return attrs.evolve(
        fixed, changes=tuple(changes), applied=applied, remaining=tuple(findings), failures=tuple(failures),
        refused=tuple(Refusal(p, r) for p, r in refused.items()),
    )


def _rel(path: str, root: Root) -> str:
    return os.path.normpath(os.path.relpath(path, root.display))


def _unusable(f: Finding, blocked: set[str], docs: dict, root: Root) -> tuple[str, str] | None:
    """(path, why) when this finding's fix must not be applied, else None."""
    assert f.fix is not None
    bad = f.fix.malformed()
    if bad is not None:
        return f.path or f.root or "-", f"the {f.code} fix is malformed ({bad}): not applied"
    for e in f.fix.edits:
        path = e.path or ""
        if path in blocked:
            return path, "bondlint could not read it safely (BL000): not edited"
        if _rel(path, root).startswith(".."):
            return path, "outside the audited root: not edited"
        doc = docs.get(path)
        if e.creates and (doc is not None or os.path.lexists(path)):
            return path, "the fix creates this file, but it exists: not written"
        if not e.creates and (doc is None or e.end > len(doc.text)):
            return path, f"the {f.code} fix edits a file or a part of it that bondlint did not read: not applied"
    return None


def _write(root: Root, changes: Sequence[FileChange], refused: dict[str, str]) -> list[FileChange]:
    """Write each changed file atomically, in the order the fixes first touched them."""
    out = []
    for c in changes:
        try:
            # Files with a BL000 problem are never edited, so every edited file was valid UTF-8:
            # encoding back gives its bytes exactly.
            expected = c.before.encode("utf-8") if c.before is not None else None
            old = write_fixed(str(root.path), c.rel, c.path, expected, c.after.encode("utf-8"))
            out.append(attrs.evolve(c, written=True, foreign=old is not None and old.st_uid != os.geteuid()))
        except WriteRefused as exc:
            refused.setdefault(c.path, exc.reason)
            out.append(c)
        except (OSError, UnicodeEncodeError) as exc:
            refused.setdefault(c.path, f"cannot write: {exc}")
            out.append(c)
    return out


def fix_all(
    paths: Iterable[str],
    *,
    config: Config | None = None,
    release: str | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    unsafe: bool = False,
    write: bool = False,
    jobs: int = 1,
) -> tuple[Pipeline, list[RootFix]]:
    """Fix every root through the run's pipeline (``bondlint.runner.pipeline``: the same
    selection, checks and errors as an audit), and return both. With ``jobs`` > 1 the fixes
    are computed in worker processes and written here, in the main process, root after
    root: a kill of bondlint stops every write with it, and a file two roots share is
    written once (the second root's change is refused: the file changed since it was read)."""
    steps = pipeline(config=config, release=release, select=select, ignore=ignore, extend_select=extend_select)
    paths = [os.fspath(p) for p in paths]
    if jobs <= 1 or len(paths) <= 1:
        return steps, [fix_root(p, steps, unsafe=unsafe, write=write) for p in paths]
    computed = in_workers(_compute_chunk, paths, jobs, _init_fix_worker, (steps.codes, steps.release, unsafe, steps.config))
    if not write:
        return steps, list(computed)
    # each root is written as its result arrives, while the workers go on with the next ones
    return steps, [write_fixes(fixed, p, steps) for fixed, p in zip(computed, paths)]


#: What every fix worker computes with, set once per process.
_worker_settings: tuple = ()


def _init_fix_worker(codes: tuple[str, ...], release: str | None, unsafe: bool, config: Config) -> None:
    global _worker_settings
    available = registry()
    _worker_settings = (Pipeline(config, tuple(available[c] for c in codes), available, release), unsafe)


def _compute_chunk(paths: list[str]) -> list[RootFix]:
    steps, unsafe = _worker_settings
    return [compute_fixes(p, steps, unsafe=unsafe) for p in paths]
