"""The rows behind each indicator (metrics/rows.py, ``python -m metrics rows``), issue 20 part 1.

Hand-worked on the four-village fixture of tests/metrics_fixture.py (the arithmetic is in the
comments), then Σ numerator_value = numerator and Σ denominator_value = denominator of
``compute`` for every catalogue indicator, on the committed sample and on a small national
store, for all areas, a province, a district and an as-of date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from common.strings import STRINGS
from data_loaders.store.importer import check_path
from data_loaders.store.layout import open_store
from metrics import cli
from metrics.access_scope import narrow
from metrics.indicators import catalogue, compute, indicator
from metrics.rows import FIXED_COLUMNS, columns, indicator_rows, row_count, rows_page
from metrics.scope import Scope
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B, C, D

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 22)
CUT = dt.date(2017, 5, 15)


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rows")
    path = folder / "rows.duckdb"
    result = check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return path


@pytest.fixture(scope="module")
def tiny(tiny_db):
    con = open_store(tiny_db)
    yield con
    con.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The committed sample (districts 3017 and 3414) in a store of the module's own."""
    db = tmp_path_factory.mktemp("rows_sample") / "sample.duckdb"
    assert check_path(ROOT / "sample_data", db, commit=True).committed
    con = open_store(db)
    yield con
    con.close()


def _rows(con, scope, ind_id, **kw):
    frame = indicator_rows(con, scope, ind_id, today=TODAY, **kw)
    return {
        r["unit"]: (
            r["in_denominator"],
            r["in_numerator"],
            r["numerator_value"],
            r["denominator_value"],
            r["reason_code"],
        )
        for r in frame.to_dict("records")
    }


def _none(value):
    return None if value is None or value != value else value  # NaN / None as None


# ---- hand-worked rows -------------------------------------------------------------------


def test_practising_rows_say_who_is_counted_and_why_not(tiny):
    got = {k: (*v[:4], _none(v[4])) for k, v in _rows(tiny, Scope(), "practising_share").items()}
    # H1, H2 (post: yes), H4 (12m: yes), H5 (post: yes) are in both; H3 has only a baseline.
    assert got == {
        "H1": (1, 1, 1, 1, None),
        "H2": (1, 1, 1, 1, None),
        "H3": (0, 0, 0, 0, "no_later_survey"),
        "H4": (1, 1, 1, 1, None),
        "H5": (1, 1, 1, 1, None),
    }


def test_practising_rows_as_of_a_date(tiny):
    got = {k: (*v[:4], _none(v[4])) for k, v in _rows(tiny, Scope(as_of=CUT), "practising_share").items()}
    # by 15 May 2017: H4's latest later round is post (2 May), practising = no; H5's post
    # (15 Jun) has not happened yet, so H5 is out like H3. 2 of 3, as kpis says.
    assert got == {
        "H1": (1, 1, 1, 1, None),
        "H2": (1, 1, 1, 1, None),
        "H3": (0, 0, 0, 0, "no_later_survey"),
        "H4": (1, 0, 0, 1, "not_practising"),
        "H5": (0, 0, 0, 0, "no_later_survey"),
    }


@pytest.mark.parametrize(
    ("lang", "h3", "h4"),
    [
        ("en", "no survey after baseline", "latest survey: not practising"),
        ("th", "ไม่มีการสำรวจหลังรอบฐาน", "การสำรวจล่าสุด: ไม่ได้ประกอบอาชีพแล้ว"),
    ],
)
def test_reason_words_in_both_languages(tiny, lang, h3, h4):
    frame = indicator_rows(tiny, Scope(as_of=CUT), "practising_share", lang=lang, today=TODAY)
    reasons = dict(zip(frame["unit"], frame["reason"], strict=True))
    assert (reasons["H3"], reasons["H4"]) == (h3, h4)
    assert _none(reasons["H1"]) is None  # counted: no reason


