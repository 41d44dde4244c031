"""Render ``docs/INDICATORS.md`` from the catalogue, so the document cannot drift from it."""

from __future__ import annotations

from metrics.formats import fmt_baht, fmt_target
from metrics.indicators import Indicator, catalogue
from metrics.settings import DEFAULT_SETTINGS

INTRO = """# ตัวชี้วัด · Indicators

> สร้างจาก `metrics/catalogue.toml` ด้วย `python -m metrics catalogue --markdown > docs/INDICATORS.md`
> อย่าแก้ไฟล์นี้ด้วยมือ / generated from the catalogue; do not edit by hand.

ตัวชี้วัดทุกตัวคำนวณจากแถวชุดเดียวกับที่หน้าแดชบอร์ดแสดง ในขอบเขต (scope) ที่เลือก ตัวตั้งและตัวหารคำนวณจาก
แถวเดียวกัน ผู้ประเมินจึงคำนวณซ้ำได้ว่า ค่า = ตัวตั้ง ÷ ตัวหาร ถ้าตัวหารเป็น 0 ค่าจะว่าง (null) ไม่ใช่ 0

Every indicator is computed from the same rows the dashboard shows, in the chosen scope. Numerator
and denominator come from the same rows, so an evaluator can recompute value = numerator ÷
denominator. A zero denominator gives a null value, never an error and never 0.

## ขอบเขต · Scope

| field | ความหมาย | meaning |
|---|---|---|
| fiscal year | ปีงบประมาณ (พ.ศ.) ของหมู่บ้าน | the village's fiscal year (BE) |
| province, district, tambon, villages | รหัสทางการ 2/4/6/8 หลัก | official codes, 2/4/6/8 digits |
| occupation | นับเฉพาะครัวเรือนที่เลือกอาชีพนี้ (และผลสำรวจ การเข้าร่วม) และกลุ่มอาชีพนี้ (และเครือข่าย) หมู่บ้านและวิทยากรไม่เปลี่ยน | narrows households (their surveys and attendance) and groups (their links); villages and trainers stay |
| as-of date | นับเฉพาะวันอบรม (และการเข้าร่วมของวันนั้น) ผลสำรวจ กลุ่ม เครือข่าย และรายงาน ที่ลงวันไม่เกินวันนี้ แถวที่ไม่มีวันที่นับเสมอ | only training days (and their attendance), surveys, groups, links and reports dated on or before it; undated rows always count |

"ครัวเรือนเป้าหมาย / target households" = rows of `households` in scope; "หมู่บ้านเป้าหมาย / target
villages" = rows of `villages` in scope. "Latest later survey" = the latest round after baseline,
ranked follow_12m > follow_6m > post. Per-person income = `household_income ÷ members`.
The จปฐ. line defaults to {jpt} per person per year and can be set per fiscal year
(`metrics.settings.MetricSettings`, an assumption to keep configurable).

## ตัวชี้วัด · The catalogue

| id | ตัวชี้วัด | indicator | unit | target |
|---|---|---|---|---|
"""

STAGES = """
## ขั้นตอนของหมู่บ้าน · Village stages (for `stages_done_share` and the progress page)

| stage | เสร็จเมื่อ | done when |
|---|---|---|
| team | วิทยากร ≥ 5 คน มีปราชญ์ (lead) ≥ 1 | ≥ 5 trainers, at least one `lead` |
| households | ครัวเรือนเป้าหมาย ≥ 20 (ตั้งค่าได้) | ≥ 20 target households (a setting) |
| knowledge | บันทึกวันอบรมที่ 1, 2, 3 | training days 1, 2 and 3 recorded |
| study_visit | บันทึกวันที่ 4 | day 4 recorded |
| practice | บันทึกวันที่ 5 | day 5 recorded |
| group | มีกลุ่มอาชีพ ≥ 1 | ≥ 1 occupational group |
| network | กลุ่มของหมู่บ้านมีเครือข่าย ≥ 1 | ≥ 1 network link from one of its groups |
| follow_up | มีครัวเรือน และทุกครัวเรือนมีผลสำรวจหลังรอบฐาน | the village has households and every one has a survey after baseline |

สถานะ / status: `overdue` (มีแผนที่เลยกำหนดก่อนวันอ้างอิงแต่ขั้นตอนยังไม่เสร็จ / a plan due before the
as-of date, default today, whose stage is not done) > `complete` (8/8) > `not_started` (0/8) >
`in_progress`.

## หลัก 5 ก · The 5 ก score of a group

One point each: กลุ่ม/สมาชิก members (`group_members` rows ≥ {members}, a setting and an
assumption), กรรมการ `has_committee`, กฎ กติกา `has_rules`, กองทุน `fund_baht` > 0, กิจกรรม
`has_activities`.
"""


def _target(ind: Indicator) -> str:
    return fmt_target(ind.target, ind.unit, ind.direction, "en")


def render() -> str:
    """The whole of docs/INDICATORS.md."""
    lines = [INTRO.format(jpt=fmt_baht(DEFAULT_SETTINGS.jpt_default, "en"))]
    for ind in catalogue():
        lines.append(f"| `{ind.id}` | {ind.label_th} | {ind.label_en} | {ind.unit} | {_target(ind)} |\n")
    for ind in catalogue():
        lines.append(
            f"\n### `{ind.id}`\n\n"
            f"**{ind.label_th}** · {ind.label_en}\n\n"
            f"- นิยาม: {ind.definition_th}\n"
            f"- Definition: {ind.definition_en}\n"
            f"- Unit: `{ind.unit}`{' (0–1)' if ind.unit == 'share' else ''} · direction: `{ind.direction}` · target: {_target(ind)}\n"
            f"- Numerator: `{ind.numerator}`\n"
            f"- Denominator: `{ind.denominator}`\n"
        )
    lines.append(STAGES.format(members=DEFAULT_SETTINGS.group_min_members))
    return "".join(lines)
