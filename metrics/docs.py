"""Render ``docs/INDICATORS.md`` from the catalogue, so the document cannot drift from it."""

from __future__ import annotations

from common.formats import fmt_baht, fmt_target
from metrics import model
from metrics.indicators import Indicator, catalogue
from metrics.settings import DEFAULT_SETTINGS, MetricSettings

INTRO = """# ตัวชี้วัด · Indicators

> สร้างจาก `metrics/catalogue.toml` ด้วย `python -m metrics catalogue --markdown > docs/INDICATORS.md`
> อย่าแก้ไฟล์นี้ด้วยมือ / generated from the catalogue; do not edit by hand.

ตัวชี้วัดทุกตัวคำนวณจากแถวชุดเดียวกับที่หน้าแดชบอร์ดแสดง ในขอบเขต (scope) ที่เลือก ตัวตั้งและตัวหารคำนวณจาก
แถวเดียวกัน ผู้ประเมินจึงคำนวณซ้ำได้ว่า ค่า = ตัวตั้ง ÷ ตัวหาร ถ้าตัวหารเป็น 0 ค่าจะว่าง (null) ไม่ใช่ 0

Every indicator is computed from the same rows the dashboard shows, in the chosen scope. Numerator
and denominator come from the same rows, so an evaluator can recompute value = numerator ÷
denominator. A zero denominator gives a null value, never an error and never 0.

ค่าที่ใกล้เป้าแสดงทศนิยมเพิ่มจนตัวเลขกับผลผ่าน/ไม่ผ่านตรงกัน: 380 ÷ 94 = 4.0426 เทียบเป้า ≤ 4 แสดง 4.04 (ไม่ผ่าน) ไม่ใช่ 4.0

Near its target a value shows more decimals, until the number shown reads as its verdict does:
380 ÷ 94 = 4.0426 against ≤ 4 shows 4.04 (not met), never 4.0; 0.8499 against ≥ 85% shows
84.99%, never 85.0% (`common.formats.honest_digits`).

## ขอบเขต · Scope

{dimensions}
"ครัวเรือนเป้าหมาย / target households" = rows of `households` in scope; "หมู่บ้านเป้าหมาย / target
villages" = rows of `villages` in scope. "Latest later survey" = the latest round after baseline,
ranked {later_rounds}. Per-person income = `household_income ÷ members`.
The จปฐ. line defaults to {jpt} per person per year and can be set per fiscal year
(`metrics.settings.MetricSettings`, an assumption to keep configurable).

## ตัวชี้วัด · The catalogue

| id | ตัวชี้วัด | indicator | unit | target |
|---|---|---|---|---|
"""

SET_WORDS = {
    "households": "one row per target household in scope",
    "villages": "one row per target village in scope",
    "groups": "one row per occupational group in scope",
}

ROWS = """
## แถวเบื้องหลังตัวเลข · The rows behind each number

Each indicator declares once the set it counts over and its numerator and denominator as
conditions on that set (`metrics/catalogue.toml`; the sets are `metrics/sql/indicator_sets.sql`).
The counts above and the rows below are both generated from that declaration, so they cannot
disagree: a row adds its `numerator_value` and `denominator_value` (1 and 0 for a count; for
baht, the amounts; for a ratio, the village's households and trainers).

`python -m metrics rows INDICATOR_ID [--db FILE] [scope flags as for kpis] [--as-of YYYY-MM-DD]
[--lang th|en] --csv` prints one row per unit of the set in scope, in or out of the denominator,
with the columns `unit`, `village_code`, `in_denominator`, `in_numerator` (1 or 0),
`numerator_value`, `denominator_value`, `reason_code`, `reason` (empty for a row in both; in
English unless `--lang th`), then the values the indicator uses (listed above). Σ
`numerator_value` = the numerator of `metrics kpis` for the same scope, and Σ
`denominator_value` = its denominator. The command line carries no personal field (no name, no
national ID); `unit` is the household, village or group id. On the Indicators page the rows of
each indicator are shown (the first rows and the count, read page by page in SQL) with CSV and
Excel downloads of every row; names are masked, and an evaluator sees a pseudonymous key per
household instead of its id and no personal field at all.
"""

