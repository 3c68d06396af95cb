"""Finding installed rule packs cheaply: the ``bondlint.rules`` entry points, without importlib.metadata.

``importlib.metadata`` costs ~70 ms to import (email, zipfile, csv, ...) in a
process that lints one host in about as much. The entry points a pack
declares are a few lines of ``entry_points.txt`` in its ``*.dist-info`` (or
``*.egg-info``) folder on ``sys.path``, so they are read here directly, in
``sys.path`` order, the first distribution of a name winning, as
importlib.metadata does. Zipped path entries are not searched (importlib.metadata
would; no rule pack is installed that way by pip).

The built-in rules are imported directly (``bondlint.rules``), not through
their entry point; ``fingerprint()`` is what the content cache keys on.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import sys

import attrs

GROUP = "bondlint.rules"
BUILTIN = ("builtin", "bondlint.rules:RULES")
#: An entry_points.txt larger than this is not a real one: skipped, unread.
MAX_ENTRY_POINTS_FILE = 1 << 20
_SECTION = re.compile(r"^\[\s*(.+?)\s*\]\s*$")


@attrs.frozen(slots=True)
class Pack:
    """One ``bondlint.rules`` entry point: ``name = module:attr`` of a distribution."""

    name: str
    value: str
    distribution: str
    #: where it was found and what its metadata looked like (for the cache key)
    location: str = attrs.field(eq=False)

    def load(self) -> object:
        module, _, attr = self.value.partition(":")
        obj: object = importlib.import_module(module.strip())
        attr = attr.split("[", 1)[0].strip()  # "mod:attr [extra]"
        for part in filter(None, attr.split(".")):
            obj = getattr(obj, part)
        return obj


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _entry_points(text: str, group: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    section = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        m = _SECTION.match(line)
        if m:
            section = m.group(1)
        elif section == group and "=" in line:
            name, _, value = line.partition("=")
            found.append((name.strip(), value.strip()))
    return found


def _read_small(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_ENTRY_POINTS_FILE + 1)
    except OSError:
        return None
    if len(data) > MAX_ENTRY_POINTS_FILE:
        return None
    return data.decode("utf-8", "replace")


def find(group: str = GROUP) -> list[Pack]:
    """Every installed entry point of ``group`` (the built-in one included), in sys.path order."""
    seen: set[str] = set()
    packs: list[Pack] = []
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except OSError:  # a zip, a missing folder
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            dist = _normalise(name.rsplit(".", 1)[0].split("-", 1)[0])
            if dist in seen:
                continue
            seen.add(dist)
            meta = os.path.join(folder, name)
            text = _read_small(os.path.join(meta, "entry_points.txt"))
            if text is None or group not in text:
                continue
            for ep_name, value in _entry_points(text, group):
                packs.append(Pack(ep_name, value, dist, meta))
    return packs


def third_party(group: str = GROUP) -> list[Pack]:
    """The packs that are not bondlint's own built-in rules."""
    return [p for p in find(group) if (p.name, p.value) != BUILTIN]


def fingerprint(packs: list[Pack]) -> str:
    """What a cached result depends on of the installed packs: their entry points, the
    metadata files, and the files of each pack's top-level module (sizes and mtimes)."""
    h = hashlib.sha256()
    for pack in packs:
        h.update(f"{pack.distribution}\0{pack.name}\0{pack.value}\0{pack.location}\0".encode("utf-8", "surrogateescape"))
        top = pack.value.partition(":")[0].strip().split(".", 1)[0]
        for path in _stat_targets(pack.location, top):
            h.update(_stat_line(path))
    return h.hexdigest()


def _stat_targets(meta: str, top: str) -> list[str]:
    """The metadata folder's files, every file its ``RECORD`` lists (modules of the distribution
    outside the entry point's package included), and the pack's module or package files: beside
    the metadata, or, for an editable install (``direct_url.json``), where its import spec says."""
    targets = []
    try:
        targets += [os.path.join(meta, n) for n in sorted(os.listdir(meta))]
    except OSError:
        pass
    site = os.path.dirname(meta)
    record = _read_small(os.path.join(meta, "RECORD")) or ""
    for line in record.splitlines():
        name = line.rsplit(",", 2)[0] if line.count(",") >= 2 else line
        if name and not name.endswith(".pyc"):
            targets.append(os.path.normpath(os.path.join(site, name)))
    folders = [site, *(p for p in sys.path if p and p != site)]
    if '"editable": true' in (_read_small(os.path.join(meta, "direct_url.json")) or "").replace("\n", " "):
        spec_folder = _spec_folder(top)
        if spec_folder is not None:
            folders.insert(0, spec_folder)
    for folder in folders:
        module, package = os.path.join(folder, top + ".py"), os.path.join(folder, top)
        if os.path.isfile(module):
            return targets + [module]
        if os.path.isdir(package):
            for dirpath, dirnames, filenames in os.walk(package):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
                targets += [os.path.join(dirpath, f) for f in sorted(filenames) if not f.endswith(".pyc")]
            return targets
    return targets


def _spec_folder(top: str) -> str | None:
    """The folder holding ``top`` as its import spec finds it (an editable install's finder),
    without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return os.path.dirname(os.path.abspath(list(spec.submodule_search_locations)[0]))
    return os.path.dirname(os.path.abspath(spec.origin)) if spec.origin else None


#: A file changed this recently may change again within one timestamp tick: its bytes are hashed
#: too (git's racy-file rule; 2 s covers FAT and SMB).
RACY_NS = 2_000_000_000


def _stat_line(path: str) -> bytes:
    """A file's stat data (size, mtime, ctime, inode, mode: a same-size edit with the mtime put back
    still changes the ctime), and its digest while it is racy."""
    import time

    try:
        st = os.stat(path)
    except OSError:
        return f"{path}\0-\n".encode("utf-8", "surrogateescape")
    line = f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_dev}\0{st.st_ino}\0{st.st_mode}"
    if max(st.st_mtime_ns, st.st_ctime_ns) >= time.time_ns() - RACY_NS:
        try:
            with open(path, "rb") as handle:
                line += "\0" + hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            line += "\0?"
    return (line + "\n").encode("utf-8", "surrogateescape")


def own_fingerprint() -> str:
    """bondlint's own code as installed (version, and every source and grammar file's stat data,
    ``_stat_line``): an editable install changes its rules without changing its version."""
    from bondlint import __version__

    h = hashlib.sha256(__version__.encode())
    for top in _own_folders():
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for f in sorted(filenames):
                if f.endswith((".py", ".lark", ".toml", ".json")):
                    h.update(_stat_line(os.path.join(dirpath, f)))
    return h.hexdigest()


def _own_folders() -> list[str]:
    import bondlint

    folders = [os.path.dirname(os.path.abspath(bondlint.__file__))]
    if os.path.isfile(os.path.join(folders[0], "rules", "__init__.py")):
        return folders  # installed: the rules are inside the package
    if "bondlint.rules" in sys.modules:
        origin = sys.modules["bondlint.rules"].__file__
    else:  # an editable install maps them from the repository's rules/
        import importlib.util

        spec = importlib.util.find_spec("bondlint.rules")
        origin = spec.origin if spec is not None else None
    if origin:
        rules = os.path.dirname(os.path.abspath(origin))
        if not rules.startswith(folders[0] + os.sep):
            folders.append(rules)
    return folders
