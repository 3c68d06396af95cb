"""The document every parser returns, whatever the file kind."""

from __future__ import annotations

from abc import ABC, abstractmethod

import attrs

from bondlint.syntax.span import Problem


@attrs.frozen(slots=True)
class Document(ABC):
    """One parsed file: its kind, path, original text and problems.

    Subclasses (one per kind) add the typed nodes. ``render()`` gives back the
    file's text exactly, from the nodes, which is what a future --fix edits.
    """

    kind: str
    path: str | None
    text: str
    problems: tuple[Problem, ...]

    @abstractmethod
    def render(self) -> str:
        """The file's text, rebuilt from the nodes."""


@attrs.frozen(slots=True)
class RefusedDocument(Document):
    """A file that could not be read at all (BL000): no nodes, renders as empty."""

    def render(self) -> str:
        return self.text
