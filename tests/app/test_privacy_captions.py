"""AppTest: the personal-data caption (and the household download's label) follows the reveal
switch: masked says masked, revealed says shown (issue 17 item 11). Local mode: the one person
at this machine is an admin, who may reveal."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
MASKED = "ชื่อ เลขบัตรประชาชน และโทรศัพท์ถูกปกปิดตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล"
SHOWN = "แสดงชื่อ เลขบัตรประชาชน และโทรศัพท์ตามสิทธิ์ของท่าน (พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล) การเปิดดูถูกบันทึกไว้"
SHOWN_EN = (
    "Names, national IDs and phone numbers are shown, as your role allows (PDPA); the reveal is logged."
)


def _page(db: Path, monkeypatch, page: str, query: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("SAMMACHIP_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


@pytest.mark.parametrize(
    ("page", "switch"), [("pages/income.py", "reveal_income"), ("pages/trainers.py", "reveal_trainers")]
)
def test_the_privacy_caption_follows_the_reveal_switch(sample_store, monkeypatch, page, switch):
    at = _page(sample_store, monkeypatch, page, {"district": "3414"})
    assert not at.exception
    assert MASKED in _captions(at) and SHOWN not in _captions(at)
    at.toggle(key=switch).set_value(True).run()
    assert not at.exception
    assert SHOWN in _captions(at) and MASKED not in _captions(at)
    at.toggle(key=switch).set_value(False).run()
    assert MASKED in _captions(at) and SHOWN not in _captions(at)


def test_the_household_download_says_what_it_holds(sample_store, monkeypatch):
    at = _page(sample_store, monkeypatch, "pages/income.py", {"district": "3414", "lang": "en"})
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download CSV (personal data masked)" in labels
    at.toggle(key="reveal_income").set_value(True).run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download CSV (with personal data)" in labels
    assert "Download CSV (personal data masked)" not in labels
    assert SHOWN_EN in _captions(at)
