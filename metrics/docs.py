"""Render ``docs/INDICATORS.md`` from the catalogue, so the document cannot drift from it."""

from __future__ import annotations

from common.formats import fmt_baht, fmt_target
from metrics import model
from metrics.evaluation import GAP_CALLOUT
from metrics.income import EXACT_BOOTSTRAP_MAX
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
(`metrics.settings.MetricSettings`, an assumption to keep configurable; see "The poverty line"
below).

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

EVALUATION = """
## การประเมินผล · Evaluation measures

Computed by `metrics/evaluation.py` over the same scope (grants, places, fiscal year, occupation,
as-of date), shown on the Indicators page, in the meeting pack's workbook and by
`python -m metrics evaluation [--db FILE] [scope flags] --json`. Targeting and the comparison read
the optional household roster (`roster`: every household of a target village in a จปฐ. survey
year, `docs/DATA.md`); a roster household is *selected* when its `household_id` is a target
household (`households`) of the same village.

### The poverty line · เส้นความยากจน

The จปฐ. (basic minimum needs) income line, {jpt} per person per year by default: the line of the
2560–2564 จปฐ. survey period as it appears in public chart legends; no official source for it was
found, so it is an assumption. Set it in the environment variable `SAMMACHIP_JPT_LINE` (read when
a page, an export or a command line runs): a bare number sets every fiscal year's line, `BE:baht`
one fiscal year's, comma separated (`SAMMACHIP_JPT_LINE=38000,2565:40000`). The same line drives
`above_jpt_share`.

### Targeting audit (`targeting`)

"Households with the lowest income first". Per village: its latest roster year not after its
fiscal year; income per member = `annual_income ÷ members`; k = selected households on that
roster.
- `selected`: k;
- `selected_in_poorest`: selected households whose income per member is at most the k-th lowest
  of the village's roster;
- `selected_above_line`: selected with income per member > the line (inclusion error);
- `eligible_not_selected`: not selected, income per member < the line (exclusion error).

Villages are listed worst first: most selected outside the poorest k, then most inclusion, then
most exclusion errors.

### Follow-up attrition (`attrition`)

Per round after baseline (`post`, `follow_6m`, `follow_12m`), over every target household in
scope whether the round is due yet or not: `target`, `surveyed` (a survey of that round on or
before the as-of date), `missing_share` = 1 − surveyed ÷ target, `band` `low` (< 5% missing),
`check` (5–20%) or `high` (> 20%), and the mean baseline `household_income` of the retained and of
the lost. When the lost households' mean differs from the retained ones' by more than
{gap}, the page and the pack say that the income change may be biased. By district and by
village on the page and in the workbook.

### Real income (`real_income`)

Over the households of `income_increase_pct` (a baseline and a later survey): each latest income
is deflated to the prices of its baseline survey's calendar year, latest × CPI(baseline year) ÷
CPI(latest year); then (Σ deflated latest − Σ baseline) ÷ Σ baseline. `nominal_increase` is the
indicator itself. The index is Thailand's consumer price index (2010 = 100), World Bank WDI
FP.CPI.TOTL, CC BY 4.0 (`data_loaders/reference/cpi_thailand.csv`, 2010–2021): a survey in a year
it lacks is refused with a message, never extrapolated. The CDD's +3% target stays nominal.

### Comparison with similar households (`comparison`)

Per village with a roster year not after its fiscal year (y1, the latest such) and one after it
(y2, the latest such): households on both rosters; change = `annual_income`(y2) −
`annual_income`(y1). `selected_change` and `others_change` are the mean changes, pooled over the
scope; `difference` = selected − others (a difference in differences), with a 95% percentile
bootstrap interval (households resampled within each side, 2,000 replicates, seed 2560; above
{exact} households the normal limit of the two means) and the counts `n_selected`, `n_others`.
`null` when no village in scope has both years. It is an association, not proof of effect: the
selected households were chosen for their low income.
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
    lines.append(EVALUATION.format(jpt=jpt, gap=f"{GAP_CALLOUT:.0%}", exact=f"{EXACT_BOOTSTRAP_MAX:,}"))
    return "".join(lines)