STAGES_HEAD = """
## ขั้นตอนของหมู่บ้าน · Village stages (for `stages_done_share` and the progress page)

Declared once in `metrics/model.py` (`STAGES`, `STATUS_RULES`); this table is generated from it.

| stage | เสร็จเมื่อ | done when |
|---|---|---|
"""

FIVE_K = """
## หลัก 5 ก · The 5 ก score of a group

One point each: กลุ่ม/สมาชิก members (`group_members` rows ≥ {members}, a setting and an
assumption), กรรมการ `has_committee`, กฎ กติกา `has_rules`, กองทุน `fund_baht` > 0, กิจกรรม
`has_activities`.
"""


def _target(ind: Indicator) -> str:
    return fmt_target(ind.target, ind.unit, ind.direction, "en")


def _stages(settings: MetricSettings) -> str:
    values = {"trainers": settings.trainers_target, "households": settings.households_target}
    lines = [STAGES_HEAD]
    for stage in model.STAGES:
        lines.append(
            f"| {stage.code} | {stage.rule_th.format(**values)} | {stage.rule_en.format(**values)} |\n"
        )
    statuses = " > ".join(f"`{st.code}` ({st.rule_th} / {st.rule_en})" for st in model.STATUS_RULES)
    lines.append(f"\nสถานะ / status, the first that holds: {statuses}.\n")
    return "".join(lines)


def render() -> str:
    """The whole of docs/INDICATORS.md."""
    later = " > ".join(reversed(model.LATER_ROUNDS))
    dims = ["| field | ชื่อ | column | ความหมาย | meaning |", "|---|---|---|---|---|"]
    dims += [
        f"| `{d.name}` | {d.label('th')} | `{d.column}` | {d.means_th} | {d.means_en} |"
        for d in model.DIMENSIONS
    ]
    jpt = fmt_baht(DEFAULT_SETTINGS.jpt_default, "en")
    lines = [INTRO.format(jpt=jpt, later_rounds=later, dimensions="\n".join(dims))]
    for ind in catalogue():
        lines.append(f"| `{ind.id}` | {ind.label_th} | {ind.label_en} | {ind.unit} | {_target(ind)} |\n")
    for ind in catalogue():
        lines.append(
            f"\n### `{ind.id}`\n\n"
            f"**{ind.label_th}** · {ind.label_en}\n\n"
            f"- นิยาม: {ind.definition_th}\n"
            f"- Definition: {ind.definition_en}\n"
            f"- Unit: `{ind.unit}`{' (0–1)' if ind.unit == 'share' else ''} · direction: `{ind.direction}` · target: {_target(ind)}\n"
            f"- Counted over: `{ind.unit_set}` ({SET_WORDS[ind.unit_set]})\n"
            f"- In the denominator: `{ind.in_denominator}`"
            + ("" if ind.denominator_value == "1" else f", adding `{model.fill(ind.denominator_value)}`")
            + "\n"
            f"- In the numerator: `{ind.in_numerator}`"
            + ("" if ind.numerator_value == "1" else f", adding `{model.fill(ind.numerator_value)}`")
            + "\n"
            "- Why a row is not in both (`reason_code`, the first that holds): "
            + "; ".join(
                f"`{code}` " + ("otherwise" if cond == "true" else f"when `{cond}`")
                for cond, code in ind.reasons
            )
            + "\n"
        )
    lines.append(ROWS)
    lines.append(_stages(DEFAULT_SETTINGS))
    lines.append(FIVE_K.format(members=DEFAULT_SETTINGS.group_min_members))
    return "".join(lines)
