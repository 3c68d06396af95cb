"""The cost of one root is bounded however hostile its files (issue 10 item 3).

Ten 256 KiB ``options bonding x x x ...`` files once took a minute and 1.3 GB:
262,000 tokens a file through Lark, 131,000 Word, BondOption and Finding objects.
These tests assert the bounds that keep it to about a second and tens of MB,
without a clock: how many objects the model and the engine make, and the peak
of memory Python allocates (tracemalloc). The timings are in benchmarks/cost_bounds.py.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import bondlint
from bondlint.engine import MAX_FINDINGS_PER_RULE_PER_FILE, rule, run_rules
from bondlint.findings import Severity, Violation
from bondlint.host.build import build_host
from bondlint.host.discover import classify
from bondlint.model.host import MAX_OPTION_WORDS
from bondlint.model.modules import MAX_COMMAND_WORDS
from bondlint.report.bounds import MAX_PER_RULE_PER_FILE, cap
from bondlint.syntax.modprobe import LineWords
from bondlint.syntax.span import Span
from tests.conftest import run_cli

FILE_SIZE = 256 * 1024 - 64  # just under the read cap (bondlint.source.MAX_FILE_SIZE)
RELEASE = "CentOS Linux release 7.9.2009 (Core)\n"


def _root(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "host"
    for rel, text in {"etc/redhat-release": RELEASE, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _word_storm_root(tmp_path: Path, files: int = 10) -> Path:
    line = "options bonding" + " x" * ((FILE_SIZE - 16) // 2) + "\n"
    return _root(tmp_path, {f"etc/modprobe.d/storm{i}.conf": line for i in range(files)})


def test_a_root_of_word_storms_reads_a_bounded_number_of_options(tmp_path: Path) -> None:
    build_host(classify(str(_root(tmp_path / "warm", {"etc/modprobe.d/b.conf": "options bonding x\n"}))), release="el7")
    root = _word_storm_root(tmp_path, files=2)  # two, as tracemalloc slows the run down
    tracemalloc.start()
    try:
        host = build_host(classify(str(root)), release="el7")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    words = (FILE_SIZE - 16) // 2 + 1  # bonding and the x's
    assert len(host.modules.options) == 2
    for mo in host.modules.options:
        # the parsed line's 131,000 words are start offsets, not Word objects; the model's command
        # record keeps the first MAX_COMMAND_WORDS of them as located words and counts the rest
        (parsed,) = mo.file.doc.lines
        assert isinstance(parsed.words, LineWords) and len(parsed.words) == words
        assert len(mo.line.words) == MAX_COMMAND_WORDS and mo.line.word_count == words
        assert len(mo.words) == MAX_OPTION_WORDS
        assert mo.unread is not None and (mo.unread.count, mo.unread.total) == (words - 1 - MAX_OPTION_WORDS, words - 1)
    # 0.5 MB of text: the model holds it and ~4 bytes a word (~2 MB), where Word and Span
    # objects were ~250 bytes a word (~65 MB), BondOptions as many again
    assert peak < 8 * 2**20, peak


def test_a_root_of_word_storms_gives_one_line_finding_a_file_and_bounded_findings(tmp_path: Path) -> None:
    root = _word_storm_root(tmp_path)
    report = bondlint.lint(root, release="el7")
    bl301 = [f for f in report.findings if f.code == "BL301"]
    assert len(report.findings) == len(bl301) == 10 * (MAX_OPTION_WORDS + 1)
    lines = [f for f in bl301 if "words, far more than the bonding driver has options" in f.message]
    assert len(lines) == 10 and all(f.column == 17 and f.line == 1 for f in lines)
    assert f"checks the first {MAX_OPTION_WORDS} as options and not the other 130,776" in lines[0].message


def test_bonding_opts_past_the_bound_are_one_finding(tmp_path: Path) -> None:
    value = " ".join(f"miimon={i}" for i in range(1000))
    root = _root(tmp_path, {"etc/sysconfig/network-scripts/ifcfg-bond0": f'DEVICE=bond0\nBONDING_OPTS="{value}"\n'})
    host = build_host(classify(str(root)), release="el7")
    bond = host.bonds["bond0"]
    assert len(bond.bonding_opts) == MAX_OPTION_WORDS and bond.effective["miimon"].value == str(MAX_OPTION_WORDS - 1)
    assert bond.bonding_opts_unread is not None and bond.bonding_opts_unread.count == 1000 - MAX_OPTION_WORDS
    report = bondlint.lint(root, release="el7", select=["BL301"])
    (finding,) = report.findings
    assert finding.message.startswith("bond0's BONDING_OPTS has 1,000 words, far more than the bonding driver has options")
    assert (finding.line, finding.column) == (2, 15)


@rule("BL999", "storm-for-test", Severity.WARNING, scope="file")
def _storm(host):  # type: ignore[no-untyped-def]
    """A rule that reports 5,000 violations in one file and 3 in another."""
    line = host.modules.options[0].line
    for i in range(5000):
        yield Violation(line.span, f"storm {i}")
    for i in range(3):
        yield Violation(Span("elsewhere.conf", 1, 1, 1, 2, 0, 1), f"other {i}")


def test_the_engine_records_a_bounded_number_of_findings_per_rule_per_file(tmp_path: Path) -> None:
    root = _root(tmp_path, {"etc/modprobe.d/b.conf": "options bonding miimon=100\n"})
    host = build_host(classify(str(root)), release="el7")
    findings, failures = run_rules(host, [_storm])
    assert not failures
    storm = [f for f in findings if f.path.endswith("b.conf")]  # type: ignore[union-attr]
    other = [f for f in findings if not f.path.endswith("b.conf")]  # type: ignore[union-attr]
    assert len(storm) == MAX_FINDINGS_PER_RULE_PER_FILE + 1 and len(other) == 3
    (marker,) = [f for f in storm if f.unrecorded]
    assert marker.unrecorded == 5000 - MAX_FINDINGS_PER_RULE_PER_FILE - 1
    assert marker.message == (
        "4,000 more BL999 findings in this file from here on, not recorded one by one "
        "(bondlint records at most 1,000 per rule per file)"
    )
    # the summary counts every violation; the report's cap counts the engine's marker as what it stands for
    report = bondlint.runner.Report((str(root),), tuple(findings))
    assert report.summary()["warning"] == 5003
    shown = [f for f in cap(findings) if f.path.endswith("b.conf")]  # type: ignore[union-attr]
    assert len(shown) == MAX_PER_RULE_PER_FILE + 1
    (more,) = [int(f.message.split()[0]) for f in shown if "in this file not shown" in f.message]
    assert sum(1 + f.unrecorded for f in shown[:-1]) + more == 5000


def test_the_engine_marker_counts_the_same_from_the_cache(tmp_path: Path) -> None:
    """1,200 unused suppressions of one line: 1,000 BL901 recorded and one for the other 200,
    counted as 1,200 by the summary, on the run that fills the cache and on the one it answers."""
    root = _root(tmp_path, {"etc/sysconfig/network-scripts/ifcfg-eth0": "# bondlint: disable=" + ",".join(["BL209"] * 1200) + "\nDEVICE=eth0\n"})
    runs = [run_cli("--format", "json", "--select", "BL209,BL901", "--release", "el7", str(root)) for _ in range(2)]
    for proc in runs:
        payload = json.loads(proc.stdout)
        assert payload["summary"]["warning"] == 1200, payload["summary"]
        assert [f["code"] for f in payload["findings"]] == ["BL901"] * (MAX_PER_RULE_PER_FILE + 1)
        assert payload["findings"][-1]["message"].startswith("1150 more BL901 findings in this file not shown")


def _unknown_keys_root(tmp_path: Path, line: str) -> Path:
    text = ("DEVICE=eth9\n" + "".join(line % i for i in range(30000)))[:262000]
    return _root(tmp_path, {"etc/sysconfig/network-scripts/ifcfg-eth9": text})


def test_a_file_of_unknown_keys_costs_work_linear_in_its_lines(tmp_path: Path, monkeypatch) -> None:
    """Issue 24 item 9: the nearest-key search and the quote fix are linear in the file's lines.

    A 256 KiB ifcfg of ``K%d=a b c`` lines took 96 s and 910 MB: an edit distance against every
    known key per line (~10 million), and a whole-file line index per BL002 finding. Counted
    here: edit distances per line, line indexes per file.
    """
    from bondlint.host import spelling
    from bondlint.syntax import span as span_module
    import rules.lexical as lexical

    distances = [0]
    real_distance = spelling.edit_distance

    def counted_distance(a: str, b: str, limit: int) -> int:
        distances[0] += 1
        return real_distance(a, b, limit)

    indexes = [0]
    real_index = span_module.LineIndex

    class CountedIndex(real_index):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            indexes[0] += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(spelling, "edit_distance", counted_distance)
    monkeypatch.setattr(lexical, "LineIndex", CountedIndex)
    for line in ("K%d=a b c\n", "K%d=v\n"):
        distances[0] = indexes[0] = 0
        root = _unknown_keys_root(tmp_path / line.strip("%d=\n ").replace(" ", "_"), line)
        lines = (root / "etc/sysconfig/network-scripts/ifcfg-eth9").read_text().count("\n")
        report = bondlint.lint(root, release="el7")
        assert report.findings  # BL013/BL002 and the like: the file was audited
        assert distances[0] <= 10 * lines, (distances[0], lines)  # was ~700 a line
        assert indexes[0] <= 1, indexes[0]  # one line index for the file, not one per finding


def test_a_root_past_the_file_limit_reads_the_limit_and_says_so(tmp_path: Path, monkeypatch) -> None:
    """Issue 24 item 9: a 100,000-file directory is bounded by a per-root limit of files read
    (MAX_FILES_PER_ROOT; lowered here so the test stays small): one BL000 for the root names it."""
    from bondlint.host import discover

    monkeypatch.setattr(discover, "MAX_FILES_PER_ROOT", 50)
    import bondlint.host.build as build

    monkeypatch.setattr(build, "MAX_FILES_PER_ROOT", 50)
    root = _root(tmp_path, {f"etc/sysconfig/network-scripts/ifcfg-eth{i:03d}": f"DEVICE=eth{i:03d}\nONBOOT=yes\n" for i in range(80)})
    host = build_host(classify(str(root)), release="el7")
    assert len(host.ifcfg_files) == 50
    report = bondlint.lint(root, release="el7")
    bl000 = [f for f in report.findings if f.code == "BL000"]
    assert len(bl000) == 1 and "30 configuration files past bondlint's limit of 50" in bl000[0].message
    assert bl000[0].path == str(root)


def test_the_file_limit_counts_keyfiles_and_nmmeta_files_and_stats_no_more(tmp_path: Path, monkeypatch) -> None:
    """Issue 24 item 9: NetworkManager's profile directories (profiles and ``.nmmeta`` files alike)
    and conf.d count against the one per-root limit: past it their entries are neither stat'ed nor
    parsed, and the root still gets one BL000 naming the limit."""
    import bondlint.host.build as build
    from bondlint.host import discover, nm_discover

    monkeypatch.setattr(discover, "MAX_FILES_PER_ROOT", 50)
    monkeypatch.setattr(build, "MAX_FILES_PER_ROOT", 50)
    stats: list[str] = []
    real_stat = nm_discover.stat_as_nm

    def counted_stat(root, rel):
        stats.append(rel)
        return real_stat(root, rel)

    monkeypatch.setattr(nm_discover, "stat_as_nm", counted_stat)
    uuid = "00000000-0000-4000-8000-{:012d}"
    files = {f"etc/sysconfig/network-scripts/ifcfg-eth{i:03d}": f"DEVICE=eth{i:03d}\nONBOOT=yes\n" for i in range(30)}
    files |= {f"run/NetworkManager/system-connections/{uuid.format(i)}.nmmeta": "" for i in range(15)}
    files |= {
        f"{d}/NetworkManager/system-connections/p{d[:3]}{i:03d}.nmconnection":
        f"[connection]\nid=p{i}\nuuid={uuid.format(100 + i)}\ntype=ethernet\ninterface-name=ens{i}\n"
        for d in ("etc", "usr/lib") for i in range(20)
    }
    files |= {f"etc/NetworkManager/conf.d/{i}.conf": "[main]\nplugins=keyfile\n" for i in range(5)}
    root = _root(tmp_path, files)
    for path in root.rglob("*.nm*"):
        path.chmod(0o600)
    host = build_host(classify(str(root)), release="el9")
    assert len(host.ifcfg_files) == 30  # ifcfg files first, then /run's entries, then /etc's
    candidates = host.nm.discovery.candidates
    assert len(candidates) == 20 and len(stats) == 20, (len(candidates), len(stats))
    assert sum(c.nmmeta_uuid is not None for c in candidates) == 15
    assert not any(c.rel.startswith("usr/lib/") for c in candidates)
    assert not any("/conf.d/" in c.rel for c in host.nm.discovery.config_files)  # past the limit too
    report = bondlint.lint(root, release="el9")
    bl000 = [f for f in report.findings if f.code == "BL000"]
    assert len(bl000) == 1 and "40 configuration files past bondlint's limit of 50" in bl000[0].message
    assert bl000[0].path == str(root)
