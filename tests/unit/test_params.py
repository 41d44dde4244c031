"""URL parameters (common.params) and the escaping helper (common.safe_text): every value is
checked for its form before use, unknown values give a Thai-first notice, and long or
pathological strings are answered correctly (the patterns are anchored and linear, so these run
fast without any timed assertion)."""

from __future__ import annotations

import datetime as dt

import pytest

from common.params import Known, check_params, out_of_scope, parse_as_of
from common.safe_text import clip, literal, plain

WJ = "\u2060"  # WORD JOINER
KNOWN = Known(
    fiscal_years={"2560", "2561"},
    provinces={"34", "30"},
    districts={"3414", "3017"},
    tambons={"341402"},
    villages={"34140201"},
    occupations={"มะขามหวาน", "จักสาน"},
)

PATHOLOGICAL = [
    "1" * 100_000,
    "2560-01-" * 5000,
    "[" * 5000 + "]" * 5000,
    "((((((((((((((((((((((((((((((((((((((((a" + ")" * 40,
    "3414\u202e",  # right-to-left override after a valid code
    "\u202e4143",
    "34\x0014",  # NUL inside
    "\x00",
    "๓๔๑๔",  # Thai digits are not the ASCII digits a code is made of
    "3414 ",
    " 3414",
    "３４１４",  # full-width digits
    "<script>alert(1)</script>",
    "![x](http://127.0.0.1:9/x.png)",
    "1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 x",
    "ม" * 100_000,
]


@pytest.mark.parametrize("value", PATHOLOGICAL)
@pytest.mark.parametrize(
    "param", ["fy", "province", "district", "tambon", "village", "occupation", "lang", "as_of"]
)
def test_every_parameter_refuses_pathological_values_with_one_notice(param, value):
    checked = check_params({param: value}, known=KNOWN)
    assert checked.values == {}
    assert checked.as_of is None
    assert [n.param for n in checked.notices] == [param]
    text = checked.notices[0].text()
    assert " / " in text  # Thai, then English
    assert len(text) < 300  # the value is quoted cut short, never in full
    assert "\x00" not in text
    assert "\u202e" not in text


@pytest.mark.parametrize(
    ("param", "value", "notice"),
    [
        ("district", "9999", "ไม่พบรหัสอำเภอ 9999 — แสดงทุกพื้นที่ / district 9999 not found — showing all areas"),
        (
            "district",
            "34x4",
            "รหัสอำเภอ 34x4 ไม่ถูกต้อง (ต้องเป็นตัวเลข 4 หลัก) — แสดงทุกพื้นที่ / "
            "district 34x4 is not a 4-digit code — showing all areas",
        ),
        ("province", "99", "ไม่พบรหัสจังหวัด 99 — แสดงทุกจังหวัด / province 99 not found — showing all provinces"),
        (
            "tambon",
            "999999",
            "ไม่พบรหัสตำบล 999999 — แสดงทุกตำบล / tambon 999999 not found — showing all tambons",
        ),
        (
            "village",
            "3414020",
            "รหัสหมู่บ้าน 3414020 ไม่ถูกต้อง (ต้องเป็นตัวเลข 8 หลัก) — แสดงทุกหมู่บ้าน / "
            "village 3414020 is not a 8-digit code — showing all villages",
        ),
        ("fy", "2599", "ไม่พบปีงบประมาณ 2599 — แสดงทุกปี / fiscal year 2599 not found — showing all years"),
        (
            "fy",
            "60",
            "ปีงบประมาณ 60 ไม่ถูกต้อง (ต้องเป็นปี พ.ศ. 4 หลัก) — แสดงทุกปี / "
            "fiscal year 60 is not a 4-digit BE year — showing all years",
        ),
        ("lang", "fr", "ไม่รู้จักภาษา fr — ใช้ภาษาไทย / language fr not known — using Thai"),
        ("lang", "TH", "ไม่รู้จักภาษา TH — ใช้ภาษาไทย / language TH not known — using Thai"),
        (
            "occupation",
            "ทำนา",
            "ไม่พบอาชีพ ทำนา — แสดงทุกอาชีพ / occupation ทำนา not found — showing all occupations",
        ),
        (
            "as_of",
            "31/2/2560",
            "อ่านวันที่ 31/2/2560 ไม่ได้ — ใช้วันที่ล่าสุดของข้อมูล / could not read the date 31/2/2560 — using the latest date in the data",
        ),
    ],
)
def test_unknown_or_malformed_values_are_named_in_the_notice(param, value, notice):
    checked = check_params({param: value}, known=KNOWN)
    assert checked.values == {}
    assert [n.text() for n in checked.notices] == [notice]


