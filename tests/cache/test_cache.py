"""The content cache: a hit replays exactly the findings a fresh audit gives, and only then.

Runs are the real CLI (in-process through ``cli.main``; a subprocess where the process is
the subject: imports, two runs at once). A miss is seen as ``runner.audit`` being called.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from bondlint import cache as cache_mod
from bondlint.atomic import is_temporary
from bondlint import cli, packs, runner
from bondlint.report import FORMATS
from tests.conftest import HOSTS, REPO
from tests.html_header import without_made

SEED = HOSTS / "seed-centos52-xen-8023ad"
SCRIPTS = "etc/sysconfig/network-scripts"
_GRANULARITY_NS = cache_mod.LOCAL_GRANULARITY_NS
HOST_FIXTURES = sorted(p for p in HOSTS.iterdir() if p.is_dir())


class Audits:
    """Counts the audits really run (the misses)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = runner.audit

        def counting(*args, **kwargs):
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(runner, "audit", counting)

    def take(self) -> int:
        n, self.count = self.count, 0
        return n


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test just before a run would be racy (verified by content, directories
    re-audited): the window is taken down to the entry's own stamp (a file changed after the
    audit began is still racy). A subprocess keeps the window: such tests wait it out (``settle``)."""
    monkeypatch.setattr(cache_mod, "LOCAL_GRANULARITY_NS", 0)


def settle() -> None:
    """Wait out the racy window of what the test just wrote (for a run in a subprocess)."""
    import time

    time.sleep(_GRANULARITY_NS / 1e9 * 1.5)


@pytest.fixture
def audits(monkeypatch: pytest.MonkeyPatch) -> Audits:
    return Audits(monkeypatch)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def host(tmp_path: Path) -> Path:
    dest = tmp_path / "web1"
    shutil.copytree(SEED, dest, symlinks=True)
    return dest


def lint(capsys: pytest.CaptureFixture[str], cache_dir: Path | None, *args: str) -> tuple[int, str]:
    cached = ["--cache-dir", str(cache_dir)] if cache_dir is not None else ["--no-cache"]
    code = cli.main(["--jobs", "1", "--format", "json", *cached, *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out


def logs(cache_dir: Path) -> list[Path]:
    """The record logs (one per settings digest)."""
    return sorted((cache_dir / f"v{cache_mod.SCHEMA}").glob("*.log"))


def read_log(log: Path) -> tuple[bytes, dict[str, bytes]]:
    """A log's header line and its records (key → payload, the last of a key winning), parsed here
    independently of ``bondlint.cachelog``."""
    header, _, rest = log.read_bytes().partition(b"\n")
    records: dict[str, bytes] = {}
    position = 0
    while position < len(rest):
        newline = rest.index(b"\n", position)
        tag, key, length, crc = rest[position:newline].split(b" ")
        payload = rest[newline + 1 : newline + 1 + int(length)]
        assert tag == b"R"
        if zlib.crc32(payload) == int(crc, 16):  # a damaged one is only dead bytes
            records[key.decode()] = payload
        position = newline + 1 + int(length) + 1
    return header + b"\n", records


def write_log(log: Path, header: bytes, records: dict[str, bytes]) -> None:
    log.write_bytes(header + b"".join(b"R %s %d %08x\n%s\n" % (k.encode(), len(p), zlib.crc32(p), p) for k, p in records.items()))


def entries(cache_dir: Path) -> list[str]:
    """The roots recorded in the cache."""
    return sorted(json.loads(payload)["path"] for log in logs(cache_dir) for payload in read_log(log)[1].values())


# --- a hit is the same output ------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_fixture_byte_identical_with_and_without_the_cache(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, audits: Audits, fmt: str
) -> None:
    roots = [str(p) for p in HOST_FIXTURES]
    fresh = lint(capsys, None, "--format", fmt, *roots)
    audits.take()
    cold = lint(capsys, cache_dir, "--format", fmt, *roots)
    assert audits.take() == len(roots)
    warm = lint(capsys, cache_dir, "--format", fmt, *roots)
    assert audits.take() == 0, "the second run was not answered from the cache"
    if fmt == "html":  # the page says when and with which command line it was made
        fresh, cold, warm = ((code, without_made(page)) for code, page in (fresh, cold, warm))
    assert fresh == cold == warm


def test_hit_with_jobs_is_identical(capsys: pytest.CaptureFixture[str], cache_dir: Path) -> None:
    roots = [str(p) for p in HOST_FIXTURES[:40]]
    fresh = lint(capsys, None, *roots)
    lint(capsys, cache_dir, "--jobs", "2", *roots)
    assert lint(capsys, cache_dir, "--jobs", "2", *roots) == fresh


#: What a run answered from the cache never imports: the parsers (lark and the generated
#: scanners), the rules, the host model and its converter. The model package's release table
#: (data: which releases exist, what ``--release`` and the config accept) is the one exception.
ON_A_HIT = ("bondlint.model", "bondlint.model.release")
NOT_ON_A_HIT = (
    "lark", "bondlint.rules", "bondlint.model", "bondlint.host.build", "bondlint.host.model",
    "bondlint.host.facts", "bondlint.rule_api", "bondlint.syntax.shellvars", "bondlint.syntax.modprobe",
    "bondlint.syntax.keyfile", "bondlint.syntax.sxp", "bondlint.syntax.bonding", "bondlint.syntax._generated",
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_hit_imports_neither_lark_nor_the_rules_nor_the_model(tmp_path: Path, host: Path, cache_dir: Path, fmt: str) -> None:
    probe = (
        "import sys\n"
        "from bondlint.cli import main\n"
        f"code = main(['--format', {fmt!r}, '--cache-dir', {str(cache_dir)!r}, {str(host)!r}])\n"
        f"loaded = sorted(m for m in sys.modules if m not in {ON_A_HIT!r} and (m.split('.')[0] == 'lark' or any(m == n or m.startswith(n + '.') for n in {NOT_ON_A_HIT!r})))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    env = {**os.environ, "NO_COLOR": "1"}
    settle()
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path)
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert "bondlint.rules" in first.stderr and "bondlint.host.build" in first.stderr  # a miss parses and runs rules
    assert "LOADED []" in second.stderr, second.stderr
    if fmt == "html":  # the page says when it was made
        first_out, second_out = without_made(first.stdout), without_made(second.stdout)
    else:
        first_out, second_out = first.stdout, second.stdout
    assert first_out == second_out


# --- invalidation, by each part of the key -----------------------------------------------


def _bond0(host: Path) -> Path:
    return host / SCRIPTS / "ifcfg-bond0"


FILE_CHANGES = {
    "same size and mtime, other bytes": lambda h: _same_stat_rewrite(_bond0(h)),
    "a file appears": lambda h: (h / SCRIPTS / "ifcfg-eth9").write_text("DEVICE=eth9\nMASTER=bond7\nSLAVE=yes\n"),
    "a file disappears": lambda h: (h / SCRIPTS / "ifcfg-eth1").unlink(),
    "an absent file appears (sysconfig/network)": lambda h: _toggle_network(h),
    "mode": lambda h: _bond0(h).chmod(0o600),
    "a file becomes a directory": lambda h: _replace_with_dir(h / SCRIPTS / "ifcfg-eth1"),
    "a file becomes a symlink": lambda h: _replace_with_link(h / SCRIPTS / "ifcfg-eth1", "ifcfg-eth0"),
    "a symlink is retargeted": lambda h: _retarget(h),
    "a directory becomes a symlink": lambda h: _dir_to_link(h),
    "the root's etc/ disappears": lambda h: shutil.rmtree(h / "etc"),
    "the root becomes a symlink to another tree": lambda h: _root_to_link(h),
}


def _root_to_link(host: Path) -> None:
    other = host.parent / "other-host"
    shutil.copytree(HOSTS / "example-broken-host", other)
    host.rename(host.parent / "web1-old")
    host.symlink_to(other)


def _same_stat_rewrite(path: Path) -> None:
    st = path.stat()
    text = path.read_text()
    path.write_text(text.replace("bond0", "bond9", 1))
    assert path.stat().st_size == st.st_size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _toggle_network(host: Path) -> None:
    network = host / "etc/sysconfig/network"
    if network.exists():
        network.unlink()
    else:
        network.write_text("NETWORKING=yes\n")


def _replace_with_dir(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _replace_with_link(path: Path, target: str) -> None:
    path.unlink()
    path.symlink_to(target)


def _retarget(host: Path) -> None:
    link = host / SCRIPTS / "ifcfg-eth1"
    if not link.is_symlink():  # first make it one, as the "before" state must already hold a link
        raise AssertionError("expected a symlink")
    link.unlink()
    link.symlink_to("ifcfg-bond0")


def _dir_to_link(host: Path) -> None:
    scripts = host / SCRIPTS
    scripts.rename(host / "etc/sysconfig/scripts-real")
    scripts.symlink_to("scripts-real")


@pytest.mark.parametrize("change", list(FILE_CHANGES))
def test_a_change_to_what_discovery_read_is_a_miss(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits, change: str
) -> None:
    if change == "a symlink is retargeted":
        _replace_with_link(host / SCRIPTS / "ifcfg-eth1", "ifcfg-eth0")
    lint(capsys, cache_dir, str(host))
    assert lint(capsys, cache_dir, str(host))[1] and audits.take() == 1  # stored, then a hit
    FILE_CHANGES[change](host)
    after = lint(capsys, cache_dir, str(host))
    assert audits.take() == 1, f"{change}: answered from the cache"
    assert after == lint(capsys, None, str(host))
    assert lint(capsys, cache_dir, str(host)) == after and audits.take() == 1  # the new state is cached


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_owner_change_is_a_miss(capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits) -> None:
    lint(capsys, cache_dir, str(host))
    lint(capsys, cache_dir, str(host))
    assert audits.take() == 1
    os.chown(_bond0(host), 65534, 65534)
    lint(capsys, cache_dir, str(host))
    assert audits.take() == 1


def test_unrelated_file_is_no_miss(capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits) -> None:
    """What discovery never looks at does not invalidate: beside etc/, or in a directory of etc/
    it never lists (a new name directly in etc/ does: discovery reads etc/'s listing)."""
    lint(capsys, cache_dir, str(host))
    (host / "etc/ssh").mkdir(exist_ok=True)
    (host / "etc/ssh/sshd_config").write_text("PermitRootLogin no\n")
    lint(capsys, cache_dir, str(host))
    assert audits.take() == 2  # etc/ gained "ssh"
    (host / "etc/ssh/ssh_config").write_text("Host *\n")
    (host / "README").write_text("notes\n")
    lint(capsys, cache_dir, str(host))
    assert audits.take() == 0


SETTING_CHANGES = {
    "selected rules": ("--select", "BL4"),
    "ignored rules": ("--ignore", "BL402"),
    "release option": ("--release", "el6"),
}


@pytest.mark.parametrize("change", list(SETTING_CHANGES))
def test_each_setting_is_part_of_the_key(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits, change: str
) -> None:
    lint(capsys, cache_dir, str(host))
    audits.take()
    args = SETTING_CHANGES[change]
    changed = lint(capsys, cache_dir, *args, str(host))
    assert audits.take() == 1
    assert changed == lint(capsys, None, *args, str(host))
    audits.take()
    lint(capsys, cache_dir, str(host))
    assert audits.take() == 0  # the first settings' entry is still there


def test_config_is_part_of_the_key(capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, tmp_path: Path, audits: Audits) -> None:
    config = tmp_path / "bondlint.toml"
    config.write_text('select = ["BL"]\n')
    lint(capsys, cache_dir, "--config", str(config), str(host))
    lint(capsys, cache_dir, "--config", str(config), str(host))
    assert audits.take() == 1
    config.write_text('select = ["BL"]\nper-path-ignores = { "etc/modprobe.conf" = ["BL402"] }\n')
    lint(capsys, cache_dir, "--config", str(config), str(host))
    assert audits.take() == 1


def test_bondlint_code_and_packs_are_part_of_the_key(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    lint(capsys, cache_dir, str(host))
    audits.take()
    real_own = packs.own_fingerprint
    monkeypatch.setattr(packs, "own_fingerprint", lambda: real_own() + "-another-version")
    lint(capsys, cache_dir, str(host))
    assert audits.take() == 1, "another bondlint (version or code) replayed this one's findings"
    meta = tmp_path / "site" / "nopack-1.0.dist-info"
    meta.mkdir(parents=True)
    (meta / "entry_points.txt").write_text("[bondlint.rules]\nnopack = bondlint.rules:RULES\n")
    fake = packs.Pack("nopack", "bondlint.rules:RULES", "nopack", str(meta))
    monkeypatch.setattr(packs, "third_party", lambda group=packs.GROUP: [fake])
    assert packs.fingerprint([fake]) != packs.fingerprint([])
    lint(capsys, cache_dir, str(host))
    assert audits.take() == 1, "a new rule pack replayed findings made without it"


def test_editing_bondlint_source_changes_its_fingerprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editable install keeps its version while its rules change: the fingerprint sees the files.

    Done on a copy of the package: touching the repository's own files would move their ctime and
    make bondlint's code racy for the cache tests that run next.
    """
    copy = tmp_path / "bondlint"
    shutil.copytree(REPO / "bondlint", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(packs, "_own_folders", lambda: [str(copy)])
    monkeypatch.setattr(packs, "RACY_NS", 0)  # no racy window: the stat data alone speaks for the files
    rules_file = copy / "rules.py"
    rules_file.write_text("RULES = []\n")
    before = packs.own_fingerprint()
    st = rules_file.stat()
    os.utime(rules_file, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert packs.own_fingerprint() != before
    os.utime(rules_file, ns=(st.st_atime_ns, st.st_mtime_ns))
    # the mtime put back does not make it the same code as far as the cache can tell (the ctime moved)
    assert packs.own_fingerprint() == packs.own_fingerprint() != before


# --- corrupt entries are misses, never errors -----------------------------------------------

def _payload(change):
    """A corruption of the record's payload, framed anew (its length and CRC right): the
    entry's own checks must refuse it."""

    def corrupt(log: Path) -> None:
        header, records = read_log(log)
        [key] = records
        write_log(log, header, {key: change(records[key])})

    return corrupt


def _edit(change):
    def edit(payload: bytes) -> bytes:
        doc = json.loads(payload)
        change(doc)
        return json.dumps(doc).encode()

    return _payload(edit)


def _header(change):
    def corrupt(log: Path) -> None:
        header, records = read_log(log)
        write_log(log, change(header), records)

    return corrupt


CORRUPTIONS = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "garbage": lambda p: p.write_bytes(os.urandom(4096)),
    "a byte flipped (CRC)": lambda p: p.write_bytes(p.read_bytes()[:-20] + bytes([p.read_bytes()[-20] ^ 1]) + p.read_bytes()[-19:]),
    "a record's length too long": lambda p: _longer(p),
    "payload garbage": _payload(lambda _: os.urandom(4096)),
    "payload not an object": _payload(lambda _: b"[1, 2, 3]"),
    "payload deeply nested": _payload(lambda _: b"[" * 100000 + b"]" * 100000),
    "another schema's header": _header(lambda h: h.replace(f" {cache_mod.SCHEMA} ".encode(), f" {cache_mod.SCHEMA + 1} ".encode())),
    "foreign format": _header(lambda h: b"something-else" + h[len(cache_mod.FORMAT):]),
    "another settings' header": _header(lambda h: h[:-5] + b"0000\n"),
    "wrong field types": _edit(lambda d: d["result"]["findings"].append({"code": 1})),
    "bad severity": _edit(lambda d: d["result"]["findings"][0].update(severity=99)),
    "bad span": _edit(lambda d: d["result"]["findings"][0].update(span=["x", "1"])),
    "bad recorded hostname": _edit(lambda d: d["result"].update(recorded=5)),
    "observations dropped": _edit(lambda d: d.update(observations="none")),
    "a symlink planted in its place": lambda p: _plant_symlink(p),
    "a directory in its place": lambda p: (p.unlink(), p.mkdir()),
    "a FIFO in its place": lambda p: (p.unlink(), os.mkfifo(p)),
}


def _longer(log: Path) -> None:
    """The record's length says more bytes than there are: a torn write."""
    header, _, rest = log.read_bytes().partition(b"\n")
    head, _, body = rest.partition(b"\n")
    tag, key, length, crc = head.split(b" ")
    log.write_bytes(header + b"\n" + b" ".join((tag, key, b"%d" % (int(length) + 10), crc)) + b"\n" + body)


def _plant_symlink(path: Path) -> None:
    """A valid log elsewhere, linked in: never followed."""
    elsewhere = path.parent.parent.parent / "planted.log"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_corrupt_entry_is_a_miss(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, tmp_path: Path, audits: Audits, corruption: str
) -> None:
    host = tmp_path / "broken"
    shutil.copytree(HOSTS / "example-broken-host", host)
    fresh = lint(capsys, None, str(host))
    lint(capsys, cache_dir, str(host))
    (log,) = logs(cache_dir)
    audits.take()
    CORRUPTIONS[corruption](log)
    assert lint(capsys, cache_dir, str(host)) == fresh
    assert audits.take() == 1
    if corruption not in ("a directory in its place", "a FIFO in its place", "a symlink planted in its place"):
        assert lint(capsys, cache_dir, str(host)) == fresh and audits.take() == 0  # stored again, readable
        assert entries(cache_dir) == [str(host)]


def test_an_entry_of_another_root_is_a_miss(capsys: pytest.CaptureFixture[str], cache_dir: Path, tmp_path: Path, audits: Audits) -> None:
    """An entry copied over another root's (same settings, another path) is never replayed."""
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(SEED, a)
    shutil.copytree(HOSTS / "example-broken-host", b)
    lint(capsys, cache_dir, str(a))
    lint(capsys, cache_dir, str(b))
    [log] = logs(cache_dir)
    header, records = read_log(log)
    key_a, key_b = sorted(records, key=lambda k: json.loads(records[k])["path"])
    records[key_b] = records[key_a]
    write_log(log, header, records)
    audits.take()
    assert lint(capsys, cache_dir, str(b)) == lint(capsys, None, str(b))
    assert audits.take() == 2


def test_a_corrupt_rule_catalogue_is_rebuilt(capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path) -> None:
    fresh = lint(capsys, None, "--format", "sarif", str(host))
    lint(capsys, cache_dir, str(host))
    (catalogue,) = (cache_dir / f"v{cache_mod.SCHEMA}").glob("rules-*.json")
    catalogue.write_text('{"format": "bondlint-cache", "schema": 1, "rules": [{"code": 5}]}')
    assert lint(capsys, cache_dir, "--format", "sarif", str(host)) == fresh
    assert json.loads(catalogue.read_text())["rules"][0]["code"] == "BL000"


# --- two runs at once ---------------------------------------------------------------------


def test_two_runs_sharing_a_cache_directory(tmp_path: Path, cache_dir: Path) -> None:
    roots = []
    for i, fixture in enumerate(HOST_FIXTURES[:30]):
        dest = tmp_path / "fleet" / f"h{i:02d}"
        shutil.copytree(fixture, dest, symlinks=True)
        roots.append(str(dest))
    args_file = tmp_path / "roots.txt"
    args_file.write_text("".join(r + "\n" for r in roots))
    base = [sys.executable, "-m", "bondlint", "--format", "json", f"@{args_file}"]
    env = {**os.environ, "NO_COLOR": "1"}
    expected = subprocess.run([*base, "--no-cache"], capture_output=True, text=True, env=env).stdout
    cached = [*base, "--cache-dir", str(cache_dir), "--jobs", "2"]
    both = [subprocess.Popen(cached, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in both]
    for out, err in outputs:
        assert out == expected
        assert "Traceback" not in err and "error" not in err
    assert subprocess.run(cached, capture_output=True, text=True, env=env).stdout == expected
    leftovers = [p for p in cache_dir.rglob("*") if is_temporary(p.name)]
    assert leftovers == []
    assert len(entries(cache_dir)) == len(roots)


# --- location and permissions ----------------------------------------------------------------


def test_default_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path / "home")}
    assert cache_mod.default_dir(env) == str(tmp_path / "home/.cache/bondlint")
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    assert cache_mod.default_dir(env) == str(tmp_path / "xdg/bondlint")
    env["XDG_CACHE_HOME"] = "relative/ignored"  # the XDG spec: a relative path is invalid
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_mod.default_dir(env) == str(tmp_path / "home/.cache/bondlint")
    env[cache_mod.ENV] = str(tmp_path / "explicit")
    assert cache_mod.default_dir(env) == str(tmp_path / "explicit")


