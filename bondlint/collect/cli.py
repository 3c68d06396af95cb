"""``bondlint collect``: print the collector script, or run it on this host into a file."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from typing import Sequence

from bondlint.collect import script
from bondlint.exitcodes import ExitCode


def build_parser() -> argparse.ArgumentParser:
    from bondlint.argparsing import Parser

    p = Parser(
        prog="bondlint collect",
        description="Collect the files bondlint reads on this host into a gzip tarball "
        "(bondlint audits it as a root: bondlint host.tar.gz). On hosts without bondlint, "
        "run the script that --print-script prints: sh collect.sh host.tar.gz",
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--print-script", action="store_true", help="print the POSIX sh collector script and exit")
    what.add_argument("--output", "-o", metavar="FILE", help="run the collector here and write the archive to FILE (atomically, mode 0600)")
    p.add_argument("--root", metavar="DIR", help="collect from the tree DIR instead of / (the script's BONDLINT_ROOT)")
    return p


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.print_script:
        if args.root:
            print("bondlint: error: --root is for -o (the script reads BONDLINT_ROOT itself)", file=sys.stderr)
            return ExitCode.ERROR
        sys.stdout.write(script())
        return ExitCode.OK
    try:
        return _run(args.output, args.root)
    except KeyboardInterrupt:  # the script got the same SIGINT and removed its folder; no output left
        return ExitCode.INTERRUPTED


def _run(output: str, root: str | None) -> int:
    """Run the script with ``sh``, its archive streamed into ``output`` atomically."""
    from bondlint.atomic import AtomicFile

    env = dict(os.environ)
    env.pop("BONDLINT_ROOT", None)
    if root is not None:
        if not os.path.isdir(root):
            print(f"bondlint: error: --root {root}: not a directory", file=sys.stderr)
            return ExitCode.ERROR
        env["BONDLINT_ROOT"] = os.path.abspath(root)
    try:
        out = AtomicFile(output, mode=0o600)
    except OSError as exc:
        print(f"bondlint: error: cannot write {output}: {exc.strerror}", file=sys.stderr)
        return ExitCode.ERROR
    try:
        with subprocess.Popen(["sh", "-c", script(), "bondlint-collect"], stdout=subprocess.PIPE, env=env) as proc:
            assert proc.stdout is not None
            while chunk := proc.stdout.read(1 << 16):
                out.write_all(chunk)
        if proc.returncode != 0:
            out.discard()
            print(f"bondlint: error: the collector failed (exit {proc.returncode}); {output} not written", file=sys.stderr)
            return ExitCode.ERROR
        out.commit()
    except OSError as exc:  # a full disk, a folder gone: the old file (if any) stays
        out.discard()
        print(f"bondlint: error: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return ExitCode.ERROR
    except BaseException:
        out.discard()
        raise
    return ExitCode.OK
