"""The district card for LINE (issue 22 part 4): ``reports.card`` and ``python -m reports card``.

On the hand-made fixture (tests/metrics_fixture.py): district ชุมพวง (3017) = villages A
(30170101) and B (30170201); ม่วงสามสิบ (3414) = C (34140101) and D (34140201). The latest
dated row of all areas is H4's 12-month survey on 15 Jan 2018 (BE 2561): the default as-of date.

By hand for 3017 at 15 Jan 2018 (the headline values as in tests/unit/test_reports.py):

- practising 3/3 = 100.0%, income +16000/160000 = 10.0%, villages with a group 2/2 = 100.0%:
  all three met.
- stages (done of 2, overdue): team A only (B has no trainers; B's team plan due 31 Jan 2017:
  overdue) → 1, 1; households (target 20 each; A has 3, B 1) → 0, 0; knowledge (days 1-3 in
  both) → 2, 0; study visit, practice (day 4, 5 in A only) → 1, 0; group (G1 in A, G2 in B) →
  2, 0; network (G1's links; G2 none) → 1, 0; follow-up (A's H3 has no later survey; B's H4
  has) → 1, and A's follow-up plan due 30 Jun 2017 is overdue → 1.
- follow-ups, most overdue first: B's team stage and B's missing lead (both due 31 Jan 2017:
  349 days; a stage before a lead), A's follow-up stage (due 30 Jun 2017: 199 days), A's
  6-month surveys of H1 and H2 (post on 1 May 2017, due 1 Nov 2017: 75 days), then the
  import warnings, which have no due date: H3's blank occupation (households.csv row 4, a
  household with a head's name), A and B under 20 households, B without trainers → 8 in all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from data_loaders.contract.privacy import mask_name
from data_loaders.store.importer import check_path
from data_loaders.store.store import open_read_only
from metrics.followups import followups
from metrics.scope import Scope
from reports.card import DistrictError, Stage, build_card, card_pdf, card_png, district_scope, gather_card
from reports.data import NoDataError
from reports.pdf_pack import ACCENT
from tests.builders import write_csv_folder
from tests.metrics_fixture import METRICS_INPUT, A, B

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2018, 1, 15)
POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdftoppm") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed")

# Personal data in the fixture: household heads, a national ID, a trainer's phone, the officers.
HEADS = ("สมชาย", "สมศรี", "สมปอง", "สมหมาย", "สมพร")
PERSONAL = (*HEADS, "3100600445635", "0811111111", "สมหญิง", "สมใจ", "ทดสอบ", "***", "H3")
# ม่วงสามสิบ (3414) in words and codes, and ชุมพวง's (3017).
OTHER_3414 = ("ม่วงสามสิบ", "อุบลราชธานี", "บ้านสมมุติซี", "บ้านสมมุติดี", "34140101", "34140201", "3414")
OTHER_3017 = ("ชุมพวง", "นครราชสีมา", "บ้านสมมุติเอ", "บ้านสมมุติบี", A, B, "3017")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("card")
    path = folder / "store.duckdb"
    result = check_path(write_csv_folder(folder / "input", METRICS_INPUT), path, commit=True)
    assert result.committed, [p.line() for p in result.dataset.errors]
    return path


@pytest.fixture
def con(db):
    connection = open_read_only(db)
    yield connection
    connection.close()


def squash(text: str) -> str:
    """Text without any whitespace: pdftotext splits ำ from its letter ("อำ เภอ")."""
    return re.sub(r"\s+", "", text)


def card_text(con, district: str, **options) -> str:
    """The words of the card of ``district``: the PDF the PNG is rasterised from, extracted."""
    lang = options.pop("lang", "th")
    pdf = card_pdf(con, district_scope(con, district, **options), lang=lang)
    done = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True)
    return squash(done.stdout.decode())


# --- what the card holds ----------------------------------------------------------------------


def test_the_card_gathers_the_stages_and_the_most_urgent_followups(con):
    card = gather_card(con, Scope(district="3017"))
    assert card.as_of == AS_OF and card.as_of_default  # no date asked: the default, said so
    assert card.villages == 2
    assert [(k.id, k.met) for k in card.kpis] == [
        ("practising_share", True),
        ("income_increase_pct", True),
        ("villages_with_group_share", True),
    ]
    assert card.stages == (
        Stage("team", 1, 1),
        Stage("households", 0, 0),
        Stage("knowledge", 2, 0),
        Stage("study_visit", 1, 0),
        Stage("practice", 1, 0),
        Stage("group", 2, 0),
        Stage("network", 1, 0),
        Stage("follow_up", 1, 1),
    )
    urgent = card.urgent
    assert list(zip(urgent["kind"], urgent["village_code"], strict=True)) == [
        ("overdue_stage", B),
        ("no_lead", B),
        ("overdue_stage", A),
        ("survey_due", A),
        ("data_quality", A),
    ]
    assert list(urgent["days_overdue"][:4]) == [349, 349, 199, 75]
    assert card.followups_total == 8


@needs_poppler
def test_the_card_says_the_district_date_targets_stages_and_followups_in_thai(con):
    text = card_text(con, "3017")
    for words in (
        "อำเภอชุมพวงจังหวัดนครราชสีมา",
        "รหัสอำเภอ3017",
        "ข้อมูลณวันที่15มกราคม2561",  # Buddhist era
        "หมู่บ้านเป้าหมาย2หมู่บ้าน",
        "100.0%✓ผ่านเป้าเป้า≥85%",
        "10.0%✓ผ่านเป้าเป้า≥3%",
        "100.0%✓ผ่านเป้าเป้า≥10%",
        "ความก้าวหน้า8ขั้นตอน",
        "เสร็จ(หมู่บ้าน)เลยกำหนด(หมู่บ้าน)",
        "1.ทีมวิทยากร1/21",
        "2.ครัวเรือน0/2–",
        "8.ติดตามผล1/21",
        "5เรื่องเร่งด่วนที่ต้องติดตาม",
        "(5จาก8รายการ)",
        "1.บ้านสมมุติบี(30170201)เลยกำหนด349วันขั้นตอนเลยกำหนด·ทีมวิทยากร",
        "2.บ้านสมมุติบี(30170201)เลยกำหนด349วันไม่มีปราชญ์·หาปราชญ์หัวหน้าทีม",
        "3.บ้านสมมุติเอ(30170101)เลยกำหนด199วัน",
        "ติดตาม6เดือน:2ครัวเรือน",
        "5.บ้านสมมุติเอ(30170101)คุณภาพข้อมูล·ตรวจแก้households.csvแถว4",
        "และอีก3รายการ",
    ):
        assert words in text, words


@needs_poppler
def test_a_target_not_met_is_red_crossed(con):
    """3414 on 20 Jun 2017: C's group G3 is founded on 1 Jul 2017 and D has none, so 0 of 2
    villages have a group: 0.0% against at least 10%."""
    text = card_text(con, "3414", as_of=dt.date(2017, 6, 20))
    assert "ข้อมูลณวันที่20มิถุนายน2560" in text
    assert "0.0%✗ยังไม่ผ่านเป้า≥10%" in text


@needs_poppler
def test_the_card_in_english(con):
    text = card_text(con, "3017", lang="en")
    assert "ChumPhuangdistrict,NakhonRatchasimaDistrictcode3017" in text
    assert "Dataasof15January2018" in text
    assert "349daysoverdue" in text


@needs_poppler
def test_the_card_is_a_portrait_png_1080_wide_set_in_sarabun(con, tmp_path):
    data = build_card(con, "3017")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        corner = image.convert("RGB").getpixel((5, 5))
    assert width == 1080 and height > width
    assert corner == ACCENT  # the header band: the card itself
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(card_pdf(con, district_scope(con, "3017")))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in fonts and "SammachipMarks" in fonts  # shaped Thai, and the ✓ ✗ marks


# --- no personal data, nothing of another district ------------------------------------------------


@needs_poppler
def test_no_personal_data_on_the_card(con):
    # the fifth follow-up is about a household whose (masked) head's name the list carries
    listed = followups(con, Scope(district="3017"), as_of=AS_OF, limit=5)
    assert listed["head_name"].iloc[4].startswith("สมปอง")
    text = card_text(con, "3017")
    for personal in PERSONAL:
        assert personal not in text, personal


@needs_poppler
@pytest.mark.parametrize(
    ("district", "own", "other"),
    [("3017", "บ้านสมมุติบี", OTHER_3414), ("3414", "บ้านสมมุติซี", OTHER_3017)],
)
def test_no_name_of_the_other_district(con, district, own, other):
    text = card_text(con, district)
    assert own in text
    for words in other:
        assert words not in text, words


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    """The committed sample (19 villages in 3017, 13 in 3414) in a store of the module's own."""
    path = tmp_path_factory.mktemp("card_sample") / "sample.duckdb"
    assert check_path(ROOT / "sample_data", path, commit=True).committed
    return path


