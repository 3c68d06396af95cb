"""The CLI's content cache: a root's findings, replayed while nothing it read has changed.

A root's entry is keyed by the run's settings (bondlint's own code, the
installed rule packs, the selected rules, the release option, the config) and
the root as named; it holds what the audit observed (``bondlint.source.observing``:
every directory listing and every file read, with a digest of the bytes as
decoded, the problems, and the file's mode and owner; the probes that classified
the path) and the findings. Each observation also carries a metadata key (a file's
stat data, a listed directory's, or "absent"): a lookup trusts a key that matches
and is older than the entry's stamp minus the file system's timestamp granularity
(git's racy-file rule) and re-reads the rest (``Cache.verify``; content only on
network, FUSE and overlay file systems). One listing or one file different,
present or absent, and it is a miss; otherwise the findings and the files audited
come back without importing the parsers (lark) or the rules.

Entries are JSON data (never pickle: a writable cache directory must not become
code execution), one record per root in the log of the run's settings
(``bondlint.cachelog``: one file opened per run, records framed with their length
and a CRC, appended under ``flock``), every field checked when read; anything
corrupt, torn, foreign or of another format version is a miss. The directory is
created 0700, must be a directory owned by the user (not a symlink), and is never
used inside the audited configuration.

The interface is narrow: ``Settings``, ``open_cache``, ``Cache.audit`` (wrap one
root's audit) and ``Cache.rules`` (the rule catalogue, for the CLI's selection
without importing the rules).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import sys
from typing import Any, Callable, Iterable, Sequence

import attrs

from bondlint.atomic import is_temporary, write_atomic
from bondlint.cachelog import Log
from bondlint.source import Replayer, key_times, observing

FORMAT = "bondlint-cache"
#: Bump when an entry's shape or the observations' meaning changes (2: findings' fixes, rules' fix
#: declarations; 3: metadata keys, the audit's start stamp, the files audited and the root's release;
#: 4: whether the root was a file given alone; 5: one log per settings digest, the identity
#: recorded in the root, NetworkManager's stat and readlink observed).
SCHEMA = 5
#: An entry larger than this is not read (a real one is a few KiB; a hostile root's findings are bounded).
MAX_ENTRY_SIZE = 16 * 1024 * 1024
ENV = "BONDLINT_CACHE_DIR"


def default_dir(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """``$BONDLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/bondlint``, else ``~/.cache/bondlint``."""
    if environ.get(ENV):
        return environ[ENV]
    xdg = environ.get("XDG_CACHE_HOME", "")
    home = environ.get("HOME") or os.path.expanduser("~")
    base = xdg if os.path.isabs(xdg) else os.path.join(home, ".cache")
    return os.path.join(base, "bondlint")


# --- settings ---------------------------------------------------------------------------


@attrs.frozen(slots=True)
class Settings:
    """Everything besides the files that a root's findings depend on."""

    codes: tuple[str, ...]
    release: str | None
    config: str  # canonical text of the configuration in effect

    def digest(self, own: str, packs: str) -> str:
        doc = {"schema": SCHEMA, "bondlint": own, "packs": packs, "codes": sorted(self.codes),
               "release": self.release, "config": self.config}
        return _sha(json.dumps(doc, sort_keys=True))


def config_text(config: Any) -> str:
    """A config's content as a canonical string (the file it came from, and every value)."""
    doc = {
        "path": config.path,
        "select": None if config.select is None else list(config.select),
        "ignore": list(config.ignore),
        "extend_select": list(config.extend_select),
        "fail_on": None if config.fail_on is None else int(config.fail_on),
        "release": config.release,
        "severity": sorted((k, int(v)) for k, v in config.severity.items()),
        "per_path_ignores": sorted((k, list(v)) for k, v in config.per_path_ignores.items()),
    }
    return json.dumps(doc, sort_keys=True)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


# --- the directory ----------------------------------------------------------------------


class CacheUnusable(Exception):
    """The cache directory cannot be used (the run goes on without a cache)."""


def _unsafe_parent(st: os.stat_result) -> bool:
    """A directory others may rename or plant entries in: group- or world-writable, unless
    root-owned and sticky (/tmp)."""
    return bool(stat.S_IMODE(st.st_mode) & 0o022) and not (st.st_uid == 0 and st.st_mode & stat.S_ISVTX)


