"""The rule registry: identities match the catalogue, and every rule documents itself.

Codes are public API (users write them in configs and suppressions), so the
built-in set is pinned against ../shared/RULES.md when it is present, and the
documentation shape that --explain and SARIF help print is checked for each.
"""

from __future__ import annotations

import re

import pytest

from bondlint.engine import CODE_RE, NAME_RE, registry
from bondlint.findings import Severity
from bondlint.host.releases import RELEASES
from tests.conftest import REPO

RULES_MD = REPO.parent / "shared" / "RULES.md"
BUILTIN = {code: r for code, r in registry().items() if r.origin == "builtin"}
SECTIONS = ("## What it checks", "## Why it matters", "## Example", "## Fix")
SEVERITY = {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}


def catalogue_rows() -> dict[str, tuple[str, str, bool]]:
    """code → (name, severity column, planned): a row whose name is followed by "(planned)"
    describes a rule not written yet."""
    if not RULES_MD.is_file():
        pytest.skip(f"rule catalogue not found at {RULES_MD} (it sits beside the repo in CI)")
    rows = re.findall(r"^\| (BL\d{3}) \| ([a-z0-9-]+)( \(planned\))? \| ([^|]+)\|", RULES_MD.read_text(), re.M)
    return {code: (name, sev.strip(), bool(planned)) for code, name, planned, sev in rows}


def catalogue() -> dict[str, tuple[str, str]]:
    """The rows a built-in rule must match: every row but a planned one whose rule does not exist yet."""
    return {code: (name, sev) for code, (name, sev, planned) in catalogue_rows().items()
            if not planned or code in BUILTIN}


def test_builtin_codes_and_names_are_exactly_the_catalogue() -> None:
    cat = catalogue()
    assert sorted(BUILTIN) == sorted(cat)
    assert {c: r.name for c, r in BUILTIN.items()} == {c: n for c, (n, _) in cat.items()}


def test_planned_rows_are_optional_until_the_rule_exists() -> None:
    """A planned row without its rule is left out of the comparison; every other row is a rule."""
    rows = catalogue_rows()
    missing = sorted(c for c, (_, _, planned) in rows.items() if c not in BUILTIN and not planned)
    assert not missing, f"catalogue rows without a rule: {missing}"


def test_default_severity_is_a_catalogue_one() -> None:
    """Rules with two severities ("E for a bond master, W otherwise") default to one of them."""
    for code, (_, sev) in catalogue().items():
        letters = {SEVERITY[x] for x in re.findall(r"\b([EWI])\b", sev)}
        assert BUILTIN[code].severity in letters, code


def test_release_scoped_rules_match_the_catalogue_marks() -> None:
    for code, (_, sev) in catalogue().items():
        releases = BUILTIN[code].releases
        if sev.startswith(("E [5]", "W [5]")) and "otherwise" not in sev:
            assert releases == {"el5"}, code
        elif "[7+]" in sev and "W el6" in sev:
            assert releases == set(RELEASES[RELEASES.index("el6"):]), code
        elif "[6+]" in sev:
            assert releases == set(RELEASES[RELEASES.index("el6"):]), code


def test_identities_are_well_formed_and_unique() -> None:
    names = [r.name for r in registry().values()]
    assert len(names) == len(set(names))
    for code, r in registry().items():
        assert CODE_RE.match(code) and NAME_RE.match(r.name)
        assert r.scope in ("file", "host")


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_rule_documents_itself(code: str) -> None:
    doc = BUILTIN[code].doc
    assert BUILTIN[code].summary.endswith("."), "the first line is a one-sentence summary"
    positions = [doc.find(s) for s in SECTIONS]
    assert all(p >= 0 for p in positions), f"missing one of {SECTIONS}"
    assert positions == sorted(positions), "sections out of order"
    example = doc[positions[2] : positions[3]]
    bad, good = example.find("```"), example.find("Use instead")
    assert 0 <= bad < good, "the example shows the bad config first, then 'Use instead:'"


@pytest.mark.parametrize("code", sorted(BUILTIN))
def test_fix_declaration_matches_the_documentation(code: str) -> None:
    """A rule with unsafe fixes says why in `## Fix safety`, after `## Fix`; no other rule has one."""
    from bondlint.fixing import Availability

    r = BUILTIN[code]
    doc = r.doc
    safety = doc.find("## Fix safety")
    if r.unsafe_fixes:
        assert r.fix is not Availability.NONE, "unsafe_fixes=True on a rule that declares no fix"
        assert safety > doc.find("## Fix\n") >= 0, "a rule with unsafe fixes needs a '## Fix safety' section after '## Fix'"
        assert doc[safety:].split("\n", 1)[1].strip(), "the '## Fix safety' section is empty"
    else:
        assert safety < 0, "'## Fix safety' documents unsafe fixes: declare unsafe_fixes=True or drop it"
    if r.fix is not Availability.NONE:
        fix_section = doc[doc.find("## Fix\n") : safety if safety >= 0 else None]
        assert "--fix" in fix_section, "a rule with a fix says in '## Fix' what `bondlint --fix` does"


def test_severity_by_release_is_declared_for_a_release_the_rule_applies_to() -> None:
    from bondlint.engine import rule

    def check(host):  # type: ignore[no-untyped-def]
        """Nothing."""
        return iter(())

    declared = rule("XX001", "some-rule", Severity.WARNING, severity_by_release={"el5": Severity.ERROR})(check)
    assert [declared.severity_on(r) for r in (None, "el5", "el7")] == [Severity.WARNING, Severity.ERROR, Severity.WARNING]
    with pytest.raises(ValueError, match="declares a severity for el5, a release it does not apply to"):
        rule("XX001", "some-rule", Severity.WARNING, releases={"el7"}, severity_by_release={"el5": Severity.ERROR})(check)
    with pytest.raises(ValueError, match="el4"):
        rule("XX001", "some-rule", Severity.WARNING, severity_by_release={"el4": Severity.ERROR})(check)