def _sample(name: str) -> list[dict[str, str]]:
    with open(ROOT / "sample_data" / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _places(district: str) -> set[str]:
    """The village, tambon, district and province names and village codes of ``district``."""
    out: set[str] = set()
    for v in _sample("villages.csv"):
        if v["village_code"].startswith(district):
            out |= {v["village_name"], v["tambon_name"], v["district_name"], v["province_name"]}
            out.add(v["village_code"])
    return out


def _personal() -> set[str]:
    """Every person of the sample as the card's text would hold them (spaces removed): household
    heads, trainers and officers in full and masked, household IDs, national IDs and phones."""
    out: set[str] = set()
    for name, column in (("households.csv", "head_name"), ("trainers.csv", "name"), ("officers.csv", "name")):
        for row in _sample(name):
            out |= {squash(row[column]), squash(mask_name(row[column]) or "")}
    for row in _sample("households.csv"):
        out |= {row["household_id"], row["national_id"]}
    for row in _sample("trainers.csv"):
        out |= {row["phone"], re.sub(r"\D", "", row["phone"])}
    return {words for words in out if words}


@needs_poppler
@pytest.mark.parametrize(("district", "other"), [("3017", "3414"), ("3414", "3017")])
def test_the_sample_cards_name_no_person_and_nothing_of_the_other_district(sample_db, district, other):
    connection = open_read_only(sample_db)
    try:
        text = card_text(connection, district)
    finally:
        connection.close()
    own = _places(district)
    assert {"3017": "อำเภอชุมพวงจังหวัดนครราชสีมา", "3414": "อำเภอม่วงสามสิบจังหวัดอุบลราชธานี"}[district] in text
    assert any(squash(name) in text for name in own if name.startswith("บ้าน"))  # its villages are read
    for words in sorted(_places(other) - own):  # a name both districts use tells nothing apart
        assert squash(words) not in text, words
    for words in sorted(_personal()):
        assert words not in text, words


def test_a_grant_decides_which_districts_have_a_card(con):
    with pytest.raises(DistrictError) as refused:
        build_card(con, "3414", allowed=("3017",))  # an officer of 3017
    assert refused.value.key == "card.outside" and "3414" in str(refused.value)
    with pytest.raises(DistrictError) as unknown:
        build_card(con, "9999")
    assert unknown.value.key == "card.no_district"
    assert district_scope(con, "3414", allowed=("34",)).allowed == ("34",)  # a manager of 34


@needs_poppler
def test_the_overviews_download_builds_within_the_grant(con):
    """ui/card.py hands :func:`card_png` the page's scope narrowed to the person's grant."""
    officer = ("3017",)
    png = card_png(con, Scope(district="3017", as_of=AS_OF, allowed=officer))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(NoDataError):  # the scope SQL applies the grant to every row
        gather_card(con, Scope(district="3414", as_of=AS_OF, allowed=officer))


# --- command line ---------------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reports", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@needs_poppler
def test_cli_writes_the_card(db, tmp_path):
    out = tmp_path / "card.png"
    result = run("card", "--db", str(db), "--district", "3017", "--as-of", "2018-01-15", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    with Image.open(out) as image:
        assert image.size[0] == 1080


@pytest.mark.parametrize(
    ("district", "out", "said"),
    [
        ("30", "card.png", "--district must be 4 digits (found '30')"),
        ("9999", "card.png", "--district 9999: ไม่พบอำเภอรหัส 9999 ในฐานข้อมูล / no district with code 9999"),
        ("3017", "card.pdf", "--out must end in .png"),
    ],
)
def test_cli_a_bad_district_exits_2_and_names_it(db, tmp_path, district, out, said):
    result = run("card", "--db", str(db), "--district", district, "--out", str(tmp_path / out))
    assert result.returncode == 2, result.stderr
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.iterdir())