def test_good_values_pass_and_need_no_notice():
    raw = {
        "lang": "en",
        "fy": "2560",
        "province": "34",
        "district": "3414",
        "tambon": "341402",
        "village": "34140201",
        "occupation": "มะขามหวาน",
        "as_of": "1/6/2560",
        "page": "anything",  # not read by the dashboard: left alone, no notice
    }
    checked = check_params(raw, known=KNOWN)
    assert checked.notices == ()
    assert checked.values == {k: v for k, v in raw.items() if k != "page"}
    assert checked.as_of == dt.date(2017, 6, 1)  # 1 June 2560 BE = 2017 CE


def test_empty_values_are_absent_values():
    assert check_params({"district": "", "lang": ""}, known=KNOWN) == check_params({}, known=KNOWN)


def test_places_must_nest():
    # 3017 exists, but it is in province 30, not 34: the district is dropped, the province kept.
    checked = check_params({"province": "34", "district": "3017"}, known=KNOWN)
    assert checked.values == {"province": "34"}
    assert [n.text() for n in checked.notices] == [
        # province 34 is used, so that is what is shown (it once said "showing all areas")
        "อำเภอ 3017 ไม่อยู่ในจังหวัด 34 — แสดงทั้งจังหวัด 34 / district 3017 is not in province 34 — showing all of province 34"
    ]


@pytest.mark.parametrize(
    ("raw", "notice"),
    [
        (  # an unknown district inside a known province: the province is shown
            {"province": "34", "district": "9999"},
            "ไม่พบรหัสอำเภอ 9999 — แสดงทั้งจังหวัด 34 / district 9999 not found — showing all of province 34",
        ),
        (  # a malformed tambon under a used district: the district is shown (the nearest level)
            {"province": "34", "district": "3414", "tambon": "34x402"},
            "รหัสตำบล 34x402 ไม่ถูกต้อง (ต้องเป็นตัวเลข 6 หลัก) — แสดงทั้งอำเภอ 3414 / "
            "tambon 34x402 is not a 6-digit code — showing all of district 3414",
        ),
        (  # a tambon outside the district given: the district is shown
            {"district": "3017", "tambon": "341402"},
            "ตำบล 341402 ไม่อยู่ในอำเภอ 3017 — แสดงทั้งอำเภอ 3017 / "
            "tambon 341402 is not in district 3017 — showing all of district 3017",
        ),
        (  # a refused parent is not shown: the level above it is
            {"province": "99", "district": "3414", "tambon": "999999"},
            "ไม่พบรหัสตำบล 999999 — แสดงทั้งอำเภอ 3414 / tambon 999999 not found — showing all of district 3414",
        ),
    ],
)
def test_a_refused_place_notice_says_what_is_shown_instead(raw, notice):
    checked = check_params(raw, known=KNOWN)
    assert notice in [n.text() for n in checked.notices]


def test_a_long_value_is_refused_by_its_length_and_counted():
    checked = check_params({"district": "1" * 100_000}, known=KNOWN)
    assert checked.notices[0].th == "ค่า district ยาวเกินไป (100,000 ตัวอักษร) — ไม่ได้ใช้"


