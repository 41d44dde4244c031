"""The semantic layer: the dimensions, rounds, stages and statuses of the programme, each
declared once.

In the spirit of dbt's metrics: the SQL fragments that rank rounds, decide the eight stages and
give a village its status are generated from these declarations (``metrics/sql/*.sql`` say
``{stage_columns}``, ``{stage_done_case}`` and so on, filled by :func:`fill`), and the pages,
the exports, the command line and ``docs/INDICATORS.md`` read the same tuples. Labels live in
``common/strings.toml`` under the keys named here, in Thai and English.

The codes themselves (the stages a plan may name, the survey rounds) belong to the data
contract, ``data_loaders/contract/schema.py``; this module gives them their rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from common.formats import PLACE_CODE_DIGITS
from common.strings import text
from data_loaders.contract.fragments import ROUND_FIELDS
from data_loaders.contract.schema import DOMAINS, ROUND_ORDER
from data_loaders.store import facts
from data_loaders.store.facts import HOUSEHOLDS_DONE, LATER_ROUNDS, ROUND_ORDER_SQL, TEAM_DONE


@dataclass(frozen=True, slots=True)
class Dimension:
    """Something a page can be cut by: its ``Scope`` field, the SQL column it filters, the key
    of its label in ``common/strings.toml``, and what it narrows, in Thai and English (for
    ``docs/INDICATORS.md``)."""

    name: str
    column: str
    label_key: str
    means_th: str
    means_en: str

    def label(self, lang: str = "th") -> str:
        return text(self.label_key, lang)


_CODES_TH, _CODES_EN = "รหัสทางการ {n} หลัก", "official code, {n} digits"
DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "fiscal_year",
        "villages.fiscal_year",
        "filters.fiscal_year",
        "ปีงบประมาณ (พ.ศ.) ของหมู่บ้าน",
        "the village's fiscal year (BE)",
    ),
    # the place levels: the same shape each, their code lengths from common.formats
    *(
        Dimension(
            name,
            column,
            f"filters.{level}",
            _CODES_TH.format(n=PLACE_CODE_DIGITS[level]),
            _CODES_EN.format(n=PLACE_CODE_DIGITS[level]),
        )
        for name, level, column in (
            ("province", "province", "villages.province_code"),
            ("district", "district", "villages.district_code"),
            ("tambon", "tambon", "villages.tambon_code"),
            ("villages", "village", "villages.village_code"),
        )
    ),
    Dimension(
        "occupation",
        "households.occupation, groups.occupation",
        "filters.occupation",
        "นับเฉพาะครัวเรือนที่เลือกอาชีพนี้ (และผลสำรวจ การเข้าร่วม) และกลุ่มอาชีพนี้ (และเครือข่าย) หมู่บ้านและวิทยากรไม่เปลี่ยน",
        "narrows households (their surveys and attendance) and groups (their links); villages and trainers stay",
    ),
    Dimension(
        "as_of",
        "income_surveys.survey_date, training_days.date, groups.founded_on, network_links.since, reports.reported_on",
        "filters.as_of",
        "นับเฉพาะวันอบรม (และการเข้าร่วมของวันนั้น) ผลสำรวจ กลุ่ม เครือข่าย และรายงาน ที่ลงวันไม่เกินวันนี้ แถวที่ไม่มีวันที่นับเสมอ",
        "only training days (and their attendance), surveys, groups, links and reports dated on or before it; undated rows always count",
    ),
)
DIMENSIONS_BY_NAME = {d.name: d for d in DIMENSIONS}

# Survey rounds in time order (the contract's); "the latest later round" of a household is the
# last of LATER_ROUNDS it has (see data_loaders/store/sql/facts/households.sql).
ROUNDS: tuple[str, ...] = ROUND_ORDER


class Coded:
    """A rule named by a code (a stage, a status): its label is the string ``{kind}.{code}`` of
    ``common/strings.toml``, and ``rule_th`` / ``rule_en`` say the rule for people."""

    __slots__ = ()
    kind: ClassVar[str]
    code: str
    rule_th: str
    rule_en: str

    def label(self, lang: str = "th") -> str:
        return text(f"{self.kind}.{self.code}", lang)


@dataclass(frozen=True, slots=True)
class Stage(Coded):
    """One of the eight stages of a village, in order: ``done`` is SQL over one row of the
    village facts (``data_loaders/store/sql/facts/villages.sql``) with the settings as parameters;
    ``column`` is its column in the progress frame; ``rule_th`` / ``rule_en`` say it for
    people (``{trainers}``, ``{households}`` are the settings)."""

    kind: ClassVar[str] = "stage"
    code: str
    column: str
    done: str
    rule_th: str
    rule_en: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "team",
        "team",
        TEAM_DONE,
        "วิทยากร ≥ {trainers} คน มีปราชญ์ (lead) ≥ 1",
        "≥ {trainers} trainers, at least one `lead`",
    ),
    Stage(
        "households",
        "households_stage",
        HOUSEHOLDS_DONE,
        "ครัวเรือนเป้าหมาย ≥ {households} (ตั้งค่าได้)",
        "≥ {households} target households (a setting)",
    ),
    Stage("knowledge", "knowledge", "knowledge", "บันทึกวันอบรมที่ 1, 2, 3", "training days 1, 2 and 3 recorded"),
    Stage("study_visit", "study_visit", "study_visit", "บันทึกวันที่ 4", "day 4 recorded"),
    Stage("practice", "practice", "practice", "บันทึกวันที่ 5", "day 5 recorded"),
    Stage("group", "group_stage", "groups >= 1", "มีกลุ่มอาชีพ ≥ 1", "≥ 1 occupational group"),
    Stage(
        "network",
        "network",
        "links >= 1",
        "กลุ่มของหมู่บ้านมีเครือข่าย ≥ 1",
        "≥ 1 network link from one of its groups",
    ),
    Stage(
        "follow_up",
        "follow_up",
        "households > 0 AND followed_up = households",
        "มีครัวเรือน และทุกครัวเรือนมีผลสำรวจหลังรอบฐาน",
        "the village has households and every one has a survey after baseline",
    ),
)
STAGE_CODES: tuple[str, ...] = tuple(s.code for s in STAGES)
STAGE_COLUMNS: dict[str, str] = {s.code: s.column for s in STAGES}
if tuple(DOMAINS["stage"]) != STAGE_CODES:  # the contract's plan stages and these rules must agree
    msg = (
        f"metrics.model.STAGES {STAGE_CODES} differ from the contract's stage codes {tuple(DOMAINS['stage'])}"
    )
    raise RuntimeError(msg)


@dataclass(frozen=True, slots=True)
class Status(Coded):
    """A village's status: the first whose ``when`` holds, in this order, is its status."""

    kind: ClassVar[str] = "status"
    code: str
    when: str
    rule_th: str
    rule_en: str


