"""Cohorts by fiscal year, aligned on months since training (metrics/cohorts.py, issue 21).

The two-cohort fixture is ``tests/builders.tiny`` (FY2560: villages A and B) with a second
cohort added (FY2561: villages C and D), as of 1 April 2018:

- A 30170101: training days 1-5 on 6-10 Feb 2017, so its dates are 6 May 2017 (3 months),
  6 Aug 2017 (6), 6 Nov 2017 (9), 6 Feb 2018 (12). 5 trainers incl. a lead. H1: baseline
  60,000 (20 Jan 2017), post 66,000 practising (1 May 2017), follow_6m 72,000 practising on
  7 Aug 2017, one day after A's 6-month date. H2: baseline 0, post 12,000 practising
  (1 May 2017). Group G1 founded 1 Mar 2017, linked to OTOP from 1 Apr 2017.
- B 30170201: training day 1 on 13 Feb 2017: 13 May 2017 (3), 13 Aug 2017 (6). One trainer.
  H3: baseline 80,000 (21 Jan 2017), post 84,000 NOT practising on 1 Jun 2017 (added here).
- C 30170301 (FY2561): training days 1-2 on 1 and 4 Dec 2017: 1 Mar 2018 (3); 6 months is
  1 Jun 2018, after 1 Apr 2018, so FY2561 has not reached 6 months. H4: baseline 50,000,
  post 55,000 practising (15 Feb 2018). H5: baseline 40,000, post 42,000 not practising on
  5 Mar 2018, after C's 3-month date. Group G2 with no founding date (always counts).
- D 30170302 (FY2561): no training day, so in no cohort. H6: baseline 70,000.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data_loaders.store.importer import check_path
from metrics.cohorts import CONTRACT, Gap, as_records, cohorts, current_gap, gap_words
from metrics.indicators import compute
from metrics.scope import Scope
from tests.builders import tiny, write_csv_folder

ROOT = Path(__file__).resolve().parents[2]
A, B, C, D = "30170101", "30170201", "30170301", "30170302"
AS_OF = dt.date(2018, 4, 1)


def _two_cohorts() -> dict:
    tables = tiny()
    tables["villages"] += [
        [C, "บ้านสมมุติสาม", "1", "ท่าลาด", "ชุมพวง", "นครราชสีมา", "15.243", "102.720", "2561", "O1"],
        [D, "บ้านสมมุติสี่", "2", "ท่าลาด", "ชุมพวง", "นครราชสีมา", "15.244", "102.721", "2561", "O1"],
    ]
    tables["households"] += [
        ["H4", C, "สมใจ ทดสอบ", "", "3", "เพาะเห็ด"],
        ["H5", C, "สมหมาย ทดสอบ", "", "2", "เพาะเห็ด"],
        ["H6", D, "สมพร ทดสอบ", "", "2", "เพาะเห็ด"],
    ]
    tables["income_surveys"] += [
        ["H1", "follow_6m", "2017-08-07", "72000", "9000", "yes"],
        ["H3", "post", "2017-06-01", "84000", "0", "no"],
        ["H4", "baseline", "2017-11-20", "50000", "", ""],
        ["H4", "post", "2018-02-15", "55000", "5000", "yes"],
        ["H5", "baseline", "2017-11-20", "40000", "", ""],
        ["H5", "post", "2018-03-05", "42000", "0", "no"],
        ["H6", "baseline", "2017-11-20", "70000", "", ""],
    ]
    tables["training_days"] += [[C, "1", "2017-12-01", "knowledge"], [C, "2", "2017-12-04", "knowledge"]]
    tables["groups"].append(["G2", C, "กลุ่มสมมุติสาม", "เพาะเห็ด", "", "no", "no", "0", "no"])
    return tables


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cohorts")
    db = folder / "store.duckdb"
    result = check_path(write_csv_folder(folder / "in", _two_cohorts()), db, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return db


@pytest.fixture
def con(store):
    con = duckdb.connect(str(store), read_only=True)
    yield con
    con.close()


def _cells(frame) -> dict[tuple[int, int], dict]:
    return {(int(r["fiscal_year"]), int(r["months"])): r for r in frame.to_dict("records")}


def test_a_cohort_has_a_row_for_each_month_its_villages_reached(con):
    cells = _cells(cohorts(con, Scope(), as_of=AS_OF))
    # FY2560: A's 12-month date 6 Feb 2018 and B's 13 Feb 2018 are before 1 Apr 2018: every month.
    # FY2561: C reached 0 and 3 months, not 6 (1 Jun 2018); D has no training day, so no cohort.
    assert sorted(cells) == [(2560, 0), (2560, 3), (2560, 6), (2560, 9), (2560, 12), (2561, 0), (2561, 3)]
    assert [cells[k]["villages"] for k in sorted(cells)] == [2, 2, 2, 2, 2, 1, 1]


def test_values_at_3_months(con):
    cells = _cells(cohorts(con, Scope(), as_of=AS_OF))
    fy60 = cells[(2560, 3)]  # A on 6 May 2017, B on 13 May 2017
    # surveyed after baseline: H1 and H2 (post 1 May), not H3 (post 1 Jun): 2 of 3 households
    assert fy60["surveyed_share"] == pytest.approx(2 / 3)
    assert fy60["practising_share"] == pytest.approx(1.0)  # H1 and H2 practising: 2 / 2
    # H1 and H2 have both rounds: (66,000 + 12,000 − 60,000 − 0) / 60,000 = 18,000 / 60,000
    assert fy60["income_increase_pct"] == pytest.approx(0.30)
    assert fy60["villages_with_group_share"] == pytest.approx(0.5)  # G1 (1 Mar 2017) in A; B none
    # stages of A and B: team A only (B has 1 trainer); households neither (< 20); knowledge A
    # only (B held day 1 only); network A (OTOP from 1 Apr 2017); follow-up A (both households
    # surveyed), not B (H3 not yet)
    assert fy60["stage_team"] == 0.5
    assert fy60["stage_households"] == 0.0
    assert fy60["stage_knowledge"] == 0.5
    assert fy60["stage_network"] == 0.5
    assert fy60["stage_follow_up"] == 0.5
    fy61 = cells[(2561, 3)]  # C on 1 Mar 2018
    assert fy61["surveyed_share"] == pytest.approx(0.5)  # H4 (15 Feb), not H5 (5 Mar): 1 of 2
    assert fy61["practising_share"] == pytest.approx(1.0)  # H4: 1 / 1
    assert fy61["income_increase_pct"] == pytest.approx(0.10)  # (55,000 − 50,000) / 50,000
    assert fy61["villages_with_group_share"] == pytest.approx(1.0)  # G2 undated: always counts


def test_values_at_6_months(con):
    cells = _cells(cohorts(con, Scope(), as_of=AS_OF))
    fy60 = cells[(2560, 6)]  # A on 6 Aug 2017 (H1's follow_6m on 7 Aug is not yet), B on 13 Aug
    assert fy60["surveyed_share"] == pytest.approx(1.0)  # H1, H2, H3 (post 1 Jun): 3 / 3
    assert fy60["practising_share"] == pytest.approx(2 / 3)  # H3 stopped: 2 / 3
    # latest rounds 66,000 + 12,000 + 84,000 = 162,000 over baselines 60,000 + 0 + 80,000 =
    # 140,000: 22,000 / 140,000
    assert fy60["income_increase_pct"] == pytest.approx(22_000 / 140_000)
    assert fy60["villages_with_group_share"] == pytest.approx(0.5)
    assert fy60["stage_follow_up"] == 1.0  # A and B: every household surveyed after baseline
    assert (2561, 6) not in cells  # not reached: no row, never a zero


def test_month_0_counts_undated_rows_and_nothing_later(con):
    cells = _cells(cohorts(con, Scope(), as_of=AS_OF))
    fy60, fy61 = cells[(2560, 0)], cells[(2561, 0)]
    # on the first training day nobody is surveyed after baseline: shares over nobody are unknown
    assert fy60["surveyed_share"] == 0.0
    assert pd.isna(fy60["practising_share"]) and pd.isna(fy60["income_increase_pct"])
    assert fy60["villages_with_group_share"] == 0.0  # G1 founded 1 Mar 2017, after 6 Feb
    assert fy61["villages_with_group_share"] == 1.0  # G2 undated


def test_a_village_alone_agrees_with_the_catalogue_at_its_date(con):
    # The cohort value of village A at 6 months is the catalogue's indicators for A as of 6 Aug 2017.
    cell = _cells(cohorts(con, Scope(villages=(A,)), as_of=AS_OF))[(2560, 6)]
    values = {v.id: v.value for v in compute(con, Scope(villages=(A,), as_of=dt.date(2017, 8, 6)))}
    for key in ("practising_share", "income_increase_pct", "villages_with_group_share"):
        assert cell[key] == pytest.approx(float(values[key])), key


def test_the_as_of_date_decides_which_months_are_reached(con):
    # On 1 Mar 2018, C has reached 3 months (1 Mar 2018 is not after it); on 28 Feb 2018 it has not.
    on = _cells(cohorts(con, Scope(), as_of=dt.date(2018, 3, 1)))
    before = _cells(cohorts(con, Scope(), as_of=dt.date(2018, 2, 28)))
    assert (2561, 3) in on and (2561, 3) not in before


def test_scope_and_grant_apply(con):
    assert cohorts(con, Scope(fiscal_year=2561), as_of=AS_OF)["fiscal_year"].unique().tolist() == [2561]
    assert cohorts(con, Scope(allowed=("3414",)), as_of=AS_OF).empty  # no village of the grant


def test_records_keep_the_contract_and_unknown_as_none(con):
    records = as_records(cohorts(con, Scope(), as_of=AS_OF))
    assert all(tuple(r) == CONTRACT for r in records)
    first = records[0]
    assert (first["fiscal_year"], first["months"], first["villages"]) == (2560, 0, 2)
    assert first["practising_share"] is None and first["income_increase_pct"] is None


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "metrics", "cohorts", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=180,
    )


def test_cli_json_matches_the_fixture(store):
    out = _cli("--db", str(store), "--as-of", "2018-04-01", "--json")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    cells = {(r["fiscal_year"], r["months"]): r for r in records}
    assert sorted(cells) == [(2560, 0), (2560, 3), (2560, 6), (2560, 9), (2560, 12), (2561, 0), (2561, 3)]
    assert cells[(2560, 3)]["income_increase_pct"] == pytest.approx(0.30)  # see test_values_at_3_months
    assert cells[(2561, 3)]["surveyed_share"] == pytest.approx(0.5)
    assert set(cells[(2560, 6)]) == set(CONTRACT)


def test_cli_json_on_the_sample_gives_both_years_at_every_month_reached(tmp_path):
    db = tmp_path / "sample.duckdb"
    assert check_path(ROOT / "sample_data", db, commit=True).committed
    out = _cli("--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    cells = {(r["fiscal_year"], r["months"]): r["villages"] for r in json.loads(out.stdout)}
    # The data's latest date is 27 May 2018 (the last FY2561 follow-up survey). FY2560's 32
    # villages began training 6 Feb - 10 May 2017: all have reached 12 months. FY2561's 10
    # villages began 10 Oct - 21 Nov 2017: all have reached 6 months (21 May 2018), none 9
    # (the first, 10 Jul 2018).
    assert cells == {
        (2560, 0): 32,
        (2560, 3): 32,
        (2560, 6): 32,
        (2560, 9): 32,
        (2560, 12): 32,
        (2561, 0): 10,
        (2561, 3): 10,
        (2561, 6): 10,
    }
    narrowed = _cli("--db", str(db), "--district", "3414", "--json")
    # 3414 has 13 FY2560 villages and 4 FY2561 ones (sample/districts.py LATER_COHORT)
    counts = {(r["fiscal_year"], r["months"]): r["villages"] for r in json.loads(narrowed.stdout)}
    assert counts[(2560, 12)] == 13 and counts[(2561, 6)] == 4


def test_the_pack_has_the_cohort_slide_and_page(con):
    from pptx import Presentation

    from reports import build

    # the fixture's district 3017 holds both cohorts; as of 1 Apr 2018 FY2561 is at 3 months:
    # practising 100% (H4), FY2560 at 3 months 100% (H1, H2): the same, see test_values_at_3_months
    gap = "3 เดือนหลังอบรม: ยังประกอบอาชีพ 100% เท่ากับรุ่นปีงบ 2560 ณ ระยะเดียวกัน"
    prs = Presentation(io.BytesIO(build(con, Scope(district="3017", as_of=AS_OF), fmt="pptx")))
    slides = [
        s for s in prs.slides if s.shapes[0].text_frame.text == "เทียบรุ่นตามปีงบประมาณ ณ ระยะเดียวกันหลังอบรม"
    ]
    assert len(slides) == 1
    words = " ".join(sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame)
    assert gap in words
    assert "ปีงบ 2561 (1 หมู่บ้าน) ยังประกอบอาชีพ: 0 เดือน —, 3 เดือน 100%" in words
    pdf = build(con, Scope(district="3017", as_of=AS_OF), fmt="pdf")
    text = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    assert "".join(gap.split()) in "".join(text.decode().split())


@pytest.mark.parametrize(
    ("gap", "lang", "words"),
    [
        # the example: 91% against 88%, 3 points above
        (
            Gap(2561, 6, 0.91, 2560, 0.88),
            "en",
            "6 months after training: 91% practising, 3 points above FY2560 at the same point",
        ),
        # 95.0% against 95.86%: the shown numbers 95% and 96%, so 1 point below
        (
            Gap(2561, 6, 0.95, 2560, 0.9586),
            "th",
            "6 เดือนหลังอบรม: ยังประกอบอาชีพ 95% ต่ำกว่ารุ่นปีงบ 2560 ณ ระยะเดียวกัน 1 จุด",
        ),
        (
            Gap(2561, 6, 0.9, 2560, 0.9),
            "en",
            "6 months after training: 90% practising, the same as FY2560 at the same point",
        ),
        (
            Gap(2561, 6, 0.9, None, None),
            "en",
            "6 months after training: 90% practising, no earlier cohort has reached this point to compare",
        ),
        (Gap(2561, 0, None, 2560, None), "en", "0 months after training: no survey after training yet"),
    ],
)
def test_the_gap_in_words(gap, lang, words):
    assert gap_words(gap, lang) == words


def test_the_current_gap_is_the_latest_cohort_at_its_latest_month(con):
    gap = current_gap(cohorts(con, Scope(), as_of=AS_OF))
    # FY2561 is at 3 months (1 of 1 practising); FY2560 at 3 months 2 of 2 (test_values_at_3_months)
    assert gap == Gap(2561, 3, 1.0, 2560, 1.0)
