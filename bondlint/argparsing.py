"""The command lines' argument parsing: one usage-error shape (one line, exit 2) for bondlint
and its subcommands (collect, merge, diff), which import it from here, not from the CLI."""

from __future__ import annotations

import argparse
import os
import sys

from bondlint.exitcodes import ExitCode
from bondlint.report import FORMATS


def terminal_columns() -> int:
    """shutil.get_terminal_size().columns without importing shutil (argparse would, on every run)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class Formatter(argparse.HelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, terminal_columns() - 2 if width is None else width)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        """One line on stderr and exit 2, as for every other usage error."""
        self.exit(ExitCode.ERROR, f"bondlint: error: {message} (see {self.prog} --help)\n")


def report_spec(value: str) -> tuple[str, str]:
    """--report FORMAT=FILE"""
    fmt, sep, path = value.partition("=")
    if not sep or not path or fmt not in FORMATS:
        raise argparse.ArgumentTypeError(f"expected FORMAT=FILE with FORMAT one of {', '.join(FORMATS)}, got {value!r}")
    return fmt, path