STATUS_RULES: tuple[Status, ...] = (
    Status(
        "overdue",
        "o.overdue_stages IS NOT NULL",
        "มีแผนที่เลยกำหนดก่อนวันอ้างอิงแต่ขั้นตอนยังไม่เสร็จ",
        "a plan due before the as-of date, default today, whose stage is not done",
    ),
    Status(
        "complete",
        f"s.stages_done = {len(STAGES)}",
        f"ครบ {len(STAGES)}/{len(STAGES)}",
        f"{len(STAGES)}/{len(STAGES)}",
    ),
    Status("not_started", "s.stages_done = 0", f"0/{len(STAGES)}", f"0/{len(STAGES)}"),
    Status("in_progress", "true", "นอกนั้น", "otherwise"),
)
# The order pages list statuses in (from not started to overdue).
STATUSES: tuple[str, ...] = ("not_started", "in_progress", "complete", "overdue")


def _sql_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


# The kinds of item on the follow-up list, in the order it lists them at one date
# (metrics/followups.py says what each is).
FOLLOWUP_KINDS: tuple[str, ...] = ("overdue_stage", "no_lead", "survey_due", "data_quality")


# The income increase of a set of households, (Σ latest − Σ baseline) ÷ Σ baseline, over those
# with both a baseline and a later survey (s_income.has_both); an aggregate over s_income rows.
def increase(latest: str, baseline: str) -> str:
    """SQL: the income increase, (latest − baseline) ÷ baseline, of two sums (NULL for 0)."""
    return f"({latest} - {baseline}) / nullif({baseline}, 0)"


