"""SIGKILL a real ``bondlint --fix`` over a generated fleet at random moments.

After every kill each file is byte-equal to its original or to its fixed
version, and the only new files are hidden temporaries that no consumer reads
(``.NAME.bondlint-XXXXXXXX~``). Each run continues on what the killed ones left;
a last run to completion (the kills' temporaries aged past STALE_TEMP_AGE) gives
exactly the tree an uninterrupted ``--fix`` gives, with no temporary file left
where it wrote. ~10 kills by default; BONDLINT_LONG=1 for 100.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from bondlint.cache import STALE_TEMP_AGE
from tests.fix._support import consumed_names, ignored_by_every_consumer, temp_files, tree_bytes

HOSTS = 200
KILLS = 100 if os.environ.get("BONDLINT_LONG") == "1" else 10


def _fleet(out: Path) -> list[Path]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from generate_hosts import generate
    finally:
        sys.path.pop(0)
    generate(out, HOSTS, seed=13, fault_rate=1.0)  # every host one seeded fault (BL002, BL402, BL602 are fixable)
    roots = sorted(p for p in out.iterdir() if p.is_dir())
    for i, root in enumerate(roots):
        if i % 4 == 0:  # and a quarter of the fleet saved on Windows (BL004 rewrites every line)
            for f in (root / "etc/sysconfig/network-scripts").glob("ifcfg-*"):
                f.write_bytes(f.read_bytes().replace(b"\n", b"\r\n"))
    return roots


def _fix(listing: Path, flags: tuple[str, ...] = ()) -> subprocess.Popen:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "bondlint", "--fix", "-j", "1", *flags, f"@{listing}"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def _listing(tmp: Path, roots: list[Path]) -> Path:
    listing = tmp / f"{roots[0].parent.name}.txt"
    listing.write_text("".join(f"{r}\n" for r in roots))
    return listing


@pytest.mark.parametrize(
    "flags", [(), ("--unsafe-fixes",), ("--unsafe-fixes", "-j", "2")], ids=["safe", "unsafe", "unsafe-workers"]
)
def test_a_killed_fix_leaves_every_file_old_or_new(flags: tuple[str, ...], tmp_path: Path) -> None:
    """With --unsafe-fixes, BL512's GATEWAYDEV edits (and files a fix creates) join the safe ones;
    with -j 2 the fixes are computed in workers, which must never write."""
    original_roots = _fleet(tmp_path / "orig")
    original = tree_bytes(tmp_path / "orig")
    consumed = consumed_names_of(original_roots)

    shutil.copytree(tmp_path / "orig", tmp_path / "expected")
    started = time.monotonic()
    expected_roots = sorted(p for p in (tmp_path / "expected").iterdir() if p.is_dir())
    assert _fix(_listing(tmp_path, expected_roots), flags).wait() == 1
    full = time.monotonic() - started
    expected = tree_bytes(tmp_path / "expected")
    fixed = {rel for rel in expected if expected[rel] != original.get(rel)}
    consumed_fixed = consumed_names_of(expected_roots)
    assert len(fixed) > HOSTS // 4, f"only {len(fixed)} files fixed: the fleet exercises too little"

    work = tmp_path / "work"
    shutil.copytree(tmp_path / "orig", work)
    listing = _listing(tmp_path, sorted(p for p in work.iterdir() if p.is_dir()))
    rng = random.Random(int(os.environ.get("BONDLINT_KILL_SEED", "2026")))
    mid_run = partial = kills = 0
    # KILLS kills; more (at most 4x) while none has yet caught the fleet part-fixed, starting the
    # fleet over when a run completes first (-j 2 writes only after its first results arrive).
    while kills < KILLS or (not partial and kills < 4 * KILLS):
        kills += 1
        if not partial and kills > KILLS and all(tree_bytes(work).get(rel) == expected[rel] for rel in fixed):
            shutil.rmtree(work)
            shutil.copytree(tmp_path / "orig", work)
        proc = _fix(listing, flags)
        started = time.monotonic()
        deadline = started + rng.uniform(0.05, full)
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        alive = proc.poll() is None
        if alive:
            proc.send_signal(signal.SIGKILL)
        else:  # later runs have less left to do: aim the next kills inside their shorter span
            full = time.monotonic() - started
        proc.wait()
        mid_run += alive
        now = tree_bytes(work)
        for rel, data in now.items():
            if rel in original:
                assert data in (original[rel], expected[rel]), f"{rel} is neither its old nor its fixed version"
            elif rel in expected:  # a file the fix creates: there whole, or not at all
                assert data == expected[rel], f"{rel} was created, but not as the fix writes it"
            else:
                assert ignored_by_every_consumer(os.path.basename(rel)), f"stray file {rel}"
        assert set(original) <= set(now), "a file vanished"
        assert consumed <= consumed_names_of(sorted(p for p in work.iterdir() if p.is_dir())) <= consumed_fixed
        done = sum(now.get(rel) == expected[rel] for rel in fixed)
        partial += 0 < done < len(fixed)
    assert mid_run, "no kill landed while --fix was running"
    assert partial, "no kill left a partly fixed fleet: the test proved nothing"

    killed = time.time() - STALE_TEMP_AGE - 60  # the sweep takes a temporary once it is a killed run's
    for rel in temp_files(work):
        os.utime(work / rel, (killed, killed))
    assert _fix(listing, flags).wait() == 1
    # a directory the last run wrote nothing in keeps its (hidden, never read) temporary
    left = set(temp_files(work))
    assert {rel: data for rel, data in tree_bytes(work).items() if rel not in left} == expected, "the next --fix did not complete the work"
    assert all(ignored_by_every_consumer(os.path.basename(rel)) for rel in left)
    print(f"{kills} kills ({mid_run} mid-run, {partial} with the fleet part-fixed), {len(fixed)} files to fix, full run {full:.1f} s")


def consumed_names_of(roots: list[Path]) -> set[str]:
    """Consumer-visible names of every root, keyed by root name (so copies compare)."""
    return {f"{r.name}/{n}" for r in roots for n in consumed_names(r)}
