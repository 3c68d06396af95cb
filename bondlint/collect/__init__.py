"""The collector: a POSIX sh script that packs what bondlint reads on a host into a tarball.

Fleet hosts run Python 2.6–3.6 or none, so the collection cannot be Python: the
script (``collect.sh`` beside this file) needs only sh, cat, gzip, mkdir, mktemp,
rm and tar; bondlint audits the archive on the controller (``bondlint.archive``).
``bondlint collect --print-script`` prints it; ``bondlint collect -o FILE`` runs it here.
"""

from __future__ import annotations

from importlib.resources import files

#: The script's file name in this package; its interface: ``sh collect.sh [OUTPUT]``,
#: ``BONDLINT_ROOT`` to collect from a tree instead of ``/``.
SCRIPT_NAME = "collect.sh"
#: The archive member that describes the collection (read by ``bondlint.collect.manifest``).
MANIFEST_NAME = "BONDLINT-MANIFEST"


def script() -> str:
    """The collector script's text."""
    return files(__package__).joinpath(SCRIPT_NAME).read_text(encoding="utf-8")