def test_income_rows_carry_the_amounts(tiny):
    got = _rows(tiny, Scope(), "income_increase_pct")
    # latest later minus baseline: H1 66000-60000, H2 12000-0, H4 98000-100000 (12m), H5
    # 44000-40000; the baselines are the denominator values. H3 has no later survey.
    assert {k: v[:4] for k, v in got.items()} == {
        "H1": (1, 1, 6_000, 60_000),
        "H2": (1, 1, 12_000, 0),
        "H3": (0, 0, 0, 0),
        "H4": (1, 1, -2_000, 100_000),
        "H5": (1, 1, 4_000, 40_000),
    }
    assert got["H3"][4] == "no_later_survey"
    # Σ 6000+12000-2000+4000 = 20000 over Σ 60000+0+100000+40000 = 200000, kpis' 10%
    frame = indicator_rows(tiny, Scope(), "income_increase_pct", today=TODAY)
    assert list(frame.columns) == [
        *FIXED_COLUMNS,
        "baseline_date",
        "baseline_income",
        "latest_round",
        "latest_date",
        "latest_income",
    ]
    h4 = frame[frame["unit"] == "H4"].iloc[0]
    assert (h4["baseline_income"], h4["latest_round"], h4["latest_income"]) == (100_000, "follow_12m", 98_000)


def test_ratio_rows_are_each_villages_households_and_trainers(tiny):
    got = {k: (*v[:4], _none(v[4])) for k, v in _rows(tiny, Scope(), "households_per_trainer").items()}
    # A: H1-H3 over 5 trainers; B: H4 but no trainers (in the numerator, not the denominator);
    # C: H5 over 5; D: 1 trainer, no households. Σ 5 over Σ 11, as kpis.
    assert got == {
        A: (1, 1, 3, 5, None),
        B: (0, 1, 1, 0, "no_trainers"),
        C: (1, 1, 1, 5, None),
        D: (1, 0, 0, 1, "no_households"),
    }


def test_village_and_group_reasons(tiny):
    team = {k: _none(v[4]) for k, v in _rows(tiny, Scope(), "full_team_share").items()}
    # A: 5 with a lead; B: none at all (no lead first); C: 5, none a lead; D: 1 lead, too few
    assert team == {A: None, B: "no_lead", C: "no_lead", D: "too_few_trainers"}
    market = {k: _none(v[4]) for k, v in _rows(tiny, Scope(), "groups_market_linked_share").items()}
    assert market == {"G1": None, "G2": "no_market_link", "G3": None}  # G1 otop, G3 market
    stages = {k: v[2:4] for k, v in _rows(tiny, Scope(), "stages_done_share").items()}
    assert stages == {A: (6, 8), B: (3, 8), C: (6, 8), D: (0, 8)}  # 15 over 32
    attendance = {k: (*v[2:4], _none(v[4])) for k, v in _rows(tiny, Scope(), "attendance_rate").items()}
    # yes rows A 3, B 1, C 1 over households × days: A 3×5, B 1×3, C 1×5, D 0×0
    assert attendance == {
        A: (3, 15, None),
        B: (1, 3, None),
        C: (1, 5, None),
        D: (0, 0, "no_training_days"),
    }


def test_skill_match_reasons(tiny):
    got = {k: (v[0], v[1], _none(v[4])) for k, v in _rows(tiny, Scope(), "skill_match_share").items()}
    # H3 has no occupation (out of the denominator); H4 ทอผ้า in B (no trainers) and H5 ทอ
    # (not a skill of C's trainers) are not matched.
    assert got == {
        "H1": (1, 1, None),
        "H2": (1, 1, None),
        "H3": (0, 0, "no_occupation"),
        "H4": (1, 0, "skill_not_matched"),
        "H5": (1, 0, "skill_not_matched"),
    }


# ---- personal data ----------------------------------------------------------------------


def test_masked_rows_mask_the_name_and_never_carry_the_national_id(tiny):
    frame = indicator_rows(tiny, Scope(), "follow_up_share", audience="masked", today=TODAY)
    assert "head_name" in frame.columns and "national_id" not in frame.columns
    names = dict(zip(frame["unit"], frame["head_name"], strict=True))
    assert names["H1"] != "สมชาย ใจดี" and names["H1"].startswith("สมชาย")  # masked as everywhere


def test_command_line_and_default_rows_have_no_personal_field(tiny):
    frame = indicator_rows(tiny, Scope(), "follow_up_share", today=TODAY)
    assert not {"head_name", "national_id", "phone", "name"} & set(frame.columns)


