"""The data contract: tables, columns, Thai aliases, coded values, keys and references.

This module is the single written form of ``docs/DATA.md``. Readers, validation, the store,
the sample generator and the Excel template all read it, so a column is renamed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal[
    "id",  # free identifier, Thai digits folded to Arabic, leading zeros kept
    "village_code",  # 8 digits CCAATTMM
    "district_code",  # 4 digits CCAA
    "text",  # names and notes, kept as typed (trimmed)
    "int",  # whole number
    "money",  # baht, >= 0, thousands separators and "บาท" allowed
    "lat",
    "lon",
    "date",
    "bool",
    "enum",
    "list",  # ";" or "," separated
    "fiscal_year",  # BE or CE in, BE stored
    "national_id",  # 13 digits with the DOPA check digit
    "phone",
]

SQL_TYPES: dict[str, str] = {
    "id": "VARCHAR",
    "village_code": "VARCHAR",
    "district_code": "VARCHAR",
    "text": "VARCHAR",
    "int": "INTEGER",
    "money": "DOUBLE",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "date": "DATE",
    "bool": "BOOLEAN",
    "enum": "VARCHAR",
    "list": "VARCHAR[]",
    "fiscal_year": "INTEGER",
    "national_id": "VARCHAR",
    "phone": "VARCHAR",
}

YES_WORDS = ("ใช่", "มี", "yes", "y", "true", "1", "✓", "✔")
NO_WORDS = ("ไม่ใช่", "ไม่มี", "no", "n", "false", "0", "✗", "✘")

# Coded values: code -> the Thai (and other) words accepted for it. The code itself is always
# accepted too. Matching ignores case and surrounding spaces.
DOMAINS: dict[str, dict[str, tuple[str, ...]]] = {
    "role": {
        "lead": ("ปราชญ์", "ปราชญ์สัมมาชีพ", "หัวหน้าทีม"),
        "team": ("วิทยากร", "ทีม", "วิทยากรสัมมาชีพ"),
    },
    "round": {
        "baseline": ("ก่อนเข้าร่วม", "ฐาน"),
        "post": ("หลังอบรม",),
        "follow_6m": ("ติดตาม 6 เดือน",),
        "follow_12m": ("ติดตาม 12 เดือน",),
    },
    "activity": {
        "knowledge": ("ถ่ายทอดความรู้",),
        "study_visit": ("ศึกษาดูงาน",),
        "home_practice": ("ฝึกปฏิบัติ",),
    },
    "network": {
        "otop": ("OTOP", "โอทอป"),
        "market": ("ตลาด", "ตลาดนัด"),
        "village_fund": ("กองทุนหมู่บ้าน",),
        "baac": ("ธ.ก.ส.", "ธกส"),
        "savings_group": ("กลุ่มออมทรัพย์",),
        "women_network": ("เครือข่ายสตรี",),
        "local_gov": ("อปท.", "ท้องถิ่น"),
        "private": ("เอกชน",),
        "other": ("อื่นๆ",),
    },
    "channel": {
        "document": ("เอกสาร",),
        "photo": ("ภาพถ่าย",),
        "line": ("ไลน์", "LINE"),
        "visit": ("ลงพื้นที่",),
        "meeting": ("ประชุม",),
    },
    "stage": {
        "team": ("ทีมวิทยากร",),
        "households": ("คัดเลือกครัวเรือน",),
        "knowledge": ("ถ่ายทอดความรู้",),
        "study_visit": ("ศึกษาดูงาน",),
        "practice": ("ฝึกปฏิบัติ",),
        "group": ("จัดตั้งกลุ่ม",),
        "network": ("เชื่อมเครือข่าย",),
        "follow_up": ("ติดตามผล",),
    },
}

# Survey rounds in time order; later rounds rank higher (follow_12m > follow_6m > post).
ROUND_ORDER: tuple[str, ...] = ("baseline", "post", "follow_6m", "follow_12m")

# Where officers' places must lie: roughly Thailand's bounding box.
LAT_RANGE = (5.5, 20.5)
LON_RANGE = (97.3, 105.7)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the contract. ``aliases`` are the Thai headers accepted besides ``name``."""

    name: str
    aliases: tuple[str, ...]
    kind: Kind
    required: bool = True
    domain: str | None = None  # for kind "enum": a key of DOMAINS
    min_value: float | None = None
    max_value: float | None = None

    @property
    def label_th(self) -> str:
        """The Thai header officers know the column by (its first alias)."""
        return self.aliases[0] if self.aliases else self.name

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Reference:
    """``table.columns`` must match a row of ``parent.parent_columns`` (blank values are skipped)."""

    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet of the workbook (or one CSV file) and one DuckDB table."""

    name: str
    label_th: str
    sheet_aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...] = ()
    # How a row finds its village: its own village_code column, or through a parent table.
    village_via: tuple[str, str] | None = None  # (parent table, column shared with it)
    upsert: bool = False  # officers: replaced by key, never by village
    derived: tuple[tuple[str, str], ...] = field(default=())  # extra stored columns (name, SQL type)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def has_village_code(self) -> bool:
        return "village_code" in self.column_names

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        msg = f"table {self.name} has no column {name}"
        raise KeyError(msg)


def _c(name: str, aliases: str, kind: Kind, **kw: object) -> Column:
    """Shorthand: ``aliases`` is a comma-separated list of Thai headers."""
    return Column(name, tuple(a.strip() for a in aliases.split(",") if a.strip()), kind, **kw)  # type: ignore[arg-type]


def _ref(columns: str, parent: str, parent_columns: str | None = None) -> Reference:
    cols = tuple(columns.split(","))
    return Reference(cols, parent, tuple(parent_columns.split(",")) if parent_columns else cols)


VILLAGE_CODE = _c("village_code", "รหัสหมู่บ้าน", "village_code")
DAY = _c("day", "วันอบรมที่, ลำดับวันอบรม", "int", min_value=1, max_value=5)

TABLES: tuple[Table, ...] = (
    Table(
        "officers",
        "พัฒนากร",
        ("พัฒนากร",),
        (
            _c("officer_id", "รหัสพัฒนากร", "id"),
            _c("name", "ชื่อ-สกุล", "text"),
            _c("position", "ตำแหน่ง", "text", required=False),
            _c("district_code", "รหัสอำเภอ", "district_code"),
        ),
        key=("officer_id",),
        upsert=True,
    ),
    Table(
        "villages",
        "หมู่บ้าน",
        ("หมู่บ้าน", "หมู่บ้านเป้าหมาย"),
        (
            VILLAGE_CODE,
            _c("village_name", "ชื่อหมู่บ้าน", "text"),
            _c("moo", "หมู่ที่", "int", min_value=1, max_value=99),
            _c("tambon_name", "ตำบล", "text"),
            _c("district_name", "อำเภอ", "text"),
            _c("province_name", "จังหวัด", "text"),
            _c("lat", "ละติจูด", "lat", required=False),
            _c("lon", "ลองจิจูด", "lon", required=False),
            _c("fiscal_year", "ปีงบประมาณ", "fiscal_year"),
            _c("officer_id", "รหัสพัฒนากร", "id"),
        ),
        key=("village_code",),
        references=(_ref("officer_id", "officers"),),
        derived=(
            ("province_code", "VARCHAR"),
            ("district_code", "VARCHAR"),
            ("tambon_code", "VARCHAR"),
            ("province_name_en", "VARCHAR"),
            ("district_name_en", "VARCHAR"),
            ("tambon_name_en", "VARCHAR"),
        ),
    ),
    Table(
        "trainers",
        "วิทยากร",
        ("วิทยากร", "ปราชญ์", "ทีมวิทยากร"),
        (
            _c("trainer_id", "รหัสวิทยากร", "id"),
            _c("name", "ชื่อ-สกุล", "text"),
            VILLAGE_CODE,
            _c("role", "บทบาท", "enum", domain="role"),
            _c("skills", "ความเชี่ยวชาญ", "list", required=False),
            _c("phone", "โทรศัพท์", "phone", required=False),
        ),
        key=("trainer_id",),
        references=(_ref("village_code", "villages"),),
    ),
    Table(
        "households",
        "ครัวเรือน",
        ("ครัวเรือน", "ครัวเรือนเป้าหมาย"),
        (
            _c("household_id", "รหัสครัวเรือน", "id"),
            VILLAGE_CODE,
            _c("head_name", "ชื่อหัวหน้าครัวเรือน", "text"),
            _c("national_id", "เลขบัตรประชาชน", "national_id", required=False),
            _c("members", "จำนวนสมาชิก", "int", min_value=1),
            # Blank is allowed and reported as incomplete (a warning).
            _c("occupation", "อาชีพที่เลือก", "text", required=False),
        ),
        key=("household_id",),
        references=(_ref("village_code", "villages"),),
    ),
    Table(
        "income_surveys",
        "การสำรวจรายได้",
        ("รายได้", "การสำรวจรายได้"),
        (
            _c("household_id", "รหัสครัวเรือน", "id"),
            _c("round", "รอบสำรวจ", "enum", domain="round"),
            _c("survey_date", "วันที่สำรวจ", "date"),
            _c("household_income", "รายได้ครัวเรือนต่อปี", "money"),
            _c("occupation_income", "รายได้จากอาชีพที่ส่งเสริม", "money", required=False),
            # Required after baseline; checked row by row in validation.
            _c("practising", "ยังประกอบอาชีพ", "bool", required=False),
        ),
        key=("household_id", "round"),
        references=(_ref("household_id", "households"),),
        village_via=("households", "household_id"),
    ),
    Table(
        "training_days",
        "วันอบรม",
        ("การอบรม", "วันอบรม"),
        (
            VILLAGE_CODE,
            DAY,
            _c("date", "วันที่", "date"),
            _c("activity", "กิจกรรม", "enum", domain="activity"),
        ),
        key=("village_code", "day"),
        references=(_ref("village_code", "villages"),),
    ),
    Table(
        "attendance",
        "การเข้าร่วมอบรม",
        ("การเข้าร่วม", "การเข้าร่วมอบรม"),
        (
            VILLAGE_CODE,
            DAY,
            _c("household_id", "รหัสครัวเรือน", "id"),
            _c("attended", "เข้าร่วม", "bool"),
        ),
        key=("village_code", "day", "household_id"),
        references=(
            _ref("village_code", "villages"),
            _ref("village_code,day", "training_days"),
            _ref("household_id", "households"),
        ),
    ),
    Table(
        "groups",
        "กลุ่มอาชีพ",
        ("กลุ่มอาชีพ",),
        (
            _c("group_id", "รหัสกลุ่ม", "id"),
            VILLAGE_CODE,
            _c("group_name", "ชื่อกลุ่ม", "text"),
            _c("occupation", "อาชีพ", "text"),
            _c("founded_on", "วันที่จัดตั้ง", "date", required=False),
            _c("has_committee", "มีคณะกรรมการ", "bool"),
            _c("has_rules", "มีกฎกติกา", "bool"),
            _c("fund_baht", "เงินกองทุน", "money"),
            _c("has_activities", "มีกิจกรรม", "bool"),
        ),
        key=("group_id",),
        references=(_ref("village_code", "villages"),),
    ),
    Table(
        "group_members",
        "สมาชิกกลุ่ม",
        ("สมาชิกกลุ่ม",),
        (
            _c("group_id", "รหัสกลุ่ม", "id"),
            _c("household_id", "รหัสครัวเรือน", "id"),
        ),
        key=("group_id", "household_id"),
        references=(_ref("group_id", "groups"), _ref("household_id", "households")),
        village_via=("groups", "group_id"),
    ),
    Table(
        "network_links",
        "เครือข่าย",
        ("เครือข่าย",),
        (
            _c("link_id", "รหัสเครือข่าย", "id"),
            _c("group_id", "รหัสกลุ่ม", "id"),
            _c("network", "ประเภทเครือข่าย", "enum", domain="network"),
            _c("partner_name", "ชื่อภาคี", "text"),
            _c("since", "วันที่เริ่ม", "date", required=False),
            _c("sales_baht", "ยอดขายต่อปี", "money", required=False),
        ),
        key=("link_id",),
        references=(_ref("group_id", "groups"),),
        village_via=("groups", "group_id"),
    ),
    Table(
        "plans",
        "แผนงาน",
        ("แผนงาน", "แผน"),
        (
            VILLAGE_CODE,
            _c("stage", "ขั้นตอน", "enum", domain="stage"),
            _c("due_date", "กำหนดเสร็จ", "date"),
        ),
        key=("village_code", "stage"),
        references=(_ref("village_code", "villages"),),
    ),
    Table(
        "reports",
        "รายงาน",
        ("รายงาน", "การรายงาน"),
        (
            _c("report_id", "รหัสรายงาน", "id"),
            _c("officer_id", "รหัสพัฒนากร", "id"),
            Column("village_code", ("รหัสหมู่บ้าน",), "village_code", required=False),
            _c("reported_on", "วันที่รายงาน", "date"),
            _c("channel", "ช่องทาง", "enum", domain="channel"),
            _c("note", "หมายเหตุ", "text", required=False),
        ),
        key=("report_id",),
        references=(_ref("officer_id", "officers"), _ref("village_code", "villages")),
    ),
    # Optional: every household of a target village in a จปฐ. (basic minimum needs) survey year,
    # not only the 20 selected, for the evaluation measures (metrics/evaluation.py). A selected
    # household carries its household_id from households (checked: of the same village); any
    # other household an id of its own. A workbook without this sheet leaves it unchanged.
    Table(
        "roster",
        "ทะเบียนครัวเรือน จปฐ.",
        ("ทะเบียนครัวเรือน", "ครัวเรือน จปฐ.", "จปฐ."),
        (
            VILLAGE_CODE,
            _c("roster_year", "ปีที่สำรวจ จปฐ., ปี จปฐ.", "fiscal_year"),
            _c("household_id", "รหัสครัวเรือน", "id"),
            _c("members", "จำนวนสมาชิก", "int", min_value=1),
            _c("annual_income", "รายได้ครัวเรือนต่อปี", "money"),
        ),
        key=("village_code", "roster_year", "household_id"),
        references=(_ref("village_code", "villages"),),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

# Tables whose rows belong to a village, children first: the order rows are deleted in when
# an import replaces a village's rows (a child finds its village through its parent's old row).
REPLACE_ORDER: tuple[str, ...] = (
    "income_surveys",
    "attendance",
    "group_members",
    "network_links",
    "trainers",
    "training_days",
    "plans",
    "reports",
    "roster",
    "households",
    "groups",
    "villages",
)


def fold(text: str) -> str:
    """The form names are compared in: trimmed, inner spaces collapsed, case folded."""
    return " ".join(str(text).split()).casefold()


def table_for_sheet(sheet_name: str) -> Table | None:
    """The table a sheet (or CSV file stem) holds, by canonical or Thai name."""
    key = fold(sheet_name)
    for t in TABLES:
        if key == fold(t.name) or key in (fold(a) for a in t.sheet_aliases):
            return t
    return None


def expected_sheet_names() -> str:
    """All accepted sheet names, for messages."""
    return "; ".join(f"{t.name} ({', '.join(t.sheet_aliases)})" for t in TABLES)
