"""What the release's bonding driver makes of one option word (bondopts.reading → BondOption.reading):
the facts BL301/BL302 read instead of the driver's tables."""

from __future__ import annotations

import pytest

from bondlint.host import bondopts
from bondlint.syntax.span import whole_file_span


def read(word: str, release: str | None, source: str = "BONDING_OPTS"):
    return bondopts.reading(bondopts.make_option(word, whole_file_span("x"), source, 0), release)


@pytest.mark.parametrize(
    ("word", "release", "known", "other_release", "respelled", "meant"),
    [
        ("miimon=100", "el5", True, False, None, None),
        ("ad_select=count", "el5", False, True, None, None),  # RHEL 6's option, not a typo on RHEL 5
        ("ad_select=count", "el6", True, False, None, None),
        ("lacp-rate=fast", "el7", False, False, "lacp_rate", "lacp_rate"),
        ("mimon=100", "el7", False, False, None, "miimon"),
        ("mimon=100", None, False, False, None, "miimon"),  # an unknown release knows every option
        ("max_bonds=2", "el7", False, False, None, None),  # a module parameter: no sysfs file
    ],
)
def test_names(word: str, release: str | None, known: bool, other_release: bool, respelled: str | None,
               meant: str | None) -> None:
    r = read(word, release)
    assert (r.known, r.other_release, r.respelled, r.meant) == (known, other_release, respelled, meant)


def test_the_nearest_names_are_the_releases() -> None:
    assert read("mimon=1", "el7").nearest == ("miimon",)
    assert read("ad_selectt=1", "el5").nearest == ()  # ad_select is no RHEL 5 option


@pytest.mark.parametrize(
    ("word", "release", "source", "invalid", "lower_case"),
    [
        ("mode=Active-Backup", "el7", "BONDING_OPTS", True, "active-backup"),
        ("mode=active-backup", "el7", "BONDING_OPTS", False, None),
        ("xmit_hash_policy=vlan+srcmac", "el7", "BONDING_OPTS", True, None),  # from RHEL 8's driver on
        ("xmit_hash_policy=vlan+srcmac", "el8", "BONDING_OPTS", False, None),
        ('mode="1"', "el5", "modprobe", False, None),  # the kernel's parameter parser drops the quotes
        ('mode="Broadcast"', "el5", "modprobe", True, None),  # quoted: no lower-case rewrite of the value
        ("miimon", "el7", "BONDING_OPTS", False, None),  # no '=': BL317's, no value to judge
    ],
)
def test_values(word: str, release: str, source: str, invalid: bool, lower_case: str | None) -> None:
    r = read(word, release, source)
    assert (r.invalid is not None, r.lower_case) == (invalid, lower_case)
