"""BONDLINT-MANIFEST: what the collector recorded about its collection.

One ``key: value`` per line (``bondlint.collect.collect.sh`` writes it). The hostname names
the host (``bondlint.identity``); every ``unreadable:`` file and ``unlisted:`` folder is a
path the collector could not read, so the audit reports each as BL000 instead of passing
over it as if it were absent.
"""

from __future__ import annotations

import attrs

from bondlint.collect import MANIFEST_NAME
from bondlint.source import Refused, Root, SourceText, _refuse

#: A manifest lists a host's paths: a few KiB; anything much larger is not one.
MAX_MANIFEST = 1 << 20


@attrs.frozen(slots=True)
class Manifest:
    fields: dict[str, str]
    unreadable: tuple[str, ...]
    unlisted: tuple[str, ...]
    not_files: tuple[str, ...] = ()  # FIFOs, devices, sockets where a file is read: not collected

    @property
    def hostname(self) -> str | None:
        return self.fields.get("hostname") or None


def parse(text: str) -> Manifest:
    fields: dict[str, str] = {}
    unreadable: list[str] = []
    unlisted: list[str] = []
    not_files: list[str] = []
    for line in text.split("\n"):
        key, sep, value = line.partition(": ")
        if not sep:
            continue
        if key == "unreadable":
            unreadable.append(value)
        elif key == "unlisted":
            unlisted.append(value)
        elif key == "not-a-file":
            not_files.append(value)
        else:
            fields.setdefault(key, value.strip())
    return Manifest(fields, tuple(unreadable), tuple(unlisted), tuple(not_files))


def read_manifest(root: Root) -> Manifest | None:
    """The root's manifest, None when it has none (not collected by bondlint) or it cannot be read."""
    source = root.read(MANIFEST_NAME, max_size=MAX_MANIFEST)  # not a listing of the root: its other names don't matter
    return parse(source.text) if isinstance(source, SourceText) else None


def manifest_refusals(root: Root) -> tuple[Refused, ...]:
    """Each path the collector could not read or list, as an unreadable file (BL000)."""
    manifest = read_manifest(root)
    if manifest is None:
        return ()
    uid = manifest.fields.get("uid") or "?"
    out = [_refuse(root.display_path(p), f"the collector (uid {uid}) could not read it: not audited") for p in manifest.unreadable]
    out += [
        _refuse(root.display_path(p), f"the collector (uid {uid}) could not list this folder: its files are not audited")
        for p in manifest.unlisted
    ]
    out += [
        _refuse(root.display_path(p), "not a regular file on the host (a FIFO, a device or a socket): not collected")
        for p in manifest.not_files
    ]
    return tuple(out)