def test_environment_and_option_move_it(host: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop(cache_mod.ENV)
    command = [sys.executable, "-m", "bondlint", "--format", "json", str(host)]
    subprocess.run(command, env=env, capture_output=True, check=False)
    assert list((tmp_path / "xdg/bondlint").rglob("*.json"))
    env[cache_mod.ENV] = str(tmp_path / "from-env")
    subprocess.run(command, env=env, capture_output=True, check=False)
    assert list((tmp_path / "from-env").rglob("*.json"))
    subprocess.run([*command, "--cache-dir", str(tmp_path / "from-option")], env=env, capture_output=True, check=False)
    assert list((tmp_path / "from-option").rglob("*.json"))
    assert not (tmp_path / "home").exists()


def test_created_private(capsys: pytest.CaptureFixture[str], host: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "new" / "cache"
    lint(capsys, cache_dir, str(host))
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    for entry in cache_dir.rglob("*"):
        mode = stat.S_IMODE(entry.stat().st_mode)
        assert mode & 0o077 == 0, f"{entry} is {oct(mode)}"
    cache_dir.chmod(0o755)
    lint(capsys, cache_dir, str(host))
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700


def test_a_symlinked_cache_directory_is_not_used(capsys: pytest.CaptureFixture[str], host: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere"
    real.mkdir()
    link = tmp_path / "cache"
    link.symlink_to(real)
    code, out = lint(capsys, link, str(host))
    assert out == lint(capsys, None, str(host))[1]
    assert list(real.iterdir()) == []


def test_an_unusable_cache_directory_is_one_warning(host: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    proc = subprocess.run(
        [sys.executable, "-m", "bondlint", "--format", "json", "--cache-dir", str(blocker / "cache"), str(host)],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.returncode == 0
    assert proc.stderr.count("\n") == 1 and "cache not used" in proc.stderr
    fresh = subprocess.run([sys.executable, "-m", "bondlint", "--format", "json", "--no-cache", str(host)], capture_output=True, text=True)
    assert proc.stdout == fresh.stdout


def test_never_inside_the_audited_configuration(capsys: pytest.CaptureFixture[str], host: Path, audits: Audits) -> None:
    for inside in (host / "etc" / ".cache", host / "proc" / "cache"):
        fresh = lint(capsys, None, str(host))
        assert lint(capsys, inside, str(host)) == fresh
        assert lint(capsys, inside, str(host)) == fresh
        audits.take()
        assert not entries(inside)
    lint(capsys, host / "etc" / ".cache", str(host / "etc"))
    assert not entries(host / "etc" / ".cache")


def test_no_cache_writes_nothing(capsys: pytest.CaptureFixture[str], host: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache_mod.ENV, str(tmp_path / "cache"))
    cli.main(["--format", "json", "--no-cache", str(host)])
    cli.main(["--format", "json", "--live", str(host)])
    capsys.readouterr()
    assert not (tmp_path / "cache").exists()
    cli.main(["--format", "json", str(host)])
    capsys.readouterr()
    assert (tmp_path / "cache").is_dir()


def test_library_lint_uses_no_cache(host: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bondlint

    monkeypatch.setenv(cache_mod.ENV, str(tmp_path / "cache"))
    bondlint.lint(str(host))
    assert not (tmp_path / "cache").exists()


def test_a_proc_bonding_tree_appearing_is_a_miss(capsys: pytest.CaptureFixture[str], cache_dir: Path, tmp_path: Path) -> None:
    """A directory that was no host tree becomes one when proc/net/bonding/ appears (a /proc-only sosreport)."""
    root = tmp_path / "sos"
    root.mkdir()
    before = lint(capsys, cache_dir, str(root))
    proc = root / "proc/net/bonding"
    proc.mkdir(parents=True)
    proc.joinpath("bond0").write_text(
        "Bonding Mode: load balancing (round-robin)\nMII Status: up\nMII Polling Interval (ms): 0\n"
    )
    after = lint(capsys, cache_dir, str(root))
    assert after == lint(capsys, None, str(root)) and after != before
    assert [f["code"] for f in json.loads(after[1])["findings"]] == ["BL815"]


def test_a_checkout_appearing_above_a_keyfile_root_is_a_miss(tmp_path, capsys, cache_dir, audits) -> None:
    """BL703 depends on whether the tree is a version-control checkout (its modes are then the
    checkout's): a .git above the root changes the findings, so the cache must see it."""
    web1 = tmp_path / "repo" / "web1"
    shutil.copytree(HOSTS / "el9-keyfile-seed", web1)
    for f in (web1 / "etc/NetworkManager/system-connections").iterdir():
        f.chmod(0o644)
    codes = lambda out: [(f["code"], f["severity"]) for f in json.loads(out)["findings"]]  # noqa: E731
    _, out = lint(capsys, cache_dir, str(web1))
    assert set(codes(out)) == {("BL703", "error")} and audits.take() == 1
    _, out = lint(capsys, cache_dir, str(web1))
    assert set(codes(out)) == {("BL703", "error")} and audits.take() == 0  # a hit
    (tmp_path / "repo" / ".git").mkdir()
    _, out = lint(capsys, cache_dir, str(web1))
    assert codes(out) == [("BL703", "info")] and audits.take() == 1
# --- housekeeping: a killed run's temporaries, old settings' entries --------------------------


def _age(path: Path, seconds: float) -> None:
    then = path.stat().st_mtime - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_killed_runs_temporary_goes_and_a_live_ones_stays(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, tmp_path: Path
) -> None:
    lint(capsys, cache_dir, str(host))
    entry = logs(cache_dir)[0]
    stale = entry.parent / f".{entry.name}.4242-0123456789ab.tmp"
    fresh = entry.parent / f".{entry.name}.4243-0123456789ab.tmp"
    stale.write_bytes(b'{"half": ')
    fresh.write_bytes(b'{"half": ')
    _age(stale, cache_mod.STALE_TEMP_AGE + 60)
    outside = tmp_path / "not-ours.tmp"
    outside.write_text("keep")
    planted = entry.parent / ".planted.1-2.tmp"
    planted.symlink_to(outside)
    _age(planted, cache_mod.STALE_TEMP_AGE + 60)
    (cache_dir / ".housekeeping").unlink()  # as if the last round were long ago
    code, _ = lint(capsys, cache_dir, str(host))
    assert code in (0, 1)
    assert not stale.exists() and fresh.exists()
    assert planted.is_symlink() and outside.read_text() == "keep"  # not a regular file of ours: left alone
    assert logs(cache_dir) == [entry] and entries(cache_dir) == [str(host)]


def test_housekeeping_runs_at_most_once_per_interval(cache_dir: Path) -> None:
    shard = cache_dir / f"v{cache_mod.SCHEMA}" / "ab"
    shard.mkdir(parents=True)
    stale = shard / ".ab.json.1-2.tmp"
    stale.write_bytes(b"")
    _age(stale, cache_mod.STALE_TEMP_AGE + 60)
    assert cache_mod.housekeep(str(cache_dir)) == 1
    stale.write_bytes(b"")
    _age(stale, cache_mod.STALE_TEMP_AGE + 60)
    assert cache_mod.housekeep(str(cache_dir)) == 0  # the stamp is fresh
    assert stale.exists()
    assert cache_mod.housekeep(str(cache_dir), force=True) == 1


def _fake_entries(cache_dir: Path, n: int, size: int = 10) -> list[Path]:
    made = []
    for i in range(n):
        shard = cache_dir / f"v{cache_mod.SCHEMA}" / f"{i % 4:02x}"
        shard.mkdir(parents=True, exist_ok=True)
        path = shard / f"{i:064x}.json"
        path.write_bytes(b"x" * size)
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # entry i is the i-th oldest
        made.append(path)
    return made


def test_entries_beyond_the_bound_are_pruned_oldest_first(cache_dir: Path) -> None:
    made = _fake_entries(cache_dir, 40)
    other = cache_dir / "notes.json"  # not in a version folder: not ours to prune
    other.write_text("{}")
    assert cache_mod.housekeep(str(cache_dir), force=True, max_entries=20) == 25
    assert sorted(p for p in made if p.exists()) == sorted(made[25:])  # 3/4 of the bound remain, the newest
    assert other.exists()
    assert cache_mod.housekeep(str(cache_dir), force=True, max_entries=20) == 0


def test_entries_beyond_the_size_bound_are_pruned(cache_dir: Path) -> None:
    made = _fake_entries(cache_dir, 10, size=100)
    assert cache_mod.housekeep(str(cache_dir), force=True, max_bytes=500) == 7
    assert [p.exists() for p in made] == [False] * 7 + [True] * 3


def test_a_pruned_entry_is_a_miss_then_stored_again(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits
) -> None:
    first = lint(capsys, cache_dir, str(host))
    assert audits.take() == 1
    for path in logs(cache_dir):
        _age(path, 3600)
    cache_mod.housekeep(str(cache_dir), force=True, max_entries=0)
    assert entries(cache_dir) == []
    assert lint(capsys, cache_dir, str(host)) == first
    assert audits.take() == 1 and len(entries(cache_dir)) == 1


def test_two_housekeepers_at_once(cache_dir: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    made = _fake_entries(cache_dir, 200)
    with ThreadPoolExecutor(4) as pool:
        removed = list(pool.map(lambda _: cache_mod.housekeep(str(cache_dir), force=True, max_entries=100), range(4)))
    assert sum(removed) >= 125  # each file removed once, by whichever came first
    assert sorted(p for p in made if p.exists()) == sorted(made[125:])


# --- metadata keys: git's racy-file rule, NetworkManager's links ---------------------------


def _keyfile_host(tmp_path: Path) -> Path:
    root = tmp_path / "nm1"
    shutil.copytree(HOSTS / "el9-keyfile-seed", root, symlinks=True)
    return root


NM_DIR = "etc/NetworkManager/system-connections"


def _tombstone_uuid(root: Path) -> str:
    text = next((root / NM_DIR).glob("*.nmconnection")).read_text()
    return next(line.split("=", 1)[1].strip() for line in text.splitlines() if line.startswith("uuid="))


@pytest.mark.parametrize("verify", ["metadata", "content"])
@pytest.mark.parametrize("change", ["a tombstone is retargeted", "a keyfile becomes a symlink"])
def test_networkmanager_links_changing_are_a_miss(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, tmp_path: Path, audits: Audits, change: str, verify: str
) -> None:
    """What NetworkManager reads of a link (a .nmmeta's target, a keyfile being a link) is not
    in the names of a listing nor in a file's bytes: the directory's stat data carry it, and the
    link's own target and stat data are observed for content mode (no stat data trusted there)."""
    root = _keyfile_host(tmp_path)
    nmmeta = root / NM_DIR / f"{_tombstone_uuid(root)}.nmmeta"
    if change == "a tombstone is retargeted":
        nmmeta.symlink_to("/etc/hostname")  # not a tombstone: the profile stays
    lint(capsys, cache_dir, "--cache-verify", verify, str(root))
    before = lint(capsys, cache_dir, "--cache-verify", verify, str(root))
    assert audits.take() == 1
    if change == "a tombstone is retargeted":
        nmmeta.unlink()
        nmmeta.symlink_to("/dev/null")  # a tombstone now: the profile is deleted
    else:
        keyfile = next((root / NM_DIR).glob("*.nmconnection"))
        real = root / "etc" / keyfile.name
        keyfile.rename(real)
        keyfile.symlink_to(os.path.relpath(real, keyfile.parent))
    after = lint(capsys, cache_dir, "--cache-verify", verify, str(root))
    assert audits.take() == 1, f"{change}: answered from the cache"
    assert after == lint(capsys, None, str(root))


def _entry(cache_dir: Path) -> tuple[Path, dict]:
    """The one log and its one record."""
    [log] = logs(cache_dir)
    [payload] = read_log(log)[1].values()
    return log, json.loads(payload)


def _store(log: Path, doc: dict) -> None:
    """Replace the log's one record with ``doc``."""
    header, records = read_log(log)
    [key] = records
    write_log(log, header, {key: json.dumps(doc).encode()})


def _key_as_now(doc: dict, rel: str) -> None:
    """Make the entry's metadata key of ``rel`` what the file's stat data are now: a same-tick
    edit, which leaves size, mtime and ctime as they were, looks just so."""
    from bondlint.source import Replayer

    replayer = Replayer()
    for item in doc["observations"]:
        if item[0] == "read" and item[2] == rel:
            item[4] = replayer.meta("read", item[1], rel)
            break
    else:
        raise AssertionError(f"{rel} not observed")


def test_an_edit_within_the_racy_window_is_verified_by_content(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits
) -> None:
    lint(capsys, cache_dir, str(host))
    path, doc = _entry(cache_dir)
    _same_stat_rewrite(_bond0(host))
    _key_as_now(doc, f"{SCRIPTS}/ifcfg-bond0")  # the stat data as recorded, the bytes not
    _store(path, doc)  # the entry's stamp is older than the edit: racy
    after = lint(capsys, cache_dir, str(host))
    assert audits.take() == 2, "an edit within the racy window was answered from the cache"
    assert after == lint(capsys, None, str(host))


def test_settled_stat_data_are_trusted_unread_and_content_mode_reads(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside the racy window, matching stat data are the whole check (no file of the root is
    opened); --cache-verify=content reads and compares every file whatever its stat data."""
    from bondlint import source

    lint(capsys, cache_dir, str(host))
    path, doc = _entry(cache_dir)
    _same_stat_rewrite(_bond0(host))
    _key_as_now(doc, f"{SCRIPTS}/ifcfg-bond0")  # what only a same-tick edit could give
    doc["stamp"] = time.time_ns() + 1  # as if the entry were written after the edit: settled
    _store(path, doc)
    assert audits.take() == 1

    def no_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was read on a metadata hit")

    with monkeypatch.context() as m:
        m.setattr(source.Root, "_read", no_read)
        code, _ = lint(capsys, cache_dir, "--cache-verify", "metadata", str(host))
    assert code in (0, 1) and audits.take() == 0
    after = lint(capsys, cache_dir, "--cache-verify", "content", str(host))
    assert audits.take() == 1, "content mode replayed an entry whose bytes changed"
    assert after == lint(capsys, None, str(host))


def test_a_touched_file_is_verified_by_content_and_the_entry_rekeyed(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bondlint import source

    before = lint(capsys, cache_dir, str(host))
    os.utime(_bond0(host))  # new mtime and ctime, same bytes
    assert lint(capsys, cache_dir, str(host)) == before and audits.take() == 1  # a hit, by content
    cache_mod.flush()

    def no_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("a file was read although the entry was rekeyed")

    monkeypatch.setattr(source.Root, "_read", no_read)
    assert lint(capsys, cache_dir, str(host)) == before and audits.take() == 0
    assert before[0] in (0, 1)


def test_an_entry_of_the_old_schema_is_a_miss(
    capsys: pytest.CaptureFixture[str], cache_dir: Path, host: Path, audits: Audits
) -> None:
    lint(capsys, cache_dir, str(host))
    path, doc = _entry(cache_dir)
    doc["schema"] = cache_mod.SCHEMA - 1
    for item in doc["observations"]:
        del item[4]  # schema 2's four fields
    _store(path, doc)
    lint(capsys, cache_dir, str(host))
    assert audits.take() == 2


def test_network_fuse_and_overlay_file_systems_are_verified_by_content(monkeypatch: pytest.MonkeyPatch) -> None:
    mounts = (("/srv/nfs", "nfs4"), ("/mnt/fuse", "fuse.sshfs"), ("/var/lib/docker/o", "overlay"), ("/", "ext4"))
    monkeypatch.setattr(cache_mod, "_mounts", lambda: mounts)
    cache_mod._fstype.cache_clear()
    try:
        assert cache_mod._content_mode("/srv/nfs/host1")
        assert cache_mod._content_mode("/mnt/fuse/x")
        assert cache_mod._content_mode("/var/lib/docker/o/etc")
        assert not cache_mod._content_mode("/srv/nfs-local/host1")  # a prefix of the name is not the mount
        monkeypatch.setattr(cache_mod, "_mounts", lambda: None)  # mountinfo unreadable: content
        cache_mod._fstype.cache_clear()
        assert cache_mod._content_mode("/srv/local")
    finally:
        cache_mod._fstype.cache_clear()


def test_a_same_size_edit_of_bondlint_with_its_mtime_put_back_changes_the_fingerprint(tmp_path: Path) -> None:
    """``cp -p``, ``rsync -t``, an untar put the mtime back: the ctime still moves."""
    copy = tmp_path / "rules.py"
    copy.write_text("RULES = {'a': 1}\n")
    st = copy.stat()
    before = packs._stat_line(str(copy))
    copy.write_text("RULES = {'b': 1}\n")
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert copy.stat().st_size == st.st_size and copy.stat().st_mtime_ns == st.st_mtime_ns
    assert packs._stat_line(str(copy)) != before


def test_a_packs_modules_outside_its_package_are_keyed_through_record(tmp_path: Path) -> None:
    """A pack whose rules import another top-level module of its distribution: RECORD lists it."""
    site = tmp_path / "site"
    meta = site / "mypack-1.0.dist-info"
    meta.mkdir(parents=True)
    (site / "mypack").mkdir()
    (site / "mypack" / "__init__.py").write_text("from mypack_helpers import RULES\n")
    helpers = site / "mypack_helpers.py"
    helpers.write_text("RULES = {}\n")
    (meta / "entry_points.txt").write_text("[bondlint.rules]\nmypack = mypack:RULES\n")
    (meta / "RECORD").write_text("mypack/__init__.py,sha256=x,1\nmypack_helpers.py,sha256=y,2\nmypack-1.0.dist-info/RECORD,,\n")
    pack = packs.Pack("mypack", "mypack:RULES", "mypack", str(meta))
    before = packs.fingerprint([pack])
    helpers.write_text("RULES = {1: 2}\n")
    assert packs.fingerprint([pack]) != before


def test_an_editable_packs_files_are_found_through_its_import_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, source_tree = tmp_path / "site", tmp_path / "src"
    meta = site / "edpack-1.0.dist-info"
    meta.mkdir(parents=True)
    (source_tree / "edpack").mkdir(parents=True)
    rules = source_tree / "edpack" / "rules.py"
    (source_tree / "edpack" / "__init__.py").write_text("")
    rules.write_text("RULES = {}\n")
    (meta / "entry_points.txt").write_text("[bondlint.rules]\nedpack = edpack.rules:RULES\n")
    (meta / "direct_url.json").write_text('{"url": "file:///src", "dir_info": {"editable": true}}')
    monkeypatch.syspath_prepend(str(source_tree))  # what the editable finder or .pth gives
    pack = packs.Pack("edpack", "edpack.rules:RULES", "edpack", str(meta))
    assert str(rules) in packs._stat_targets(str(meta), "edpack")
    before = packs.fingerprint([pack])
    rules.write_text("RULES = {'x': 1}\n")
    assert packs.fingerprint([pack]) != before


def test_housekeeping_removes_entries_of_another_schema(cache_dir: Path) -> None:
    old = cache_dir / f"v{cache_mod.SCHEMA - 1}" / "ab" / ("ab" + "0" * 62 + ".json")
    old.parent.mkdir(parents=True)
    old.write_text("{}")
    current = _fake_entries(cache_dir, 1)
    cache_mod.housekeep(str(cache_dir), force=True)
    assert not old.exists() and all(p.exists() for p in current)


# --- the cache directory: never in a root, never through another user's link ---------------


def test_a_cache_directory_anywhere_in_the_root_is_refused_with_a_note(host: Path) -> None:
    inside = host / "var" / "cache" / "bondlint"
    proc = subprocess.run(
        [sys.executable, "-m", "bondlint", "--format", "json", "--cache-dir", str(inside), str(host)],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
    )
    fresh = subprocess.run([sys.executable, "-m", "bondlint", "--format", "json", "--no-cache", str(host)], capture_output=True, text=True)
    assert proc.stdout == fresh.stdout and proc.returncode == fresh.returncode
    assert proc.stderr.count("\n") == 1 and "is inside it" in proc.stderr
    assert not entries(inside)


def test_a_symlink_in_a_directory_others_can_write_is_refused(capsys: pytest.CaptureFixture[str], host: Path, tmp_path: Path) -> None:
    shared = tmp_path / "x"
    shared.mkdir()
    shared.chmod(0o777)  # world-writable, not sticky: anyone could have planted the link
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (shared / "cache").symlink_to(elsewhere)
    code, out = lint(capsys, shared / "cache" / "bondlint", str(host))
    assert out == lint(capsys, None, str(host))[1]
    assert list(elsewhere.iterdir()) == []
    assert cache_mod.open_cache(str(shared / "cache" / "bondlint")) is None
    assert "others can write to" in capsys.readouterr().err


def test_an_owners_symlink_in_a_private_directory_is_followed(capsys: pytest.CaptureFixture[str], host: Path, tmp_path: Path, audits: Audits) -> None:
    home, data = tmp_path / "home", tmp_path / "data"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    data.mkdir()
    (home / ".cache").symlink_to(data)  # ~/.cache linked to /data by its owner
    lint(capsys, home / ".cache" / "bondlint", str(host))
    lint(capsys, home / ".cache" / "bondlint", str(host))
    assert audits.take() == 1 and entries(data / "bondlint")


@pytest.mark.skipif(os.geteuid() != 0, reason="a directory of another user needs root to make")
def test_a_cache_directory_of_another_user_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)
    assert cache_mod.open_cache(str(theirs)) is None
    assert "belongs to another user" in capsys.readouterr().err
    os.chown(theirs, 0, 0)
    theirs.chmod(0o755)
    link = tmp_path / "link"
    link.symlink_to(theirs)
    os.chown(link, 65534, 65534, follow_symlinks=False)  # another user's link, even in a private folder
    assert cache_mod.open_cache(str(link / "sub")) is None
    assert "symlink of another user" in capsys.readouterr().err


def test_a_symlink_at_the_level_bondlint_creates_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "cache").symlink_to(elsewhere)
    assert cache_mod.open_cache(str(tmp_path / "cache")) is None
    assert "a symlink is not followed" in capsys.readouterr().err