def test_evaluators_get_a_pseudonymous_key_and_no_personal_field(tiny):
    frame = indicator_rows(tiny, Scope(), "follow_up_share", audience="pseudonymous", salt="s1", today=TODAY)
    assert list(frame.columns) == list(columns(indicator("follow_up_share"), "pseudonymous"))
    assert not {"head_name", "national_id"} & set(frame.columns)
    cells = {str(v) for v in frame.to_numpy().ravel()}
    assert not cells & {"H1", "H2", "H3", "H4", "H5"}  # no household id anywhere
    assert all(u.startswith("P") and len(u) == 17 for u in frame["unit"])
    assert frame["unit"].is_unique
    again = indicator_rows(tiny, Scope(), "follow_up_share", audience="pseudonymous", salt="s1", today=TODAY)
    other = indicator_rows(tiny, Scope(), "follow_up_share", audience="pseudonymous", salt="s2", today=TODAY)
    assert set(again["unit"]) == set(frame["unit"])  # the same key for the same salt
    assert not set(other["unit"]) & set(frame["unit"])  # another salt, other keys
    # the counts do not depend on who looks
    assert frame["numerator_value"].sum() == 4 and frame["denominator_value"].sum() == 5


def test_pseudonymous_rows_need_a_salt(tiny):
    with pytest.raises(ValueError, match="salt"):
        indicator_rows(tiny, Scope(), "follow_up_share", audience="pseudonymous")


# ---- grants -----------------------------------------------------------------------------


def test_an_officer_of_3017_sees_no_3414_rows(tiny):
    officer, _ = narrow(Scope(), ("3017",))
    for ind in catalogue():
        frame = indicator_rows(tiny, officer, ind.id, today=TODAY)
        assert all(code.startswith("3017") for code in frame["village_code"]), ind.id
    # asking for 3414 with a grant of 3017 reaches nothing, rows and counts alike
    tampered = Scope(district="3414", allowed=("3017",))
    values = {v.id: v for v in compute(tiny, tampered, today=TODAY)}
    for ind in catalogue():
        assert row_count(tiny, tampered, ind.id, today=TODAY) == 0, ind.id
        assert values[ind.id].denominator == 0, ind.id
    # households of 3017: H1-H4 (A and B)
    assert set(indicator_rows(tiny, officer, "follow_up_share")["unit"]) == {"H1", "H2", "H3", "H4"}


# ---- paging -----------------------------------------------------------------------------


def test_a_page_is_the_same_rows_as_the_whole_list_and_gives_the_count(sample):
    scope = Scope(district="3017")
    every = indicator_rows(sample, scope, "practising_share", today=TODAY)
    page, total = rows_page(sample, scope, "practising_share", limit=7, offset=5, today=TODAY)
    assert total == len(every) > 12
    assert list(page["unit"]) == list(every["unit"].iloc[5:12])
    assert list(page.columns) == list(every.columns)


