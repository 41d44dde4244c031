"""Nothing crosses a grant (issue 18 part 3, issue 17 item 1): every page, walked as an officer
granted district 3017 and as a manager of province 34 who opens ``?district=3017``, shows no
text that names a village, tambon, district, province or officer of the other area; and the
meeting pack gathered for each sample district names only that district's villages.

The sample store has two districts: 3017 ชุมพวง (province 30 นครราชสีมา) and 3414 ม่วงสามสิบ
(province 34 อุบลราชธานี). What belongs to each is read from sample_data/ (villages.csv,
officers.csv); a name that both districts use (a tambon named like its district, a village
name given twice) is left out, since it does not tell the areas apart.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access import store
from data_loaders.contract.privacy import mask_name
from data_loaders.store.store import open_read_only
from metrics.scope import Scope
from reports.data import gather, outline

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "test-cookie-secret",
    "client_id": "dashboard",
    "client_secret": "test-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
OFFICER, MANAGER = "off@cdd.go.th", "man@cdd.go.th"
PAGES = (
    "pages/overview.py",
    "pages/progress.py",
    "pages/income.py",
    "pages/trainers.py",
    "pages/groups.py",
    "pages/indicators.py",
    "pages/data.py",
)  # pages/access.py (the audit view) is registered for administrators only, who see every area


def _rows(name: str) -> list[dict[str, str]]:
    with open(ROOT / "sample_data" / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _names(district: str) -> set[str]:
    """Village, tambon, district and province names of ``district``, and its officers',
    household heads' and trainers' names as pages show them (masked)."""
    out: set[str] = set()
    for v in _rows("villages.csv"):
        if v["village_code"].startswith(district):
            out |= {v["village_name"], v["tambon_name"], v["district_name"], v["province_name"]}
    for o in _rows("officers.csv"):
        if o["district_code"] == district:
            out.add(mask_name(o["name"]))  # as every page shows a name (first names alone repeat)
    for name, column in (("households.csv", "head_name"), ("trainers.csv", "name")):
        out |= {mask_name(r[column]) for r in _rows(name) if r["village_code"].startswith(district)}
    return out


def forbidden(own: str, other: str) -> tuple[re.Pattern[str], set[str]]:
    """A pattern for tambon and village codes of ``other`` (6 or 8 digits), and the names that
    are ``other``'s only."""
    codes = re.compile(rf"(?<!\d){other}\d{{2}}(?:\d{{2}})?(?!\d)")
    return codes, _names(other) - _names(own)


def crossings(text: str, own: str, other: str) -> list[str]:
    codes, names = forbidden(own, other)
    return sorted(set(codes.findall(text)) | {n for n in names if n in text})


def test_the_checks_can_fail():
    # the sample's names and codes are found, so a pass below means something
    _codes, names = forbidden("3017", "3414")
    assert {"ม่วงสามสิบ", "อุบลราชธานี"} <= names and "ชุมพวง" not in names
    assert crossings("หมู่บ้าน 34140609 มีวิทยากร 4 คน", "3017", "3414") == ["34140609"]
    assert crossings("ตำบล 341406 · 3414 (อำเภอที่ขอ)", "3017", "3414") == [
        "341406"
    ]  # a district code alone is the request
    assert "ชุมพวง" in _names("3017")


@pytest.fixture
def access_db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "access.duckdb"
    monkeypatch.setenv("SAMMACHIP_ACCESS_DB", str(path))
    store.grant(OFFICER, "officer", ["3017"], by="test", path=path)
    store.grant(MANAGER, "manager", ["34"], by="test", path=path)
    return path


def _page_text(at: AppTest) -> str:
    """Everything the page shows as text: headings, notices, captions, markdown, metrics,
    every cell of every table, widget labels and their choices."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "text",
        "info",
        "warning",
        "error",
        "success",
    ):
        parts += [str(e.value) for e in at.get(kind)]
    for m in at.metric:
        parts += [str(m.label), str(m.value), str(m.proto.delta), str(m.help or "")]
    for frame in at.dataframe:
        parts.append(frame.value.to_csv())
    for table in at.table:
        parts.append(table.value.to_csv())
    for box in [*at.selectbox, *at.multiselect]:
        parts += [str(box.label), *(str(o) for o in box.options)]
    for chart in at.get("plotly_chart"):
        parts.append(str(chart.proto.spec))
    for deck in at.get("deck_gl_json_chart"):
        parts.append(str(deck.proto.json) + str(deck.proto.tooltip))
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("email", "query", "own", "other"),
    [
        (OFFICER, {}, "3017", "3414"),
        (OFFICER, {"district": "3414"}, "3017", "3414"),  # asking for the other district
        (MANAGER, {"district": "3017"}, "3414", "3017"),  # a manager of 34 opening 3017
    ],
)
def test_no_page_shows_another_areas_names(sample_store, access_db, monkeypatch, email, query, own, other):
    monkeypatch.setenv("SAMMACHIP_DB", str(sample_store))
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email}
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        text = _page_text(at)
        assert text.strip(), page
        assert crossings(text, own, other) == [], page
    # the walk saw its own area (the checks look at real pages)
    at.switch_page("pages/progress.py").run()
    assert crossings(_page_text(at), other, own)


def _pack_text(pack) -> str:
    parts: list[str] = []
    for section in outline(pack):
        parts.append(section.title)
        for block in section.blocks:
            parts += list(block.lines)
            parts.append(str(block.caption or ""))
            if block.table is not None:
                parts += [block.table.title, *block.table.headers, str(block.table.note or "")]
                parts += [str(cell) for row in block.table.rows for cell in row]
    parts += [figure.to_json() for figure in pack.figures.values()]
    return "\n".join(parts)


@pytest.mark.parametrize(("own", "other"), [("3017", "3414"), ("3414", "3017")])
def test_the_meeting_pack_names_only_its_districts_villages(sample_store, own, other):
    con = open_read_only(sample_store)
    try:
        for lang in ("th", "en"):
            text = _pack_text(gather(con, Scope(district=own), lang=lang))
            assert crossings(text, own, other) == [], lang
            assert crossings(text, other, own)  # its own villages are there
        # the follow-up slide has this district's data-quality lines, naming their villages
        follow = gather(con, Scope(district=own)).tables["followups"]
        quality = [row for row in follow.rows if row[0] == "คุณภาพข้อมูล"]
        assert quality and all(f"({own}" in row[1] for row in quality)
    finally:
        con.close()