def _prepare_dir(directory: str) -> str:
    """Create (0700) and check the directory, level by level from ``/`` through directory
    descriptors; its real path.

    A level bondlint creates is opened O_NOFOLLOW (a symlink raced into its place is refused);
    an existing symlink is followed only where its parent is safe (not writable by others, or
    root-owned and sticky) and it is the user's or root's (``~/.cache`` linked to ``/data`` by
    its owner); no level may sit in an unsafe parent; the directory itself must be the user's.
    """
    directory = os.path.abspath(directory)
    flags = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0)
    uid = os.geteuid()
    parts = [p for p in directory.split("/") if p]
    fd = os.open("/", flags)
    try:
        for depth, name in enumerate(parts):
            here = "/" + "/".join(parts[: depth + 1])
            parent_st = os.fstat(fd)
            try:
                st = os.stat(name, dir_fd=fd, follow_symlinks=False)
            except FileNotFoundError:
                try:
                    os.mkdir(name, 0o700, dir_fd=fd)
                except FileExistsError:
                    pass
                except OSError as exc:
                    raise CacheUnusable(f"cannot create {here}: {exc.strerror}") from None
                st = os.stat(name, dir_fd=fd, follow_symlinks=False)
                if not stat.S_ISDIR(st.st_mode):  # raced: a symlink where bondlint created a directory
                    raise CacheUnusable(f"{here} is not a directory (a symlink is not followed)")
            if _unsafe_parent(parent_st) and depth < len(parts):
                raise CacheUnusable(f"{here} is in a directory others can write to ({os.path.dirname(here) or '/'})")
            follow = stat.S_ISLNK(st.st_mode)
            if follow and st.st_uid not in (uid, 0):
                raise CacheUnusable(f"{here} is a symlink of another user: not followed")
            if follow and depth == len(parts) - 1:
                raise CacheUnusable(f"{here} is not a directory (a symlink is not followed)")
            try:
                child = os.open(name, flags if follow else flags | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                raise CacheUnusable(f"{here} is not a usable directory: {exc.strerror}") from None
            os.close(fd)
            fd = child
        st = os.fstat(fd)
        if st.st_uid != uid:
            raise CacheUnusable(f"{directory} belongs to another user")
        if stat.S_IMODE(st.st_mode) & 0o077:
            try:
                os.fchmod(fd, 0o700)
            except OSError as exc:
                raise CacheUnusable(f"cannot make {directory} private: {exc.strerror}") from None
    except OSError as exc:
        raise CacheUnusable(f"cannot use {directory}: {exc.strerror}") from None
    finally:
        os.close(fd)
    return os.path.realpath(directory)


def _store_quietly(path: str, data: bytes) -> None:
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        # 0600 like the directory; no directory fsync: an entry lost in a crash is only a miss
        write_atomic(path, data, mode=0o600, sync_dir=False)
    except OSError:  # a full disk, a read-only cache: the run goes on without storing
        pass


#: The logs this process has open (``bondlint.cachelog``), by path; a forked worker opens its own
#: (a lock and a descriptor's offset must not be shared with the parent).
_logs: dict[str, Log] = {}
_logs_pid: int | None = None


def _log(path: str, header: bytes) -> Log:
    global _logs_pid
    if _logs_pid != os.getpid():
        _logs.clear()
        _logs_pid = os.getpid()
    log = _logs.get(path)
    if log is None:
        log = _logs[path] = Log(path, header, MAX_ENTRY_SIZE)
    return log


def flush() -> None:
    """Append every record this process has buffered (given up quietly where the cache cannot be written)."""
    if _logs_pid == os.getpid():
        for log in _logs.values():
            log.flush()


#: The walks above the roots done by this run's lookups (``source.enclosing_marker``): a
#: fleet's roots in one folder share its parents. Emptied when a run opens the cache.
_walks: dict = {}


def _close_logs() -> None:
    """Flush and close this process's logs: the next run reads each as it is then."""
    _walks.clear()
    flush()
    if _logs_pid == os.getpid():
        for log in _logs.values():
            log.close()
    _logs.clear()


def _read_bounded(path: str) -> bytes | None:
    """An entry's bytes: a regular file of ours, not a symlink, within the bound; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_size > MAX_ENTRY_SIZE:
            return None
        from bondlint.source import read_capped

        data = read_capped(fd, MAX_ENTRY_SIZE + 1)
        return data if len(data) <= MAX_ENTRY_SIZE else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _load_json(data: bytes | None) -> dict | None:
    if data is None:
        return None
    try:
        doc = json.loads(data.decode("utf-8", "surrogatepass"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return doc if isinstance(doc, dict) else None


# --- entries ----------------------------------------------------------------------------


_DIR = str(stat.S_IFDIR)


def _target_probe(path: str) -> list:
    """What classifying ``path`` looks at (discovery's classify): its type and its etc/, sos_commands/,
    proc/net/bonding/.

    Hook for archive roots (issue 23): an archive is keyed like a file, by its own stat tuple
    (``source.file_key``), recorded as an observation with that key and its digest so that
    ``lookup`` applies the racy rule to it as to any file read."""

    def kind(p: str) -> str:
        try:
            st = os.lstat(p)
        except OSError:
            return "-"
        if stat.S_ISLNK(st.st_mode):
            try:
                target = os.stat(p)
            except OSError:
                return "link:-"
            return f"link:{stat.S_IFMT(target.st_mode)}"
        return str(stat.S_IFMT(st.st_mode))

    absolute = os.path.abspath(path)
    return [
        absolute,
        os.path.realpath(absolute),
        kind(absolute),
        kind(os.path.join(absolute, "etc")),
        kind(os.path.join(absolute, "sos_commands")),
        kind(os.path.join(absolute, "proc", "net", "bonding")),  # a /proc-only tree is a root too
    ]


def _span_json(span: Any) -> list | None:
    if span is None:
        return None
    return [span.path, span.line, span.column, span.end_line, span.end_column, span.start, span.end]


def _result_json(result: Any) -> dict:
    findings = []
    for f in result.findings:
        findings.append({
            "code": f.code, "name": f.name, "severity": int(f.severity), "message": f.message,
            "span": _span_json(f.span), "root": f.root,
            "related": [[_span_json(r.span), r.message] for r in f.related],
            "context": list(f.context),
            "unrecorded": f.unrecorded,
            "fix": None if f.fix is None else {
                "safety": str(f.fix.safety), "message": f.fix.message,
                "edits": [[_span_json(e.span), e.text, e.creates] for e in f.fix.edits],
            },
        })
    return {"root": result.root, "findings": findings, "files": list(result.files), "release": result.release,
            "alone": result.alone, "recorded": result.recorded}


def _text_size(result: Any) -> int:
    """Characters of the findings' messages and source lines: more than an entry may hold
    means the entry is not built (2,570 findings on 256 KiB lines would be a 1.3 GB dump)."""
    return sum(len(f.message) + sum(len(c) for c in f.context) for f in result.findings)


class _Invalid(Exception):
    pass


def _str(value: object, optional: bool = False) -> Any:
    if isinstance(value, str) or (optional and value is None):
        return value
    raise _Invalid


def _int(value: object) -> int:
    if type(value) is int:
        return value
    raise _Invalid


def _span_from(value: object) -> Any:
    from bondlint.syntax.span import Span

    if value is None:
        return None
    if not isinstance(value, list) or len(value) != 7:
        raise _Invalid
    return Span(_str(value[0], optional=True), *(_int(v) for v in value[1:]))


def _fix_from(value: object) -> Any:
    from bondlint.fixing.edits import Edit, Fix, Safety

    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("edits"), list) or not value["edits"]:
        raise _Invalid
    edits = []
    for e in value["edits"]:
        if not isinstance(e, list) or len(e) != 3 or not isinstance(e[2], bool) or e[0] is None:
            raise _Invalid
        edits.append(Edit(_span_from(e[0]), _str(e[1]), creates=e[2]))
    try:
        safety = Safety(_str(value.get("safety")))
    except ValueError:
        raise _Invalid from None
    return Fix(tuple(edits), safety, _str(value.get("message")))


def _result_from(doc: object) -> Any:
    from bondlint.findings import Finding, Related, Severity
    from bondlint.result import RootResult

    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise _Invalid
    findings = []
    for f in doc["findings"]:
        if not isinstance(f, dict) or not isinstance(f.get("related"), list) or not isinstance(f.get("context"), list):
            raise _Invalid
        related = []
        for r in f["related"]:
            if not isinstance(r, list) or len(r) != 2:
                raise _Invalid
            related.append(Related(_span_from(r[0]), _str(r[1])))
        try:
            severity = Severity(_int(f.get("severity")))
        except ValueError:
            raise _Invalid from None
        findings.append(Finding(
            code=_str(f.get("code")), name=_str(f.get("name")), severity=severity,
            message=_str(f.get("message")), span=_span_from(f.get("span")),
            root=_str(f.get("root"), optional=True), related=tuple(related),
            context=tuple(_str(c) for c in f["context"]),
            fix=_fix_from(f.get("fix")),
            unrecorded=_int(f.get("unrecorded", 0)),
        ))
    files = doc.get("files")
    if not isinstance(files, list):
        raise _Invalid
    alone = doc.get("alone")
    if not isinstance(alone, bool):
        raise _Invalid
    return RootResult(
        _str(doc.get("root")), tuple(findings), (), tuple(_str(p) for p in files), _str(doc.get("release"), optional=True),
        alone=alone, recorded=_str(doc.get("recorded"), optional=True),
    )


@attrs.frozen(slots=True)
class RuleInfo:
    """What the CLI and the reporters read of a rule, from the cached catalogue (no rule imported)."""

    code: str
    name: str
    severity: Any
    doc: str
    releases: frozenset[str] | None
    scope: str
    origin: str
    post: bool
    fix: str = "none"  # the rule's fix availability: always, sometimes, none
    unsafe_fixes: bool = False
    severity_by_release: dict[str, Any] = attrs.field(factory=dict, hash=False)

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else ""

    def applies_to(self, release: str | None) -> bool:
        return self.releases is None or release in self.releases


# --- the cache --------------------------------------------------------------------------


_noted: set[str] = set()


def _note_once(message: str) -> None:
    if message not in _noted:
        _noted.add(message)
        print(message, file=sys.stderr)


@attrs.frozen(slots=True)
class Cache:
    """An open cache directory (picklable: it goes to the workers).

    ``open_cache`` gives one for the rule catalogue; ``with_settings`` one for
    a run's roots.
    """

    directory: str  # real path
    own: str  # packs.own_fingerprint(): bondlint's code as installed
    packs: str  # packs.fingerprint() of the third-party packs
    settings: str = ""  # Settings.digest(...) once the rules are selected
    #: "metadata": trust a file whose stat data match (git's racy rule); "content": read and
    #: hash every file; "auto": content on network, FUSE and overlay file systems, else metadata
    verify: str = "auto"

    @property
    def catalogue(self) -> str:
        """Names the rule catalogue: it depends on bondlint's code and the packs only."""
        return _sha(self.own + "\0" + self.packs)

    def with_settings(self, codes: Iterable[str], release: str | None, config: Any) -> Cache:
        settings = Settings(tuple(codes), release, config_text(config))
        return attrs.evolve(self, settings=settings.digest(self.own, self.packs))

    def _log(self) -> Log:
        """This run's log: every root's record under these settings (``bondlint.cachelog``)."""
        path = os.path.join(self.directory, f"v{SCHEMA}", f"{self.settings}.log")
        return _log(path, f"{FORMAT} {SCHEMA} {self.settings}\n".encode("ascii"))

    @staticmethod
    def _key(path: str) -> str:
        """A root's record key: the root as named, and where it is."""
        return _sha(json.dumps([path, os.path.abspath(path)]))[:32]

    def inside_audited_tree(self, path: str, target: list | None = None) -> bool:
        """Is the cache directory anywhere inside the audited root (or a single file's folder)?
        ``target``: the path's ``_target_probe`` (its real path and kind), when already taken."""
        real = os.path.realpath(path) if target is None else target[1]
        is_dir = os.path.isdir(real) if target is None else target[2] in (_DIR, f"link:{_DIR}")
        tree = real if is_dir else os.path.dirname(real)
        return self.directory == tree or self.directory.startswith(tree.rstrip("/") + "/")

    def lookup(self, path: str, target: list | None = None) -> Any:
        """The cached RootResult of ``path`` if nothing it read has changed, else None.

        A file or directory whose metadata key matches and is not racy is trusted unread;
        otherwise a file is read and its digest compared (a directory is a miss). An entry
        verified by content is rewritten with the fresh keys, so the next run is a stat again.
        """
        import time

        doc = _load_json(self._log().get(self._key(path)))
        if doc is None or doc.get("path") != path:
            return None
        target = _target_probe(path) if target is None else target
        if doc.get("target") != target:
            return None
        observations, stamp = doc.get("observations"), doc.get("stamp")
        if type(observations) is not list or type(stamp) is not int:
            return None
        now = time.time_ns()
        content = self.verify == "content" or (self.verify == "auto" and _content_mode(path, target[1]))
        granularity = _granularity_ns(path, target[1])
        trusted_before = stamp - granularity
        replayer = Replayer(_walks)
        fresh: list[list] = []
        rewrite = False
        for item in observations:
            if type(item) is not list or len(item) != 5:
                return None
            operation, root, argument, digest, meta = item
            if not (type(operation) is type(root) is type(argument) is type(digest) is str and (meta is None or type(meta) is str)):
                return None
            current = None if content else replayer.meta(operation, root, argument)
            if current is not None and current == meta and _settled(meta, trusted_before):
                fresh.append(item)
                continue
            if not content and not _may_verify_by_content(operation, meta, current):
                return None
            if replayer.digest(operation, root, argument) != digest:
                return None
            if current != meta or (current is not None and not _settled(current, trusted_before)):
                rewrite = rewrite or (current is not None and _settled(current, now - granularity))
            fresh.append([operation, root, argument, digest, current if not content else meta])
        try:
            result = _result_from(doc.get("result"))
        except _Invalid:
            return None
        if rewrite:  # racy or touched, and verified by content: key the entry on what is there now
            self._write(path, target, fresh, doc["result"], now)
        return result

    def store(self, path: str, target: list, observations: Sequence[tuple], result: Any, stamp: int) -> None:
        """Record ``result`` for ``path``; a cache that cannot be written is skipped, never an error.

        ``stamp``: when the audit began (files changed since then are racy: verified by content).
        """
        if _text_size(result) > MAX_ENTRY_SIZE:
            return
        # one observation per thing looked at (discovery lists etc/ several times): each is checked on a hit
        self._write(path, target, [list(o) for o in dict.fromkeys(observations)], _result_json(result), stamp)

    def _write(self, path: str, target: list, observations: list, result: dict, stamp: int) -> None:
        doc = {"path": path, "target": target, "stamp": stamp, "observations": observations, "result": result}
        self._log().put(self._key(path), json.dumps(doc, separators=(",", ":")).encode("utf-8", "surrogatepass"))

    def flush(self) -> None:
        flush()

    def audit(self, path: str, run: Callable[[], Any]) -> Any:
        """``run()``'s RootResult for ``path``, from the cache when still valid, stored when not.

        A result with a crashed rule is never stored: the next run tries again.
        """
        if not self.settings:
            return run()
        target = _target_probe(path)
        if self.inside_audited_tree(path, target):
            _note_once(f"bondlint: note: cache not used for {path}: the cache directory {self.directory} is inside it")
            return run()
        hit = self.lookup(path, target)
        if hit is not None:
            return hit
        import time

        stamp = time.time_ns()
        with observing() as observed:
            result = run()
        if not result.failures and target == _target_probe(path):
            self.store(path, target, observed, result, stamp)
        return result

    # -- the rule catalogue ----------------------------------------------------------

    def rules(self, load: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """code → rule: from the cached catalogue (RuleInfo, nothing imported), or ``load()``
        (the real registry), whose catalogue is then stored."""
        path = os.path.join(self.directory, f"v{SCHEMA}", f"rules-{self.catalogue}.json")
        cached = self._catalogue_from(_load_json(_read_bounded(path)))
        if cached is not None:
            return cached
        rules = load()
        doc = {"format": FORMAT, "schema": SCHEMA, "catalogue": self.catalogue, "rules": [
            {"code": r.code, "name": r.name, "severity": int(r.severity), "doc": r.doc,
             "releases": None if r.releases is None else sorted(r.releases), "scope": r.scope,
             "severity_by_release": {k: int(v) for k, v in r.severity_by_release.items()},
             "origin": r.origin, "post": r.post, "fix": str(r.fix), "unsafe_fixes": r.unsafe_fixes}
            for r in rules.values()
        ]}
        _store_quietly(path, json.dumps(doc).encode("utf-8", "surrogatepass"))
        return rules

    def _catalogue_from(self, doc: dict | None) -> dict[str, RuleInfo] | None:
        from bondlint.findings import Severity

        if doc is None or doc.get("format") != FORMAT or doc.get("schema") != SCHEMA:
            return None
        if doc.get("catalogue") != self.catalogue or not isinstance(doc.get("rules"), list):
            return None
        out: dict[str, RuleInfo] = {}
        try:
            for r in doc["rules"]:
                if not isinstance(r, dict) or not isinstance(r.get("post"), bool) or not isinstance(r.get("unsafe_fixes"), bool):
                    raise _Invalid
                if r.get("fix") not in ("always", "sometimes", "none"):
                    raise _Invalid
                releases = r.get("releases")
                if releases is not None and not (isinstance(releases, list) and all(isinstance(x, str) for x in releases)):
                    raise _Invalid
                by_release = r.get("severity_by_release")
                if not (isinstance(by_release, dict) and all(isinstance(v, int) for v in by_release.values())):
                    raise _Invalid
                info = RuleInfo(
                    code=_str(r.get("code")), name=_str(r.get("name")), severity=Severity(_int(r.get("severity"))),
                    doc=_str(r.get("doc")), releases=None if releases is None else frozenset(releases),
                    scope=_str(r.get("scope")), origin=_str(r.get("origin")), post=r["post"],
                    fix=r["fix"], unsafe_fixes=r["unsafe_fixes"],
                    severity_by_release={str(k): Severity(v) for k, v in by_release.items()},
                )
                out[info.code] = info
        except (_Invalid, ValueError):
            return None
        return dict(sorted(out.items()))


# --- metadata keys: git's racy-file rule -----------------------------------------------------

#: File systems whose metadata a cache cannot trust (another client may write without
#: changing what this host sees, inode numbers may not be stable): verified by content.
CONTENT_FSTYPES = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "overlay", "afs", "ceph", "glusterfs"})
#: File systems whose timestamps are coarse (2 s on FAT and SMB); others: a clock tick, rounded up.
COARSE_FSTYPES = frozenset({"vfat", "msdos", "fat", "exfat", "cifs", "smb3", "smbfs"})
COARSE_GRANULARITY_NS = 2_000_000_000
LOCAL_GRANULARITY_NS = 100_000_000


def _settled(meta: str | None, trusted_before: int) -> bool:
    """Is a metadata key old enough to be trusted (both times strictly before the racy window)?

    An absent path has no times: its key is its whole state."""
    if meta is None:
        return False
    times = key_times(meta)
    return times is None or max(times) < trusted_before


def _may_verify_by_content(operation: str, recorded: str | None, current: str | None) -> bool:
    """Where the keys differ, may the content decide? Not for a directory (a link retargeted,
    a file become a symlink leave the names as they were), nor where the kind changed (a
    regular file become a symlink or absent)."""
    if operation == "list":
        return recorded is None and current is None  # a listing through a symlink: its names decide
    if operation != "read":
        return True
    kind = lambda m: None if m is None else m.split(" ", 1)[0]  # noqa: E731
    return kind(recorded) == kind(current)


@functools.lru_cache(maxsize=None)
def _mounts() -> tuple[tuple[str, str], ...] | None:
    """(mount point, fstype) of every mount, longest first; None when /proc/self/mountinfo cannot be read."""
    from bondlint.source import read_capped

    try:
        fd = os.open("/proc/self/mountinfo", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            lines = read_capped(fd, MAX_ENTRY_SIZE).decode("utf-8", "surrogateescape").splitlines()
        finally:
            os.close(fd)
    except OSError:
        return None
    out = []
    for line in lines:
        fields = line.split(" ")
        if "-" not in fields or len(fields) < 5:
            continue
        fstype = fields[fields.index("-") + 1] if fields.index("-") + 1 < len(fields) else ""
        point = fields[4].replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")
        out.append((point, fstype))
    return tuple(sorted(out, key=lambda m: len(m[0]), reverse=True))


@functools.lru_cache(maxsize=4096)
def _fstype(path: str, real: str | None = None) -> str | None:
    """The fstype of the longest mount point holding ``path``; None when unknown.
    ``real``: its real path, when already known (the root's type probe has it)."""
    mounts = _mounts()
    if mounts is None:
        return None
    real = os.path.realpath(path) if real is None else real
    for point, fstype in mounts:
        if real == point or real.startswith(point.rstrip("/") + "/") or point == "/":
            return fstype
    return None


def _content_mode(path: str, real: str | None = None) -> bool:
    fstype = _fstype(path, real)
    return fstype is None or fstype in CONTENT_FSTYPES or fstype.startswith("fuse")


def _granularity_ns(path: str, real: str | None = None) -> int:
    fstype = _fstype(path, real)
    return COARSE_GRANULARITY_NS if fstype is None or fstype in COARSE_FSTYPES else LOCAL_GRANULARITY_NS


def open_cache(directory: str, verify: str = "auto") -> Cache | None:
    """The cache in ``directory``, or None (with one line on stderr) when it is unusable.

    ``verify``: "auto", "metadata" or "content" (``Cache.verify``)."""
    from bondlint import packs

    try:
        real = _prepare_dir(directory)
    except CacheUnusable as exc:
        print(f"bondlint: warning: cache not used: {exc}", file=sys.stderr)
        return None
    housekeep(real)
    _close_logs()  # a process running several times (a library caller, the tests) reads each log afresh
    return Cache(real, packs.own_fingerprint(), packs.fingerprint(packs.third_party()), verify=verify)


# --- housekeeping ---------------------------------------------------------------------------

#: A run that opens the cache tidies it at most this often (one stat of the stamp otherwise).
HOUSEKEEPING_INTERVAL = 3600
#: A temporary file this old is a killed run's: a live writer's lives for milliseconds.
STALE_TEMP_AGE = 600
#: Bounds on the files (a log per settings digest, a rule catalogue per install; a fleet's root
#: is a few KiB of its log); beyond one, the oldest go (by modification time: a log is appended
#: to whenever a root misses, and touched whenever a run reads it) until 3/4 of both remain.
MAX_ENTRIES = 50_000
MAX_BYTES = 512 * 1024 * 1024
_STAMP = ".housekeeping"


def housekeep(
    directory: str,
    *,
    force: bool = False,
    max_entries: int = MAX_ENTRIES,
    max_bytes: int = MAX_BYTES,
    now: float | None = None,
) -> int:
    """Remove stale temporary files and prune the oldest entries beyond the bounds; the number removed.

    Looks only at regular files of ours, with our names, in our version folders (never
    through a symlink). Safe beside other runs: a reader that loses an entry it was about
    to open has a miss, a writer's fresh temporary is left alone, and two housekeepers at
    once only find some files already gone. Never raises OSError.
    """
    import time

    now = time.time() if now is None else now
    stamp = os.path.join(directory, _STAMP)
    try:
        st = os.lstat(stamp)
        if not force and stat.S_ISREG(st.st_mode) and 0 <= now - st.st_mtime < HOUSEKEEPING_INTERVAL:
            return 0
    except OSError:
        pass
    try:  # claim this round first, so a run starting meanwhile does not repeat it
        fd = os.open(stamp, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            os.utime(fd, (now, now))
        finally:
            os.close(fd)
    except OSError:
        pass
    removed = 0
    kept: list[tuple[float, int, str]] = []
    uid = os.geteuid()
    for folder in _our_folders(directory):
        for entry in _scan(folder):
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode) or st.st_uid != uid:
                continue
            if is_temporary(entry.name):
                if now - st.st_mtime > STALE_TEMP_AGE:
                    removed += _unlink(entry.path)
            elif entry.name.endswith((".log", ".json")):
                if not _current_schema(folder, directory):  # another schema's entry: only ever a miss
                    removed += _unlink(entry.path)
                else:
                    kept.append((st.st_mtime, st.st_size, entry.path))
    total = sum(size for _, size, _ in kept)
    if len(kept) > max_entries or total > max_bytes:
        count = len(kept)
        kept.sort()
        for _, size, path in kept:
            if count <= max_entries * 3 // 4 and total <= max_bytes * 3 // 4:
                break
            removed += _unlink(path)
            count -= 1
            total -= size
    return removed


def _current_schema(folder: str, directory: str) -> bool:
    """Is ``folder`` (``v<N>/`` or one of its shards) this schema's?"""
    relative = os.path.relpath(folder, directory)
    return relative.split(os.sep, 1)[0] == f"v{SCHEMA}"


def _our_folders(directory: str) -> list[str]:
    """``v<N>/`` of every schema and their two-hex-digit shards, real directories only."""
    out: list[str] = []
    for version in _scan(directory):
        if version.name[:1] == "v" and version.name[1:].isdigit() and version.is_dir(follow_symlinks=False):
            out.append(version.path)
            out.extend(
                shard.path
                for shard in _scan(version.path)
                if len(shard.name) == 2 and shard.is_dir(follow_symlinks=False)
            )
    return out


def _scan(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError:
        return []


def _unlink(path: str) -> int:
    try:
        os.unlink(path)
    except OSError:
        return 0
    return 1
