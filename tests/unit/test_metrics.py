"""Metrics on the hand-made four-village fixture (tests/metrics_fixture.py).

Every expected number is worked out by hand in the comments next to it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from data_loaders.store.importer import check_path
from data_loaders.store.store import ensure_schema, open_read_only
from metrics import income, monitoring, networks, progress, trainers
from metrics.indicators import catalogue, compute, is_met
from metrics.privacy import mask_name, mask_national_id, mask_phone
from metrics.scope import Scope
from metrics.settings import MetricSettings
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, C, D

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)  # after every plan's due date
CUT = dt.date(2017, 5, 15)  # the as-of cut used below


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("metrics")
    path = folder / "metrics.duckdb"
    result = check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return path


@pytest.fixture
def con(db):
    connection = open_read_only(db)
    yield connection
    connection.close()


def by_id(values):
    return {v.id: v for v in values}


# (numerator, denominator) per indicator, whole fixture, no as-of.
FULL = {
    # later-survey households H1, H2, H4 (latest = follow_12m, yes), H5: all practising.
    "practising_share": (4, 4),
    # H1 66000-60000, H2 12000-0, H4 98000-100000 (12m is latest), H5 44000-40000:
    # Σlatest 220000 - Σbaseline 200000 = 20000 over 200000.
    "income_increase_pct": (20_000, 200_000),
    "villages_with_group_share": (3, 4),  # A (G1), B (G2), C (G3); not D
    # per person: H1 66000/2=33000, H2 4000, H4 98000/4=24500, H5 44000/1=44000 ≥ 38000.
    "above_jpt_share": (1, 4),
    "full_team_share": (1, 4),  # only A: C has no lead, B none, D one trainer
    "households_per_trainer": (5, 11),  # H1-H5 over A 5 + C 5 + D 1 trainers
    # with an occupation: H1, H2, H4, H5. H1 เพาะเห็ด and H2 จักสาน are in TA1's list; B has
    # no trainers; H5 "ทอ" is only a substring of "ทอผ้า", which is not a match.
    "skill_match_share": (2, 4),
    "training_complete_share": (2, 4),  # A and C have days 1-5
    # yes rows: A 3 (H1 d1, H2 d1, H1 d2), B 1, C 1 = 5; over A 3×5 + B 1×3 + C 1×5 + D 0 = 23.
    "attendance_rate": (5, 23),
    "groups_market_linked_share": (2, 3),  # G1 (otop), G3 (market); G2 no links
    "five_k_complete_share": (0, 3),  # G1 and G3 have < 5 members, G2 scores 0
    "follow_up_share": (4, 5),  # H3 has no later survey
    # A 6 (not households, not follow_up), B 3 (knowledge, group, follow_up), C 6 (not team,
    # not households), D 0: 15 over 8 × 4.
    "stages_done_share": (15, 32),
}

# As of 15 May 2017: H4's 6m/12m, H5's post, C's day 5, G3 and L3 drop out.
AS_OF = {
    "practising_share": (2, 3),  # H1 yes, H2 yes, H4 post says no
    "income_increase_pct": (8_000, 160_000),  # (66000+12000+90000) - (60000+0+100000)
    "villages_with_group_share": (2, 4),  # G1 (founded 1 Mar), G2 (no date: counts)
    "above_jpt_share": (0, 3),  # 33000, 4000, 90000/4 = 22500: none ≥ 38000
    "full_team_share": (1, 4),
    "households_per_trainer": (5, 11),
    "skill_match_share": (2, 4),
    "training_complete_share": (1, 4),  # only A
    "attendance_rate": (4, 22),  # C's day 5 attendance gone; C has 4 days: 15 + 3 + 4
    "groups_market_linked_share": (1, 2),  # G1 (otop) of G1, G2
    "five_k_complete_share": (0, 2),
    "follow_up_share": (3, 5),
    "stages_done_share": (11, 32),  # A 6, B 3, C 2 (knowledge, study_visit), D 0
}


@pytest.mark.parametrize(
    ("scope", "expected"), [(Scope(), FULL), (Scope(as_of=CUT), AS_OF)], ids=["full", "as_of"]
)
def test_every_indicator_numerator_denominator_and_value(con, scope, expected):
    values = by_id(compute(con, scope, today=TODAY))
    assert set(values) == set(expected)
    for ind_id, (num, den) in expected.items():
        v = values[ind_id]
        assert (v.numerator, v.denominator) == (num, den), ind_id
        assert v.value == pytest.approx(num / den), ind_id


def test_met_follows_target_and_direction(con):
    values = by_id(compute(con, Scope(), today=TODAY))
    assert values["practising_share"].met is True  # 1.0 ≥ 0.85
    assert values["income_increase_pct"].met is True  # 0.10 ≥ 0.03
    assert values["villages_with_group_share"].met is True  # 0.75 ≥ 0.10
    assert values["full_team_share"].met is False  # 0.25 < 1
    assert values["households_per_trainer"].met is True  # 0.45 ≤ 4 (at_most)
    assert values["above_jpt_share"].met is None  # no target


def test_values_with_a_target_carry_it_for_the_formatter(con):
    from common.formats import Judged, format_value

    values = by_id(compute(con, Scope(), today=TODAY))
    hpt = values["households_per_trainer"]  # 5 households / 11 trainers = 0.4545…
    assert isinstance(hpt.value, Judged)
    assert (hpt.value.target, hpt.value.direction) == (4.0, "at_most")
    assert format_value(hpt.value, "ratio", "en") == "0.5"  # far from 4: one decimal
    assert not isinstance(values["above_jpt_share"].value, Judged)  # no target, a plain float
    # asdict (the Indicators page's download) keeps the number
    assert hpt.as_dict()["value"] == pytest.approx(5 / 11)


def test_zero_denominator_gives_null_not_zero(con):
    # FY 2561 has only D: no households, no groups.
    values = by_id(compute(con, Scope(fiscal_year=2561), today=TODAY))
    assert values["practising_share"].value is None
    assert values["practising_share"].met is None
    assert values["income_increase_pct"].value is None
    assert values["five_k_complete_share"].value is None
    assert values["households_per_trainer"].value == 0.0  # 0 households over 1 trainer
    assert values["full_team_share"].value == 0.0  # 0 of 1 village


def test_filters(con):
    district = by_id(compute(con, Scope(district="3414"), today=TODAY))
    assert (district["households_per_trainer"].numerator, district["households_per_trainer"].denominator) == (
        1,
        6,
    )
    assert (
        district["villages_with_group_share"].numerator,
        district["villages_with_group_share"].denominator,
    ) == (1, 2)
    tambon = by_id(compute(con, Scope(tambon="301702"), today=TODAY))  # ประสุข: only B
    assert tambon["full_team_share"].denominator == 1
    villages = by_id(compute(con, Scope(villages=(A, C)), today=TODAY))
    assert villages["training_complete_share"].numerator == 2


def test_occupation_narrows_households_and_groups_not_villages_or_trainers(con):
    values = by_id(compute(con, Scope(occupation="เพาะเห็ด"), today=TODAY))
    # Only H1 and G1 remain; the 4 villages and 11 trainers stay.
    assert (values["practising_share"].numerator, values["practising_share"].denominator) == (1, 1)
    assert values["income_increase_pct"].value == pytest.approx(0.1)  # 6000 / 60000
    assert (
        values["villages_with_group_share"].numerator,
        values["villages_with_group_share"].denominator,
    ) == (1, 4)
    assert (values["households_per_trainer"].numerator, values["households_per_trainer"].denominator) == (
        1,
        11,
    )
    # H1 attended days 1 and 2 of A: 2 over A 1 household × 5 days (others have 0 households).
    assert (values["attendance_rate"].numerator, values["attendance_rate"].denominator) == (2, 5)


def test_jpt_line_is_settable_per_fiscal_year(con):
    settings = MetricSettings(jpt_by_year=((2560, 30_000.0),))
    values = by_id(compute(con, Scope(), settings=settings, today=TODAY))
    # With 30,000 baht/person: H1 33000 and H5 44000 are above; H2 4000 and H4 24500 not.
    assert (values["above_jpt_share"].numerator, values["above_jpt_share"].denominator) == (2, 4)


def test_five_k_member_threshold_is_a_setting(con):
    values = by_id(compute(con, Scope(), settings=MetricSettings(group_min_members=1), today=TODAY))
    # G1 (2 members) and G3 (1) now score 5 of 5; G2 still 0.
    assert (values["five_k_complete_share"].numerator, values["five_k_complete_share"].denominator) == (2, 3)


def test_household_income_table(con):
    frame = income.household_income(con, Scope()).set_index("household_id")
    assert frame.loc["H1", "change_baht"] == 6000
    assert frame.loc["H1", "change_pct"] == pytest.approx(0.1)
    assert frame.loc["H2", "change_baht"] == 12000
    assert math.isnan(frame.loc["H2", "change_pct"])  # zero baseline: no percentage
    assert frame.loc["H4", "latest_round"] == "follow_12m"  # 12m outranks 6m and post
    assert frame.loc["H4", "latest_per_person"] == 24500
    assert frame.loc["H3", "latest_round"] is None or (
        isinstance(frame.loc["H3", "latest_round"], float) and math.isnan(frame.loc["H3", "latest_round"])
    )
    # Personal data is masked by default...
    assert frame.loc["H1", "head_name"] == "สมชาย ใ***"
    assert frame.loc["H1", "national_id"] == "x-xxxx-xxxxx-63-5"
    # ...and shown only when asked for.
    revealed = income.household_income(con, Scope(), reveal=True).set_index("household_id")
    assert revealed.loc["H1", "national_id"] == "3100600445635"


def test_income_rollup_by_district_uses_the_indicator_formula(con):
    frame = income.income_rollup(con, Scope(), "district").set_index("district_code")
    # 3017: H1, H2, H4 → (66000+12000+98000) − (60000+0+100000) = 16000 / 160000 = 0.1
    assert frame.loc["3017", "income_increase_pct"] == pytest.approx(0.1)
    assert frame.loc["3017", "households"] == 4  # H1-H4
    assert frame.loc["3017", "households_with_change"] == 3
    # 3414: H5 → 4000 / 40000
    assert frame.loc["3414", "income_increase_pct"] == pytest.approx(0.1)
    with pytest.raises(ValueError, match="by must be one of"):
        income.income_rollup(con, Scope(), "officer")


def test_sustainability_follows_the_same_households(con):
    frame = income.sustainability(con, Scope()).set_index("round")
    # Only H4 has all four rounds: 100000 → 90000 (no) → 95000 (yes) → 98000 (yes).
    assert list(frame.index) == ["baseline", "post", "follow_6m", "follow_12m"]
    assert list(frame["households"]) == [1, 1, 1, 1]
    assert frame.loc["post", "increase_vs_baseline"] == pytest.approx(-0.10)
    assert frame.loc["follow_12m", "increase_vs_baseline"] == pytest.approx(-0.02)
    assert frame.loc["post", "practising_share"] == 0
    assert frame.loc["follow_6m", "practising_share"] == 1


def test_bootstrap_interval(con):
    ci = income.increase_interval(con, Scope(), replicates=500)
    assert ci.estimate == pytest.approx(0.1)  # the indicator value
    assert ci.low <= ci.estimate <= ci.high
    assert ci.households == 4
    assert income.increase_interval(con, Scope(), replicates=500) == ci  # fixed seed
    single = income.increase_interval(con, Scope(occupation="เพาะเห็ด"), replicates=200)
    assert (single.low, single.high) == pytest.approx((0.1, 0.1))  # one household: no spread
    assert income.increase_interval(con, Scope(fiscal_year=2561)).estimate is None


def test_village_progress_stages_status_and_overdue(con):
    frame = progress.village_progress(con, Scope(), today=TODAY).set_index("village_code")
    assert dict(frame["stages_done"]) == {A: 6, B: 3, C: 6, D: 0}
    assert dict(frame["status"]) == {A: "overdue", B: "overdue", C: "in_progress", D: "not_started"}
    assert frame.loc[A, "overdue_stages"] == ["follow_up"]  # due 30 Jun 2017, H3 not surveyed
    assert frame.loc[B, "overdue_stages"] == ["team"]  # knowledge was due too, but is done
    assert frame.loc[C, "overdue_stages"] == []  # network due 31 Aug 2017 and done
    assert bool(frame.loc[B, "follow_up"]) and not bool(frame.loc[B, "team"])
    assert frame.loc[A, "progress"] == pytest.approx(6 / 8)


def test_village_progress_as_of_uses_the_as_of_date_for_overdue(con):
    frame = progress.village_progress(con, Scope(as_of=CUT), today=TODAY).set_index("village_code")
    assert dict(frame["stages_done"]) == {A: 6, B: 3, C: 2, D: 0}
    # A's follow_up plan (30 Jun) is not yet due on 15 May.
    assert dict(frame["status"]) == {A: "in_progress", B: "overdue", C: "in_progress", D: "not_started"}
    assert progress.status_counts(frame.reset_index()) == {
        "not_started": 1,
        "in_progress": 2,
        "complete": 0,
        "overdue": 1,
    }


def test_trainer_coverage(con):
    frame = trainers.trainer_coverage(con, Scope()).set_index("village_code")
    assert dict(frame["trainers"]) == {A: 5, B: 0, C: 5, D: 1}
    assert frame.loc[A, "households_per_trainer"] == pytest.approx(3 / 5)
    assert math.isnan(frame.loc[B, "households_per_trainer"])  # no trainers: no ratio
    missing = trainers.villages_without_lead(con, Scope())
    assert list(missing["village_code"]) == [B, C]
    # English names for the English page (B is in ต.ประสุข, C in ต.ม่วงสามสิบ; DOPA's spellings).
    assert list(missing["tambon_name_en"]) == ["Prasuk", "Muang Sam Sip"]
    assert list(missing["district_name_en"]) == ["Chum Phuang", "Muang Sam Sip"]


def test_skill_matrix_is_membership_not_substring(con):
    frame = trainers.skill_matrix(con, Scope())
    pairs = {(r.occupation, r.skill): (r.households, r.is_match) for r in frame.itertuples()}
    # A's skills: เพาะเห็ด, จักสาน, เพาะเห็ดฟาง; C's: ทอผ้า; B has none.
    assert pairs[("เพาะเห็ด", "เพาะเห็ด")] == (1, True)
    assert pairs[("เพาะเห็ด", "เพาะเห็ดฟาง")] == (1, False)
    assert pairs[("ทอ", "ทอผ้า")] == (1, False)
    assert len(pairs) == 7  # H1 × 3 skills, H2 × 3, H5 × 1


def test_trainer_list_masks_names_and_phones(con):
    frame = trainers.trainer_list(con, Scope(villages=(A,))).set_index("trainer_id")
    assert frame.loc["TA1", "name"] == "ปราชญ์ เ***"
    assert frame.loc["TA1", "phone"] == "xxx-xxx-1111"


def test_five_k_and_links(con):
    k = networks.five_k_scores(con, Scope()).set_index("group_id")
    assert dict(k["score"]) == {"G1": 4, "G2": 0, "G3": 4}
    assert dict(k["members"]) == {"G1": 2, "G2": 0, "G3": 1}
    assert dict(k["links"]) == {"G1": 2, "G2": 0, "G3": 1}
    by_net = networks.links_by_network(con, Scope()).set_index("network")
    assert dict(by_net["links"]) == {"baac": 1, "market": 1, "otop": 1}
    assert by_net.loc["otop", "sales_baht"] == 15000
    nodes, edges = networks.network_graph(con, Scope())
    # villages A, B, C + groups G1-G3 + 3 partners; edges 3 village→group + 3 group→partner.
    assert (len(nodes), len(edges)) == (9, 6)
    assert "g:G2" in set(nodes["id"])  # a group with no links is still drawn


def test_monitoring_reports_and_officers(con):
    months = monitoring.reports_by_month(con, Scope())
    assert months["reports"].sum() == 3
    assert monitoring.reports_by_month(con, Scope(district="3414"))["reports"].sum() == 1  # R3
    assert monitoring.reports_by_month(con, Scope(as_of=CUT))["reports"].sum() == 2  # R1, R2
    officers = monitoring.officer_rollup(con, Scope(), today=TODAY).set_index("officer_id")
    assert officers.loc["O1", "villages"] == 2
    assert officers.loc["O1", "mean_progress"] == pytest.approx((6 / 8 + 3 / 8) / 2)
    assert officers.loc["O1", "overdue"] == 2
    assert officers.loc["O1", "reports"] == 2
    assert officers.loc["O2", "mean_progress"] == pytest.approx((6 / 8 + 0) / 2)
    assert officers.loc["O1", "officer_name"] == "สมหญิง ท***"
    # O1 owns A (H1-H3) and B (H4): 4 households; O2 owns C (H5) and D (none): 1
    assert (officers.loc["O1", "households"], officers.loc["O2", "households"]) == (4, 1)
    assert officers.loc["O2", "reports"] == 1 and officers.loc["O2", "months_reported"] == 1  # R3


def test_completeness_counts_and_drill_down(con):
    counts = monitoring.completeness_counts(con, Scope()).set_index("check_id")["records"].to_dict()
    assert counts == {
        "household_without_baseline": 0,
        "household_without_later_survey": 1,  # H3
        "household_without_occupation": 1,  # H3
        "village_without_coordinates": 1,  # C
    }
    rows = monitoring.completeness(con, Scope())
    assert set(rows.loc[rows["check_id"] == "village_without_coordinates", "record_key"]) == {C}
    # the screen asks for one check's first rows, chosen and cut in SQL
    one = monitoring.completeness(con, Scope(), check="household_without_occupation", limit=5)
    assert list(one["record_key"]) == ["H3"]
    assert monitoring.completeness(con, Scope(), check="household_without_baseline").empty
    assert len(monitoring.completeness(con, Scope(), limit=2)) == 2  # of 3 in all


def test_validation_warnings_come_from_the_import(con):
    warnings = monitoring.validation_warnings(con)
    # H3 has no occupation; C has no coordinates.
    assert {"occupation", "lat"} <= set(warnings["column_name"])


@pytest.mark.parametrize(
    ("func", "raw", "masked"),
    [
        (mask_name, "สมชาย ใจดี", "สมชาย ใ***"),
        (mask_name, "สมชาย", "ส***"),
        (mask_national_id, "3100600445635", "x-xxxx-xxxxx-63-5"),
        (mask_national_id, "3-1006-00445-63-5", "x-xxxx-xxxxx-63-5"),
        (mask_phone, "081-234-5678", "xxx-xxx-5678"),
        (mask_name, None, None),
    ],
)
def test_masking(func, raw, masked):
    assert func(raw) == masked


def test_is_met():
    assert is_met(0.9, 0.85, "at_least") is True
    assert is_met(4.1, 4, "at_most") is False
    assert is_met(None, 0.85, "at_least") is None
    assert is_met(0.5, None, "at_least") is None


def test_catalogue_units_and_ids():
    units = {i.id: i.unit for i in catalogue()}
    assert units.pop("households_per_trainer") == "ratio"
    assert set(units.values()) == {"share"}
    assert len(catalogue()) == 13


def test_metrics_on_an_empty_store(tmp_path):
    path = tmp_path / "empty.duckdb"
    raw = duckdb.connect(str(path))
    ensure_schema(raw)
    raw.close()
    con = open_read_only(path)
    assert all(v.value is None or v.value == 0 for v in compute(con, Scope()))
    assert progress.village_progress(con, Scope()).empty
    assert monitoring.officer_rollup(con, Scope()).empty
    con.close()


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "metrics", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_kpis_json_contract(db):
    out = run_cli("kpis", "--db", str(db), "--district", "3017", "--as-of", "2560-05-15", "--json")
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    assert payload["scope"]["district"] == "3017"
    assert payload["scope"]["as_of"] == "2017-05-15"  # BE input, ISO CE output
    first = payload["indicators"][0]
    assert list(first) == [
        "id",
        "label_th",
        "label_en",
        "unit",
        "value",
        "target",
        "direction",
        "met",
        "numerator",
        "denominator",
    ]
    values = {i["id"]: i for i in payload["indicators"]}
    # District 3017 as of 15 May: H1 yes, H2 yes, H4 post no → 2/3.
    assert (values["practising_share"]["numerator"], values["practising_share"]["denominator"]) == (2, 3)
    assert values["practising_share"]["met"] is False  # 0.667 < 0.85
    assert values["above_jpt_share"]["target"] is None and values["above_jpt_share"]["met"] is None


def test_kpis_json_null_value(db):
    payload = json.loads(run_cli("kpis", "--db", str(db), "--fiscal-year", "2561", "--json").stdout)
    values = {i["id"]: i for i in payload["indicators"]}
    assert values["practising_share"]["value"] is None
    assert values["practising_share"]["denominator"] == 0


def test_villages_and_households_csv(db):
    villages = run_cli("villages", "--db", str(db), "--csv")
    assert villages.returncode == 0
    lines = villages.stdout.strip().splitlines()
    assert len(lines) == 5  # header + 4 villages
    households = run_cli("households", "--db", str(db), "--province", "30", "--csv")
    assert "สมชาย ใ***" in households.stdout and "3100600445635" not in households.stdout
    assert len(households.stdout.strip().splitlines()) == 5  # header + H1-H4


@pytest.mark.parametrize(
    "args",
    [("kpis", "--district", "30"), ("kpis", "--as-of", "yesterday"), ("kpis", "--db", "/no/such.duckdb")],
)
def test_cli_usage_errors_exit_2(args):
    assert run_cli(*args).returncode == 2


def test_indicator_docs_are_generated_from_the_catalogue():
    from metrics.docs import render

    # One definition of each indicator: the document is the catalogue rendered.
    assert (ROOT / "docs" / "INDICATORS.md").read_text(encoding="utf-8") == render()
    for ind in catalogue():
        assert f"### `{ind.id}`" in render()


def test_funnel(con):
    from metrics.overview import funnel

    steps = dict(zip(funnel(con, Scope())["step"], funnel(con, Scope())["count"], strict=True))
    # trained: H1, H2 (A day 1), H4 (B), H5 (C day 5) attended; H3 did not.
    # in a group: G1 (H1, H2) and G3 (H5); linked: both G1 and G3 have links.
    assert steps == {
        "villages": 4,
        "trainers": 11,
        "households": 5,
        "trained": 4,
        "practising": 4,
        "in_group": 3,
        "linked": 3,
    }


def test_district_comparison(con):
    from metrics.overview import district_comparison

    frame = district_comparison(con, Scope(), today=TODAY).set_index("district_code")
    assert frame.loc["3017", "mean_progress"] == pytest.approx((6 + 3) / 16)
    assert frame.loc["3414", "mean_progress"] == pytest.approx((6 + 0) / 16)
    assert dict(frame["overdue"]) == {"3017": 2, "3414": 0}


def test_coverage_words_and_the_packs_counts_are_one_count(con):
    # 5 target households H1-H5; surveyed after baseline: H1, H2 (post), H4 (three rounds), H5
    # (post) = 4, H3 has only its baseline; all four of those have a baseline too, so both
    # rounds = 4; villages A-D = 4. The page's coverage is the catalogue's coverage.
    from metrics.changes import coverage
    from metrics.indicators import coverage as indicator_coverage

    cover = coverage(con, Scope())
    assert cover == {"households": 5, "surveyed_after": 4, "both_rounds": 4, "villages": 4}
    by_indicator = indicator_coverage(con, Scope())
    assert by_indicator["practising_share"] == (4, 5)
    assert by_indicator["income_increase_pct"] == (4, 5)
