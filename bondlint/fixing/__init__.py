"""Fixes: rules attach them, ``--fix``/``--diff`` and ``bondlint.fix()`` apply them.

``edits``   what a fix is (Edit, Fix, Safety, Availability); imported by findings, so light
``engine``  the lint → fix → re-lint loop over one root, in memory
``write``   the atomic, metadata-keeping writer (temp file, fsync, rename)
``api``     ``fix()`` and its FixReport
"""

from bondlint.fixing.edits import Availability, Edit, Fix, Safety, apply_edits, rewrite_value

__all__ = ["Availability", "Edit", "Fix", "Safety", "apply_edits", "rewrite_value"]
