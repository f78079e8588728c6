"""The package's shape: short reprs, tidy frames, library errors that name fields (not
command-line flags), a clear error for a year before the first election, and the data
build's check of its sources' hashes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import electoral
from electoral.analysis.report import inversions
from electoral.analysis.scenario import Scenario, run
from electoral.cli import app
from electoral.errors import DataError, RuleError
from electoral.rules.objections import Objection

runner = CliRunner()
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def test_election_before_1789_is_one_error_line() -> None:
    r = runner.invoke(app, ["election", "1700"])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [
        "error: no presidential election before 1789: 1700"  # U.S. Const. art. II; 1788-89
    ]
    with pytest.raises(RuleError):
        electoral.election(1700)


def test_repr_is_a_few_lines() -> None:
    text = repr(electoral.election(2016))
    assert 3 <= len(text.splitlines()) <= 8 and len(text) < 1000
    # 2016: Trump 304, Clinton 227 as cast (Congressional Record, Jan. 6, 2017)
    assert "Donald Trump 304, Hillary Clinton 227" in text


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: Objection.parse("PA:because"), "objection"),
        (lambda: electoral.Faithless.parse("TX:Trump"), "faithless"),
        (lambda: run(Scenario(2020, flips={"XX": "Trump"})), "flip"),
        (lambda: run(Scenario(2020, toward="Nobody")), "toward"),
    ],
)
def test_library_errors_name_the_field_not_the_flag(call: object, field: str) -> None:
    with pytest.raises(DataError) as info:
        call()  # type: ignore[operator]
    assert info.value.field == field and info.value.file is None
    assert "--" not in str(info.value)


def test_the_cli_still_names_the_flag() -> None:
    r = runner.invoke(app, ["election", "2020", "--objection", "PA:because"])
    assert r.exit_code == 2
    assert r.stderr.startswith("error: --objection, field 'objection': ")


def test_frames_are_tidy() -> None:
    f = electoral.election(2016).to_frame()
    assert not f.astype(str).apply(lambda c: c.str.contains("; ")).any().any()
    # 2016: Texas's 38 electors cast 36 for Trump, 1 for Kasich, 1 for Paul (NARA 2016).
    tx = f[f.state == "TX"].set_index("candidate").electoral_votes.to_dict()
    assert tx == {"Donald Trump": 36, "John Kasich": 1, "Ron Paul": 1}
    frame = inversions().to_frame()
    assert set(frame.columns) >= {"year", "candidate", "national_votes", "inversion"}


def test_a_changed_source_stops_the_build(tmp_path: Path) -> None:
    sys.path.insert(0, str(SCRIPTS))
    try:
        import _build
    finally:
        sys.path.remove(str(SCRIPTS))
    source = tmp_path / "census" / "apportionment_acts.csv"
    source.parent.mkdir()
    source.write_text("census,seats\n")
    args = _build.arguments("test").parse_args(["--out", str(tmp_path / "out")])
    _build.start(args, "APPORTIONMENT_PROVENANCE.md")
    with pytest.raises(_build.SourceChanged, match=r"census/apportionment_acts\.csv"):
        _build.sha(source)
    args = _build.arguments("test").parse_args(["--out", str(tmp_path), "--update-sources"])
    _build.start(args, "APPORTIONMENT_PROVENANCE.md")
    assert len(_build.sha(source)) == 16


def test_every_analysis_result_has_a_frame() -> None:
    from electoral.analysis import analyze
    from electoral.rules.calendar import calendar
    from electoral.rules.census_report import report

    a = analyze(2020)
    scen = run(Scenario(2020, tossups=("GA", "AZ", "PA")))
    assert scen.paths is not None
    frames = {
        "analysis": a.to_frame(),
        "min_share": a.min_share.to_frame(),
        "tipping": a.tipping.to_frame(),
        "system": a.systems["proportional"].to_frame(),
        "scenario": scen.to_frame(),
        "paths": scen.paths.to_frame(),
        "calendar": calendar(2024).to_frame(),
        "census": report(2020).to_frame(),
        "count": a.tally.president.to_frame(),
    }
    for name, f in frames.items():
        assert len(f) > 0, name
    # 2020 census: 435 seats among the 50 states (Census Bureau, April 26, 2021).
    assert int(frames["census"].seats.sum()) == 435 and len(frames["census"]) == 50
    # 2020: Biden 306, Trump 232 pledged by the returns (NARA 2020).
    count = frames["count"].set_index("candidate").electoral_votes.to_dict()
    assert count == {"Joe Biden": 306, "Donald Trump": 232}
    # the three tossups' 47 electors (PA 20, GA 16, AZ 11: 2010 census) are marked
    tossups = frames["scenario"].drop_duplicates("state")
    assert int(tossups[tossups.tossup].electors.sum()) == 47


def test_timeline_frame_and_repr() -> None:
    from electoral.confirmation.stages import timeline

    t = timeline(2020)
    frame = t.to_frame()
    # 2020: 51 jurisdictions appointed 538 electors (NARA 2020 certificates of ascertainment)
    assert len(frame) == 51 and int(frame.electors.sum()) == 538
    assert len(repr(t).splitlines()) == 1