@pytest.mark.parametrize("ind_id", ["practising_share", "full_team_share", "five_k_complete_share"])
@pytest.mark.parametrize("audience", ["masked", "pseudonymous"])
def test_a_page_picks_its_units_first_and_is_the_whole_lists_rows(sample, ind_id, audience):
    """A page picks the units it shows before computing them (metrics/rows.py PICK_FROM): for a
    household, a village and a group indicator, for each audience (a pseudonymous key orders a
    village's households otherwise than their ids), over all areas, a district, an occupation
    and the store's default as-of date (the count from the area roll-ups), at the start, across
    villages and at the end, the page is the whole list's rows there and the count its length."""
    salt = "salt" if audience == "pseudonymous" else ""
    latest = sample.execute("SELECT max(as_of) FROM rollup_dates").fetchone()[0]
    for scope in (Scope(), Scope(district="3017"), Scope(occupation="เพาะเห็ด"), Scope(as_of=latest)):
        every = indicator_rows(sample, scope, ind_id, audience=audience, salt=salt, today=TODAY)
        assert len(every) > (9 if scope.occupation is None else 0), scope  # rows to page through
        for offset in (0, 5, max(len(every) - 3, 0)):
            page, total = rows_page(
                sample, scope, ind_id, limit=7, offset=offset, audience=audience, salt=salt, today=TODAY
            )
            assert total == len(every)
            assert list(page.columns) == list(every.columns)
            assert _records(page) == _records(every.iloc[offset : offset + 7])


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as plain values (an empty cell None, whatever a column's type)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


# ---- Σ rows = kpis ----------------------------------------------------------------------

SCOPES = {
    "all": Scope(),
    "province_34": Scope(province="34"),
    "district_3017": Scope(district="3017"),
    "as_of": Scope(as_of=dt.date(2017, 9, 30)),
    "occupation": Scope(occupation="เพาะเห็ด"),
    "grant_3017": narrow(Scope(), ("3017",))[0],
}


def _check_sums(con, scope):
    values = {v.id: v for v in compute(con, scope, today=TODAY)}
    for ind in catalogue():
        frame = indicator_rows(con, scope, ind.id, today=TODAY)
        v = values[ind.id]
        assert float(frame["numerator_value"].sum()) == pytest.approx(v.numerator, abs=1e-6), ind.id
        assert float(frame["denominator_value"].sum()) == pytest.approx(v.denominator, abs=1e-6), ind.id
        assert frame["unit"].is_unique, ind.id
        if ind.numerator_value == "1" and ind.denominator_value == "1":  # a count: rows number it
            assert int(frame["in_numerator"].sum()) == v.numerator, ind.id
            assert int(frame["in_denominator"].sum()) == v.denominator, ind.id
        if ind.unit == "share":  # a share's numerator rows are within its denominator
            assert not ((frame["in_numerator"] == 1) & (frame["in_denominator"] == 0)).any(), ind.id
        out = frame[(frame["in_numerator"] == 0) | (frame["in_denominator"] == 0)]
        assert out["reason"].notna().all(), ind.id  # every row not counted says why
        counted = frame[(frame["in_numerator"] == 1) & (frame["in_denominator"] == 1)]
        assert counted["reason_code"].isna().all(), ind.id
    return values


@pytest.mark.parametrize("name", list(SCOPES))
def test_row_sums_equal_kpis_on_the_sample(sample, name):
    values = _check_sums(sample, SCOPES[name])
    if name == "all":
        assert values["practising_share"].denominator > 100  # the sample is not empty


def test_household_rows_are_every_target_household_in_scope(sample):
    (n,) = sample.execute("SELECT count(*) FROM households WHERE village_code LIKE '34%'").fetchone()
    assert row_count(sample, Scope(province="34"), "practising_share") == n
    (v,) = sample.execute("SELECT count(*) FROM villages WHERE district_code = '3017'").fetchone()
    assert row_count(sample, Scope(district="3017"), "full_team_share") == v


def test_row_sums_equal_kpis_on_a_small_national_store(tmp_path):
    from sample import national

    folder = tmp_path / "national"
    national.generate(folder, villages=12, years=2, seed=7)
    db = tmp_path / "national.duckdb"
    result = check_path(folder, db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors][:5]
    con = open_store(db)
    try:
        district, province = con.execute(
            "SELECT district_code, province_code FROM villages ORDER BY village_code LIMIT 1"
        ).fetchone()
        (day,) = con.execute("SELECT min(survey_date) + INTERVAL 200 DAY FROM income_surveys").fetchone()
        for scope in (Scope(), Scope(province=province), Scope(district=district), Scope(as_of=day.date())):
            _check_sums(con, scope)
    finally:
        con.close()


# ---- the declaration and its words ------------------------------------------------------


def test_every_reason_and_column_has_thai_and_english_words():
    for ind in catalogue():
        for _cond, code in ind.reasons:
            th, en = STRINGS[f"rows.reason.{code}"]
            assert th and en and th != en
        for column in (*FIXED_COLUMNS[1:], "head_name", *ind.columns):
            assert all(STRINGS[f"rows.col.{column}"]), column
        assert all(STRINGS[f"rows.unit.{ind.unit_set}"])
        assert ind.reasons[-1][0] == "true", ind.id  # the last reason catches every other row


# ---- command line -----------------------------------------------------------------------


def test_command_line_contract(tiny_db, capsys):
    assert (
        cli.main(["rows", "income_increase_pct", "--db", str(tiny_db), "--as-of", "2017-05-15", "--csv"]) == 0
    )
    out = capsys.readouterr().out
    table = list(csv.DictReader(io.StringIO(out)))
    assert list(table[0]) == [
        "unit",
        "village_code",
        "in_denominator",
        "in_numerator",
        "numerator_value",
        "denominator_value",
        "reason_code",
        "reason",
        "baseline_date",
        "baseline_income",
        "latest_round",
        "latest_date",
        "latest_income",
    ]
    # as of 15 May 2017: H1 +6000, H2 +12000, H4 post 90000-100000 = -10000; H3 and H5 out
    # (no later survey yet): Σ 8000 over 60000 + 0 + 100000 = 160000, kpis' numbers.
    assert [r["unit"] for r in table] == ["H1", "H2", "H3", "H4", "H5"]
    assert sum(float(r["numerator_value"]) for r in table) == 8_000
    assert sum(float(r["denominator_value"]) for r in table) == 160_000
    h5 = table[4]
    assert (h5["in_denominator"], h5["in_numerator"], h5["reason"]) == ("0", "0", "no survey after baseline")
    assert table[0]["baseline_date"] == "2017-01-20"
    assert cli.main(["kpis", "--db", str(tiny_db), "--as-of", "2017-05-15", "--json"]) == 0
    kpis = {k["id"]: k for k in json.loads(capsys.readouterr().out)["indicators"]}
    assert (kpis["income_increase_pct"]["numerator"], kpis["income_increase_pct"]["denominator"]) == (
        8_000,
        160_000,
    )


def test_command_line_thai_reasons_flags_as_digits_and_scope(tiny_db, capsys):
    assert (
        cli.main(
            ["rows", "practising_share", "--db", str(tiny_db), "--district", "3414", "--lang", "th", "--csv"]
        )
        == 0
    )
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    # district 3414: only H5 (C); D has no households
    assert [(r["unit"], r["latest_practising"], r["reason"]) for r in table] == [("H5", "1", "")]
    assert cli.main(["rows", "practising_share", "--db", str(tiny_db), "--lang", "th", "--csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["unit"]: r["reason"] for r in table}["H3"] == "ไม่มีการสำรวจหลังรอบฐาน"
    assert "head_name" not in table[0]


def test_command_line_refuses_an_unknown_indicator(tiny_db, capsys):
    assert cli.main(["rows", "no_such", "--db", str(tiny_db), "--csv"]) == 2
    assert "unknown indicator 'no_such'" in capsys.readouterr().err


# ---- downloads --------------------------------------------------------------------------


def test_downloads_have_thai_headers_digits_for_flags_and_formula_safe_cells(tiny):
    from openpyxl import load_workbook

    from common.export import csv_bytes, xlsx_bytes
    from metrics.rows import labelled

    frame = indicator_rows(tiny, Scope(), "skill_match_share", lang="th", today=TODAY)
    frame.loc[frame["unit"] == "H4", "occupation"] = "=HYPERLINK(1)"  # typed by someone, read as text
    shown = labelled(frame, indicator("skill_match_share"), "th")
    assert list(shown.columns[:8]) == [
        "ครัวเรือน",
        "รหัสหมู่บ้าน",
        "อยู่ในตัวหาร (1/0)",
        "อยู่ในตัวตั้ง (1/0)",
        "ค่าตัวตั้ง",
        "ค่าตัวหาร",
        "รหัสเหตุผล",
        "เหตุที่ไม่นับ",
    ]
    book = load_workbook(
        io.BytesIO(xlsx_bytes({"rows": shown}, preamble=[("ขอบเขต", "ทั้งหมด")], preamble_sheet="scope"))
    )
    cells = [[c.value for c in row] for row in book["rows"].iter_rows()]
    assert cells[0][-1] == "อาชีพ"
    h4 = next(row for row in cells if row[0] == "H4")
    assert h4[-1] == "'=HYPERLINK(1)" and h4[2:4] == [1, 0]  # text, never a formula; flags as numbers
    text_csv = csv_bytes(shown, preamble=[("ขอบเขต", "ทั้งหมด")]).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text_csv and "ไม่มีวิทยากรของหมู่บ้านที่เชี่ยวชาญอาชีพนี้" in text_csv
