"""The figure builders and formats without Streamlit: traces, labels and hover text in Thai and
English, from small hand-made frames."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pandas as pd
import pytest

from common.formats import be_iso, fmt_baht, fmt_date
from common.strings import code_label, followup_item, place, text
from figures import charts

FUNNEL = pd.DataFrame(
    {
        "step": ["villages", "trainers", "households", "trained", "practising"],
        "count": [2, 10, 40, 30, 20],
    }
)


def test_figures_never_import_streamlit():
    code = "import sys, figures.charts, common.strings; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("lang", "first", "practising", "shown"),
    [
        ("th", "หมู่บ้านเป้าหมาย", "ยังประกอบอาชีพ", ("20 ครัวเรือน", "50% ของทั้งหมด")),
        ("en", "Target villages", "Still practising", ("20 households", "50% of all")),
    ],
)
def test_funnel_labels_and_shares(lang, first, practising, shown):
    fig = charts.funnel(FUNNEL, lang=lang)
    (trace,) = fig.data
    assert trace.type == "funnel"
    assert trace.y[0] == first
    assert trace.y[4] == practising
    # 20 practising of 40 target households = 50%, its denominator said beside it (the
    # Overview's card counts over households surveyed after training); villages and trainers
    # carry no share
    assert (trace.text[4], trace.customdata[4]) == shown
    assert trace.texttemplate[4] == "%{text}<br>%{customdata}"  # the share on a second line
    assert trace.texttemplate[0] == "%{text}" and trace.customdata[0] == ""
    assert trace.hovertemplate == "%{y}: %{x:,}<extra></extra>"


@pytest.mark.parametrize(
    ("lang", "names", "axis"),
    [
        ("th", ["ความก้าวหน้า", "รายได้เปลี่ยน", "ยังประกอบอาชีพ"], "สัดส่วน (%)"),
        ("en", ["Progress", "Income change", "Practising"], "Share (%)"),
    ],
)
def test_district_bars(lang, names, axis):
    frame = pd.DataFrame(
        {
            "district_name": ["ชุมพวง", "ม่วงสามสิบ"],
            "mean_progress": [0.5, 0.25],
            "income_increase_pct": [0.031, float("nan")],
            "practising_share": [0.9, 0.8],
        }
    )
    fig = charts.district_bars(frame, name_column="district_name", lang=lang)
    assert [tr.name for tr in fig.data] == names
    assert fig.layout.yaxis.title.text == axis
    # 0.031 → 3.1%; a missing value shows a dash, never "nan%"
    assert list(fig.data[1].text) == ["3.1%", "—"]
    assert fig.data[0].hovertemplate.endswith(f"<extra>{names[0]}</extra>")


@pytest.mark.parametrize(
    ("lang", "day_label", "date_label", "activity"),
    [("th", "วันอบรมที่", "1 มี.ค. 2560", "ถ่ายทอดความรู้"), ("en", "Day", "1 Mar 2017", "Knowledge transfer")],
)
def test_timeline_hover_in_each_language(lang, day_label, date_label, activity):
    frame = pd.DataFrame(
        {
            "village_label": ["บ้านเอ", "บ้านเอ"],
            "date": pd.to_datetime(["2017-03-01", "2017-03-10"]),
            "day": [1, 4],
            "activity": ["knowledge", "study_visit"],
        }
    )
    fig = charts.stage_timeline(frame, lang=lang)
    assert len(fig.data) == 2
    assert fig.data[0].name == activity
    assert day_label in fig.data[0].hovertemplate
    assert list(fig.data[0].customdata[0]) == [1, date_label]
    # date ticks in the language: BE year in Thai
    assert date_label in fig.layout.xaxis.ticktext


def test_team_bars_mark_short_teams_red():
    frame = pd.DataFrame({"label": ["เอ", "บี"], "trainers": [5, 2], "full_team": [True, False]})
    fig = charts.team_bars(frame, target=5, lang="en")
    (bar,) = fig.data
    # reversed so the first village is on top
    assert list(bar.y) == ["บี", "เอ"]
    assert list(bar.marker.color) == [charts.TARGET_COLOUR, charts.GOOD]
    assert fig.layout.xaxis.title.text == "Trainers"


def test_network_bars_labels_networks_in_thai():
    frame = pd.DataFrame({"network": ["otop", "baac"], "links": [3, 1], "sales_baht": [12000.0, None]})
    fig = charts.network_bars(frame, lang="th")
    # Bars at positions 0, 1 named by tick text (so a long name may take two lines).
    assert list(fig.data[0].x) == [0, 1]
    assert list(fig.layout.xaxis.ticktext) == ["OTOP", "ธ.ก.ส."]
    assert list(fig.data[0].customdata) == ["OTOP", "ธ.ก.ส."]  # for the hover
    assert fig.data[1].name == "ยอดขาย (พันบาท/ปี)"
    assert list(fig.data[1].y) == [12.0, 0.0]  # 12,000 baht = 12 thousand; missing = 0


@pytest.mark.parametrize(
    ("lang", "long", "expected"),
    [
        ("th", True, "31 พฤษภาคม 2560"),  # 2017 + 543
        ("th", False, "31 พ.ค. 2560"),
        ("en", True, "31 May 2017"),
        ("en", False, "31 May 2017"),
    ],
)
def test_dates(lang, long, expected):
    assert fmt_date(dt.date(2017, 5, 31), lang, long=long) == expected


def test_strings_take_the_language():
    assert text("filters.district", "th") == "อำเภอ"
    assert text("filters.district", "en") == "District"
    assert text("filters.scope_caption", "en", scope="x") == "Scope: x"
    assert code_label("status", "overdue", "th") == "เลยกำหนด"
    assert code_label("status", "mystery", "en") == "mystery"
    assert fmt_baht(12500, "en") == "12,500 baht"
    assert (
        place({"district_name": "ชุมพวง", "district_name_en": "Chum Phuang"}, "district", "en")
        == "Chum Phuang"
    )
    assert place({"district_name": "ชุมพวง", "district_name_en": None}, "district", "en") == "ชุมพวง"
    assert be_iso(dt.date(2017, 5, 31)) == "2560-05-31"


@pytest.mark.parametrize(
    ("kind", "item", "households", "lang", "expected"),
    [
        ("overdue_stage", "study_visit", None, "th", "ศึกษาดูงาน"),
        ("overdue_stage", "study_visit", None, "en", "Study visit"),
        ("no_lead", "lead", None, "th", "หาปราชญ์หัวหน้าทีม"),
        ("survey_due", "follow_6m", 20, "th", "ติดตาม 6 เดือน: 20 ครัวเรือน"),
        ("survey_due", "follow_12m", 1, "en", "12 months: 1 household"),  # one: the singular
        (
            "data_quality",
            "หมู่บ้าน 30170101 มีวิทยากร 4 คน (เป้า 5) / village 30170101 has 4 trainers (target 5)",
            None,
            "en",
            "village 30170101 has 4 trainers (target 5)",
        ),
        ("data_quality", "only one language", None, "th", "only one language"),
    ],
)
def test_followup_items_in_words(kind, item, households, lang, expected):
    assert followup_item(kind, item, households, lang) == expected


@pytest.mark.parametrize(
    ("household", "head", "source", "row", "lang", "expected"),
    [
        # a household's warning: the household, its head (masked by metrics), the file row
        (
            "H3",
            "สมปอง ใ***",
            "households.csv",
            4,
            "th",
            "ครัวเรือน H3 (สมปอง ใ***): ยังไม่ระบุอาชีพ · households.csv แถว 4",
        ),
        ("H3", None, "รายได้", 7, "en", "household H3: occupation is blank · รายได้ row 7"),  # no head known
        (None, None, "villages.csv", None, "en", "occupation is blank · villages.csv row -"),  # no row
        (None, None, None, None, "th", "ยังไม่ระบุอาชีพ"),
    ],
)
def test_a_data_quality_item_names_the_household_and_the_file_row(
    household, head, source, row, lang, expected
):
    message = "ยังไม่ระบุอาชีพ / occupation is blank"
    got = followup_item(
        "data_quality", message, None, lang, household=household, head=head, source=source, row=row
    )
    assert got == expected


@pytest.mark.parametrize(
    ("lang", "practising", "income", "villages"),
    [
        (
            "th",
            "% ของครัวเรือนที่สำรวจหลังอบรม",
            "% เทียบรายได้รอบฐาน ของครัวเรือนที่สำรวจครบทั้งสองรอบ",
            "% ของหมู่บ้านเป้าหมาย",
        ),
        (
            "en",
            "% of those surveyed after training",
            "% over baseline income, of households surveyed before and after",
            "% of target villages",
        ),
    ],
)
def test_kpi_cards_say_what_their_share_is_of(lang, practising, income, villages):
    """The Overview's cards (and the funnel above) say their denominators beside the numbers."""
    from metrics.indicators import headline, indicator

    assert {i.id for i in headline()} == {
        "practising_share",
        "income_increase_pct",
        "villages_with_group_share",
    }
    for ind_id, expected in (
        ("practising_share", practising),
        ("income_increase_pct", income),
        ("villages_with_group_share", villages),
    ):
        assert text("overview.kpi_of", lang, of=indicator(ind_id).of(lang)) == expected
    assert indicator("attendance_rate").of(lang) is None  # not a card: nothing to say
