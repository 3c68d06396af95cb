"""The document every parser returns, whatever the file kind."""

from __future__ import annotations

import attrs

from bondlint.syntax.span import Problem


@attrs.frozen(slots=True)
class Document:
    """One parsed file: its kind, path, original text and problems.

    Subclasses (one per kind) add the typed nodes. ``render()`` gives back the
    file's text exactly, from the nodes, which is what a future --fix edits.
    """

    kind: str
    path: str | None
    text: str
    problems: tuple[Problem, ...]

    def render(self) -> str:
        raise NotImplementedError  # every concrete kind renders from its nodes


@attrs.frozen(slots=True)
class RefusedDocument(Document):
    """A file that could not be read at all (BL000): no nodes, renders as empty."""

    def render(self) -> str:
        return self.text