INCOME_INCREASE = increase(
    "sum(latest_income) FILTER (WHERE has_both)", "sum(baseline_income) FILTER (WHERE has_both)"
)
# The same over the area roll-ups, whose rows keep those two sums (metrics/sql/rollup_villages.sql).
INCOME_INCREASE_STORED = increase("sum(latest_total)", "sum(baseline_total)")


# The survey values of each round as the household facts keep them (r_<round>_<field>), by the
# survey column they come from (data_loaders/contract/fragments.py: ROUND_FIELDS).
ROUND_VALUES: dict[str, str] = {source: field for field, source in ROUND_FIELDS if field != "date"}


def round_value(round_code: str, source: str) -> str:
    """The fact column of ``round_code``'s survey value ``source`` (``household_income``...)."""
    return f"r_{round_code}_{ROUND_VALUES[source]}"


def _round_unpivot() -> str:
    """SQL rows (village_code, round, household_income, practising, occupation_income) of each
    round of the households of the CTE ``sust_cohort``, from their facts' round columns."""
    return "\n    UNION ALL\n    ".join(
        f"SELECT village_code, '{r}' AS round, "
        + ", ".join(f"{round_value(r, source)} AS {source}" for source in ROUND_VALUES)
        + " FROM sust_cohort"
        for r in ROUNDS
    )


# A household with a baseline and a later survey (s_income.has_both): the households every
# income change is counted over, as a condition on a household's state (scope.sql, or the
# stored facts where they hold).
HAS_BOTH = "baseline_income IS NOT NULL AND latest_income IS NOT NULL"


def fragments() -> dict[str, str]:
    """The generated SQL pieces, by the placeholder name the SQL files use."""
    return {
        "round_order": ROUND_ORDER_SQL,
        "later_rounds": _sql_list(LATER_ROUNDS),
        "round_count": str(len(ROUNDS)),
        "round_unpivot": _round_unpivot(),
        # the households sustainability follows: every round surveyed by the as-of date
        "sustained": f"rounds_present = {len(ROUNDS)}",
        "stage_list": _sql_list(STAGE_CODES),
        "followup_kinds": _sql_list(FOLLOWUP_KINDS),
        "stage_count": str(len(STAGES)),
        "income_increase": INCOME_INCREASE,
        "has_both": HAS_BOTH,
        "income_increase_stored": INCOME_INCREASE_STORED,
        "village_income_increase": increase("latest_total", "baseline_total"),
        "stage_columns": ",\n           ".join(f"({s.done}) AS {s.column}" for s in STAGES),
        "stages_done": " + ".join(f"{s.column}::INT" for s in STAGES),
        "stage_done_case": "CASE p.stage "
        + " ".join(f"WHEN '{s.code}' THEN s.{s.column}" for s in STAGES)
        + " END",
        "stage_select": ", ".join("s." + s.column for s in STAGES),
        "stage_flags": ", ".join(s.column for s in STAGES),
        "status_case": "CASE "
        + " ".join(f"WHEN {st.when} THEN '{st.code}'" for st in STATUS_RULES[:-1])
        + f" ELSE '{STATUS_RULES[-1].code}' END",
    }


def fill(sql_text: str) -> str:
    """``sql_text`` with every ``{placeholder}`` of :func:`fragments` put in, by the one filler
    of ``data_loaders/facts.py`` (plain replacement: the SQL has struct literals in braces)."""
    return facts.fill(sql_text, **fragments())
