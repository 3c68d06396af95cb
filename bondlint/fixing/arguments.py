"""The fixing options of the command line, apart from the fixing CLI: every run's parser has
them, and building it must not import the fix engine (difflib, the writer, its classes)."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("fixing")
    g.add_argument("--fix", action="store_true", help="apply safe fixes (atomically, inside the root), then report what remains")
    g.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and write nothing (exit 1 when a fix would apply)")
    g.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: also apply unsafe fixes (see each rule's '## Fix safety')")
    g.add_argument("--show-fixes", action="store_true", help="with --fix or --diff: list each fix applied, on stderr")