def test_out_of_scope_notice():
    assert out_of_scope("district", "3017").text() == (
        "อำเภอ 3017 ไม่อยู่ในขอบเขตที่เลือก — แสดงทุกอำเภอในขอบเขตนั้น / "
        "district 3017 is not in the selected scope — showing every district in it"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-03-25", dt.date(2017, 3, 25)),
        ("2560-03-25", dt.date(2017, 3, 25)),  # BE in ISO order: 2560 - 543 = 2017
        ("25/03/2560", dt.date(2017, 3, 25)),
        ("25.3.60", dt.date(2017, 3, 25)),  # two-digit years are BE: 2560
        ("25-3-2017", dt.date(2017, 3, 25)),
        ("25 มี.ค. 2560", dt.date(2017, 3, 25)),
        ("25 มีค 2560", dt.date(2017, 3, 25)),
        ("25 มีนาคม พ.ศ. 2560", dt.date(2017, 3, 25)),
        ("วันที่ 25 มีนาคม 2560", dt.date(2017, 3, 25)),
        ("๒๕ มี.ค. ๖๐", dt.date(2017, 3, 25)),
        ("  25   มี.ค.   2560 ", dt.date(2017, 3, 25)),
        ("25 Mar 2017", dt.date(2017, 3, 25)),
        ("25 march 2017", dt.date(2017, 3, 25)),
        ("29 ก.พ. 2563", dt.date(2020, 2, 29)),  # 2020 is a leap year
        ("29 ก.พ. 2560", None),  # 2017 is not
        ("31/2/2560", None),
        ("25/13/2560", None),
        ("25/03-2560", None),  # mixed separators
        ("2017-03-25T10:00", None),
        ("1/1/1989", None),  # before 1990
        ("1/1/2101", None),  # after 2100
        ("25 มีนา 2560", None),
        ("", None),
        ("2560-01-" * 5000, None),
        ("1" * 100_000, None),
        ("(" * 5000, None),
        ("25 " + "ม" * 100_000 + " 2560", None),
        ("25\u202e/03/2560", None),
        ("25/03/2560\x00", None),
    ],
)
def test_parse_as_of(text, expected):
    assert parse_as_of(text) == expected


@pytest.mark.parametrize(
    ("text", "markdown", "html"),
    [
        ("บ้านหนองบัว", "บ้านหนองบัว", "บ้านหนองบัว"),
        (
            "![x](http://127.0.0.1:9/x.png)",
            r"\!\[x\]\(http" + WJ + r"\:\/\/127\.0\.0\.1\:9\/x\.png\)",  # WJ: no autolink
            "![x](http://127.0.0.1:9/x.png)",
        ),
        ("<b>bold</b>", r"\<b\>bold\<\/b\>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("<script>x</script>", r"\<script\>x\<\/script\>", "&lt;script&gt;x&lt;/script&gt;"),
        ("a & 'b' \"c\"", "a \\& \\'b\\' \\\"c\\\"", "a &amp; &#x27;b&#x27; &quot;c&quot;"),
        ("$x^2$ :red[y]", r"\$x\^2\$ \:red\[y\]", "$x^2$ :red[y]"),
        ("two\nlines", "two lines", "two lines"),
        ("www.a.th WWW.b x@y.z", f"www{WJ}\\.a\\.th WWW{WJ}\\.b x{WJ}\\@y\\.z", "www.a.th WWW.b x@y.z"),
        ("abc\u202edef\x00", "abcdef", "abcdef"),
        (None, "", ""),
        (12, "12", "12"),
    ],
)
def test_literal_escapes_for_each_context(text, markdown, html):
    assert literal(text) == markdown
    assert literal(text, context="html") == html


def test_literal_refuses_an_unknown_context():
    with pytest.raises(ValueError, match="unknown escaping context"):
        literal("x", context="latex")  # type: ignore[arg-type]


def test_plain_and_clip():
    assert plain("a\u200bb\u2066c\ufeff") == "abc"
    assert clip("ม" * 100_000, limit=5) == "มมมม…"
    assert clip("short") == "short"


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("month", range(1, 13))
def test_a_date_shown_in_the_box_reads_back_as_the_same_date(lang, month):
    """The date box shows what it read in the page's language (fmt_date) and reads it again on
    the next run: every month, both languages, the 31st or the month's last day."""
    import datetime as dt

    from common.formats import fmt_date

    day = (dt.date(2017, month % 12 + 1, 1) - dt.timedelta(days=1)) if month != 12 else dt.date(2017, 12, 31)
    assert parse_as_of(fmt_date(day, lang)) == day
