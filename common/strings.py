"""Every label the dashboard and the reports show, in Thai (default) and English. No streamlit
here: the language is an argument, so pages (through ``ui.i18n``), the meeting pack and the
command line share one table. Numbers and dates are formatted by :mod:`common.formats`.
"""

from __future__ import annotations

import re
from typing import Any

from common.formats import format_value, missing

LANGS = ("th", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # app and sidebar
    "app.title": ("แดชบอร์ดสัมมาชีพชุมชน", "Sammachip Chumchon dashboard"),
    "store.old_version": (
        "กำลังดูข้อมูลรุ่นที่ {version} ซึ่งไม่ใช่รุ่นล่าสุด (รุ่นล่าสุดคือ {latest}) ตัวเลขเป็นไปตามที่เคยรายงานเมื่อรุ่นนี้เป็นรุ่นล่าสุด",
        "You are looking at data version {version}, not the latest (that is {latest}): the figures as "
        "they were when this version was the latest.",
    ),
    "store.refused": (
        "เปิดฐานข้อมูลนี้ไม่ได้ เพราะรุ่นของฐานข้อมูลไม่ตรงกับโปรแกรม",
        "This store cannot be opened: its layout version does not match this dashboard",
    ),
    "lang.label": ("ภาษา / Language", "ภาษา / Language"),
    "filters.header": ("ตัวกรอง", "Filters"),
    "filters.fiscal_year": ("ปีงบประมาณ", "Fiscal year"),
    "filters.province": ("จังหวัด", "Province"),
    "filters.district": ("อำเภอ", "District"),
    "filters.tambon": ("ตำบล", "Tambon"),
    "filters.village": ("หมู่บ้าน", "Village"),
    "filters.occupation": ("อาชีพ", "Occupation"),
    "filters.as_of": ("ข้อมูล ณ วันที่", "Data as of"),
    "filters.as_of_help": (
        "พิมพ์ได้หลายแบบ เช่น 25/03/2560, 25 มี.ค. 2560, 2017-03-25 หรือเลขไทย",
        "Any form works: 25/03/2560, 25 มี.ค. 2560, 2017-03-25, Thai digits",
    ),
    "filters.all": ("ทั้งหมด", "All"),
    "filters.reset": ("ล้างตัวกรอง", "Clear filters"),
    "filters.scope_caption": ("ขอบเขต: {scope}", "Scope: {scope}"),
    "empty.scope": (
        "ไม่มีข้อมูลในขอบเขตที่เลือก ลองล้างตัวกรองหรือนำเข้าข้อมูลที่หน้า นำเข้าข้อมูล",
        "No data in this scope. Clear the filters, or import data on the Data page.",
    ),
    "empty.rows": ("ไม่มีรายการ", "No rows"),
    "scope.everywhere": ("ทุกพื้นที่", "All areas"),
    "empty.chart": ("ไม่มีข้อมูลสำหรับแผนภูมินี้ในขอบเขตที่เลือก", "Nothing to chart in this scope."),
    "privacy.note": (
        "ชื่อ เลขบัตรประชาชน และโทรศัพท์ถูกปกปิดตาม พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล",
        "Names, national IDs and phone numbers are masked (PDPA).",
    ),
    # the same caption with personal data revealed (a role that may, the switch on)
    "privacy.shown": (
        "แสดงชื่อ เลขบัตรประชาชน และโทรศัพท์ตามสิทธิ์ของท่าน (พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล) การเปิดดูถูกบันทึกไว้",
        "Names, national IDs and phone numbers are shown, as your role allows (PDPA); the reveal is logged.",
    ),
    # pages
    "page.overview": ("ภาพรวม", "Overview"),
    "page.progress": ("ความก้าวหน้าหมู่บ้าน", "Village progress"),
    "page.income": ("รายได้ครัวเรือน", "Household income"),
    "page.trainers": ("ปราชญ์และวิทยากร", "Trainers"),
    "page.groups": ("กลุ่มอาชีพและเครือข่าย", "Groups and networks"),
    "page.indicators": ("ตัวชี้วัด", "Indicators"),
    "page.data": ("นำเข้าข้อมูล", "Data"),
    # a link to a page that does not exist (/nosuchpage): Streamlit opens the Overview
    "page.not_found": (
        "ไม่พบหน้า {path} ในแดชบอร์ดนี้ จึงแสดงหน้าภาพรวมแทน",
        "There is no page {path} in this dashboard, so the Overview is shown instead.",
    ),
    "page.to_overview": ("ไปหน้าภาพรวม", "Go to the Overview"),
    # overview
    "overview.kpis": ("เป้าหมายของกรมการพัฒนาชุมชน", "CDD targets"),
    "overview.kpi_target": ("เป้า {target}", "target {target}"),
    "overview.kpi_met": ("ผ่านเป้า", "target met"),
    "overview.kpi_not_met": ("ยังไม่ผ่าน", "not met"),
    "overview.kpi_no_value": ("ยังไม่มีข้อมูล", "no data yet"),
    # the card's number says what it is a share of (the catalogue's of_th / of_en)
    "overview.kpi_of": ("% {of}", "% {of}"),
    "overview.funnel": ("เส้นทางของโครงการ", "Programme funnel"),
    "overview.funnel_caption": (
        "จากหมู่บ้านเป้าหมาย สู่ครัวเรือนที่อบรม ยังประกอบอาชีพ (ผลสำรวจล่าสุด) รวมกลุ่ม และกลุ่มเชื่อมเครือข่าย (%) = สัดส่วนของครัวเรือนเป้าหมาย",
        "From target villages to households trained, still practising (latest survey), in a group, and in a linked group; (%) = share of target households.",
    ),
    "overview.map": ("แผนที่หมู่บ้านเป้าหมาย", "Map of target villages"),
    # the province map (figures/provinces.py, ui/provinces.py)
    "provinces.heading": ("แผนที่รายจังหวัด", "Provinces compared"),
    "provinces.measure": ("ระบายสีตาม", "Colour by"),
    "provinces.measure.overdue_share": ("หมู่บ้านที่ล่าช้ากว่าแผน", "Villages overdue"),
    "provinces.measure.complete_share": ("หมู่บ้านที่ทำครบทั้ง 8 ขั้นตอน", "Villages with all eight stages done"),
    "provinces.below": ("ต่ำกว่า {value}", "below {value}"),
    "provinces.between": ("{low} ถึงต่ำกว่า {high}", "{low} to under {high}"),
    "provinces.at_least": ("{value} ขึ้นไป", "{value} or more"),
    "provinces.no_value": ("ยังไม่มีข้อมูล", "no data yet"),
    "provinces.no_villages": ("ไม่มีหมู่บ้านในขอบเขต", "no villages in scope"),
    "provinces.choose": ("ดูเฉพาะจังหวัด", "Narrow to a province"),
    "provinces.choose_help": (
        "เลือกจังหวัด หรือคลิกจังหวัดบนแผนที่ ตัวกรองจังหวัดจะเปลี่ยนเป็นจังหวัดนั้น",
        "Choose a province, or click one on the map: the province filter changes to it.",
    ),
    "provinces.caption": (
        "ขอบเขตจังหวัด: Natural Earth (สาธารณสมบัติ) ปรับให้เรียบประมาณ 1 กม.",
        "Province outlines: Natural Earth (public domain), simplified to about 1 km.",
    ),
    # cohorts by fiscal year, aligned on months since training (metrics/cohorts.py)
    "cohorts.title": (
        "เทียบรุ่นตามปีงบประมาณ ณ ระยะเดียวกันหลังอบรม",
        "Cohorts compared at the same point after training",
    ),
    "cohorts.caption": (
        "แต่ละเส้นคือหมู่บ้านเป้าหมายของปีงบประมาณหนึ่ง นับเดือนจากวันอบรมวันแรกของแต่ละหมู่บ้าน ค่าที่เดือน m นับเฉพาะหมู่บ้านที่อบรมมาแล้วครบ m เดือน ณ วันที่ของข้อมูล (ไม่นับการเลือกอาชีพ)",
        "Each line is one fiscal year's target villages, months counted from each village's first training day. The value at month m counts only the villages m months past it on the data's date (the occupation filter does not apply).",
    ),
    "cohorts.measure": ("แสดง", "Show"),
    "cohorts.measure.practising_share": ("ยังประกอบอาชีพ", "Practising"),
    "cohorts.measure.income_increase_pct": ("รายได้เพิ่มขึ้น", "Income increase"),
    "cohorts.measure.villages_with_group_share": ("หมู่บ้านที่มีกลุ่มอาชีพ", "Villages with a group"),
    "cohorts.measure.surveyed_share": ("ครัวเรือนที่สำรวจหลังรอบฐาน", "Households surveyed after baseline"),
    "cohorts.axis_months": ("เดือนหลังอบรมวันแรก", "Months since the first training day"),
    "cohorts.cohort": ("ปีงบ {year}", "FY{year}"),
    "cohorts.current": ("{name} (รุ่นล่าสุด)", "{name} (latest)"),
    "cohorts.month_value": ("{months} เดือน {value}", "{months} m {value}"),
    "cohorts.pack_line": (
        "{name} ({villages}) ยังประกอบอาชีพ: {values}",
        "{name} ({villages}) practising: {values}",
    ),
    "cohorts.pack_caption": (
        "ครัวเรือนที่ยังประกอบอาชีพ (%) ตามเดือนหลังอบรมวันแรกของแต่ละหมู่บ้าน เส้นหนาคือรุ่นล่าสุด",
        "Households practising (%) by months since each village's first training day; the bold line is the latest cohort.",
    ),
    "cohorts.hover_villages": ("{n} หมู่บ้าน", "{n} villages"),
    "cohorts.gap": (
        "{months} เดือนหลังอบรม: ยังประกอบอาชีพ {value} {comparison}",
        "{months} months after training: {value} practising, {comparison}",
    ),
    "cohorts.gap_above": (
        "สูงกว่ารุ่นปีงบ {year} ณ ระยะเดียวกัน {points} {unit}",
        "{points} {unit} above FY{year} at the same point",
    ),
    "cohorts.gap_below": (
        "ต่ำกว่ารุ่นปีงบ {year} ณ ระยะเดียวกัน {points} {unit}",
        "{points} {unit} below FY{year} at the same point",
    ),
    "cohorts.point_one": ("จุด", "point"),  # percentage points
    "cohorts.point_many": ("จุด", "points"),
    "cohorts.gap_same": ("เท่ากับรุ่นปีงบ {year} ณ ระยะเดียวกัน", "the same as FY{year} at the same point"),
    "cohorts.gap_first": (
        "ยังไม่มีรุ่นก่อนหน้าที่ถึงระยะนี้ให้เทียบ",
        "no earlier cohort has reached this point to compare",
    ),
    "cohorts.gap_previous_unknown": (
        "รุ่นปีงบ {year} ไม่มีผลสำรวจ ณ ระยะเดียวกันให้เทียบ",
        "FY{year} has no survey at the same point to compare",
    ),
    "cohorts.gap_no_value": (
        "{months} เดือนหลังอบรม: ยังไม่มีผลสำรวจหลังอบรม",
        "{months} months after training: no survey after training yet",
    ),
    "overview.districts": ("เปรียบเทียบรายอำเภอ", "District comparison"),
    "overview.districts_caption": (
        "ความก้าวหน้าเฉลี่ย 8 ขั้นตอน รายได้ที่เพิ่มขึ้น และสัดส่วนครัวเรือนที่ยังประกอบอาชีพ",
        "Mean progress over 8 stages, income increase and share still practising.",
    ),
    # fair district rankings (metrics/comparisons.py)
    "ranking.heading": ("จัดอันดับอำเภอตามตัวชี้วัด", "Districts ranked by an indicator"),
    "ranking.by": ("จัดอันดับตาม", "Rank by"),
    "ranking.caption": (
        "ช่วงความเชื่อมั่น 95% (รายได้: บูตสแตรป · สัดส่วน: Wilson) อำเภอที่ช่วงคร่อมเป้าหมาย"
        "ถือว่าแยกไม่ออกจากเป้าหมาย ไม่ใช่ไม่ผ่าน · อำเภอที่มีครัวเรือนสำรวจหลังอบรมน้อยกว่า {n} ครัวเรือนแยกไว้ต่างหาก",
        "95% intervals (income: bootstrap; shares: Wilson). A district whose interval holds the target is "
        "not distinguishable from it, not failing. Districts with fewer than {n} households surveyed "
        "after training are listed apart.",
    ),
    "ranking.apart": ("น้อยเกินกว่าจะตัดสิน", "Too few to judge"),
    "verdict.met": ("ผ่านเป้า", "meets the target"),
    "verdict.not_distinguishable": ("แยกไม่ออกจากเป้าหมาย", "not distinguishable from the target"),
    "verdict.not_met": ("ต่ำกว่าเป้า", "misses the target"),
    "verdict.too_few": ("น้อยเกินกว่าจะตัดสิน", "too few to judge"),
    "verdict.no_value": ("ยังไม่มีข้อมูล", "no data yet"),
    "col.rank": ("อันดับ", "Rank"),
    "col.interval_low": ("ขอบล่าง 95%", "95% low"),
    "col.interval_high": ("ขอบบน 95%", "95% high"),
    "col.surveyed_after": ("ครัวเรือนที่สำรวจหลังอบรม", "Households surveyed after training"),
    "col.verdict": ("เทียบเป้าหมาย", "Against the target"),
    "unit.villages": ("หมู่บ้าน", "villages"),
    "unit.people": ("คน", "people"),
    "unit.households": ("ครัวเรือน", "households"),
    "funnel.villages": ("หมู่บ้านเป้าหมาย", "Target villages"),
    "funnel.trainers": ("วิทยากร", "Trainers"),
    "funnel.households": ("ครัวเรือนเป้าหมาย", "Target households"),
    "funnel.trained": ("ครัวเรือนที่เข้าอบรม", "Households trained"),
    "funnel.practising": ("ยังประกอบอาชีพ", "Still practising"),
    "funnel.in_group": ("อยู่ในกลุ่มอาชีพ", "In a group"),
    "funnel.linked": ("กลุ่มเชื่อมเครือข่าย", "Group linked to a network"),
    # a household step's share says its denominator where the number is (the KPI card's differs:
    # "of those surveyed after training"); short, to fit beside a bar in a half-width column
    "funnel.share_of_all": ("{share} ของทั้งหมด", "{share} of all"),
    # statuses and stages
    "status.not_started": ("ยังไม่เริ่ม", "Not started"),
    "status.in_progress": ("กำลังดำเนินการ", "In progress"),
    "status.complete": ("ครบทุกขั้นตอน", "Complete"),
    "status.overdue": ("เลยกำหนด", "Overdue"),
    "stage.team": ("ทีมวิทยากร", "Team"),
    "stage.households": ("ครัวเรือน", "Households"),
    "stage.knowledge": ("ถ่ายทอดความรู้", "Knowledge"),
    "stage.study_visit": ("ศึกษาดูงาน", "Study visit"),
    "stage.practice": ("ฝึกปฏิบัติ", "Practice"),
    "stage.group": ("จัดตั้งกลุ่ม", "Group"),
    "stage.network": ("เชื่อมเครือข่าย", "Network"),
    "stage.follow_up": ("ติดตามผล", "Follow-up"),
    # progress page
    "progress.table": ("ความก้าวหน้ารายหมู่บ้าน (8 ขั้นตอน)", "Progress by village (8 stages)"),
    "progress.table_caption": (
        "✓ = เสร็จแล้ว ✗ = เลยกำหนด (ตามแผนงาน ณ วันที่ข้อมูล) แถวสีแดงมีขั้นตอนเลยกำหนด",
        "✓ = done, ✗ = overdue (planned before the as-of date); red rows have overdue stages.",
    ),
    "progress.stage_legend": ("ขั้นตอน: {stages}", "Stages: {stages}"),
    "progress.timeline": ("ลำดับวันอบรมของแต่ละหมู่บ้าน", "Training days by village"),
    "progress.timeline_caption": (
        "จุดคือวันอบรมที่ 1–5 สีตามกิจกรรม",
        "Each mark is a training day 1–5, coloured by activity.",
    ),
    "progress.detail": ("รายละเอียดหมู่บ้าน", "Village detail"),
    "progress.pick": ("เลือกหมู่บ้าน", "Pick a village"),
    "progress.facts": (
        "วิทยากร {trainers} คน (ปราชญ์ {leads}) · ครัวเรือน {households} · วันอบรมที่บันทึก {days} วัน · กลุ่ม {groups} · เครือข่าย {links} · ติดตามแล้ว {followed} ครัวเรือน",
        "{trainers} {trainers?trainer|trainers} ({leads} lead) · {households} {households?household|households} · {days} training {days?day|days} recorded · {groups} {groups?group|groups} · {links} {links?link|links} · {followed} {followed?household|households} followed up",
    ),
    "progress.day_n": ("วันอบรมที่ {day}: {date}", "Day {day}: {date}"),
    "progress.overdue_list": ("ขั้นตอนที่เลยกำหนด", "Overdue stages"),
    "activity.knowledge": ("ถ่ายทอดความรู้", "Knowledge transfer"),
    "activity.study_visit": ("ศึกษาดูงาน", "Study visit"),
    "activity.home_practice": ("ฝึกปฏิบัติ", "Hands-on practice"),
    # income page
    "income.distribution": ("การกระจายของรายได้ที่เปลี่ยนไป", "Distribution of income change"),
    "income.distribution_caption": (
        "จำนวนครัวเรือนตามร้อยละการเปลี่ยนแปลงของรายได้ครัวเรือนต่อปี (รอบล่าสุดเทียบรอบฐาน) เส้นประคือเป้า +3%",
        "Households by % change in annual household income (latest round vs baseline); dashed line = the +3% target.",
    ),
    "income.dumbbell": ("รายได้ก่อน–หลังรายหมู่บ้าน", "Before and after, by village"),
    "income.dumbbell_caption": (
        "รายได้เฉลี่ยต่อครัวเรือน (บาท/ปี) รอบฐาน (○) และรอบล่าสุด (●) แสดง {shown} จาก {total} หมู่บ้าน (หมู่บ้านที่ยังไม่มีผลสำรวจหลังอบรมไม่แสดง)",
        "Mean household income (baht/year) at baseline (○) and latest round (●); {shown} of {total} villages (those without a survey after training are left out).",
    ),
    "income.jpt": ("รายได้ต่อคนเทียบเกณฑ์ จปฐ.", "Per-person income against the basic-needs (BMN) line"),
    "income.jpt_caption": (
        "รายได้ต่อคนต่อปี รอบฐานเทียบรอบล่าสุด เส้นประคือเกณฑ์ จปฐ. {line} บาท/คน/ปี",
        "Per-person income per year, baseline vs latest; dashed line = the BMN (จปฐ.) line of {line} baht/person/year.",
    ),
    "income.practising_short": ("ยังทำ", "practising"),
    "income.jpt_short": ("จปฐ.", "BMN line"),
    "income.by_occupation": ("รายได้ที่เพิ่มขึ้นตามอาชีพ", "Income change by occupation"),
    "income.by_occupation_caption": (
        "ร้อยละรายได้ที่เพิ่มขึ้น (สูตรเดียวกับตัวชี้วัด) แยกตามอาชีพที่เลือก",
        "Income increase (the indicator's formula) by chosen occupation.",
    ),
    "income.sustainability": ("ความยั่งยืนของรายได้", "Sustainability of income"),
    "income.sustainability_caption": (
        "ครัวเรือนกลุ่มเดียวกันทุกรอบ: {n} ครัวเรือนที่มีผลสำรวจครบ (ฐาน หลังอบรม 6 และ 12 เดือน) รายได้เฉลี่ย บาท/ปี และ (ในแท่ง) สัดส่วนที่ยังประกอบอาชีพ",
        "The same {n} {n?household|households} in every round (baseline, post, 6 and 12 months): mean income in baht/year and the share still practising.",
    ),
    "income.ci": ("ช่วงความเชื่อมั่นของรายได้ที่เพิ่มขึ้น", "Confidence interval of the income increase"),
    "income.ci_text": (
        "รายได้เพิ่มขึ้น {est} (ช่วงความเชื่อมั่น 95%: {low} ถึง {high}) จาก {n} ครัวเรือนที่มีผลสำรวจทั้งรอบฐานและรอบหลัง",
        "Income rose {est} (95% interval {low} to {high}) over {n} {n?household|households} surveyed at baseline and after.",
    ),
    "income.ci_help": (
        "คำนวณด้วยการสุ่มซ้ำครัวเรือน (bootstrap) {reps} ครั้ง ค่า seed คงที่ ผลจึงเหมือนเดิมทุกครั้ง",
        "Bootstrap over households, {reps} replicates with a fixed seed, so the interval is the same every time.",
    ),
    "income.ci_verdict_yes": (
        "ทั้งช่วงสูงกว่าเป้า +3% จึงมั่นใจได้ว่าผ่านเป้า",
        "The whole interval is above the +3% target: the gain is real.",
    ),
    "income.ci_verdict_no": (
        "ช่วงครอบคลุมค่าต่ำกว่าเป้า +3% ยังสรุปไม่ได้ว่าผ่านเป้า",
        "The interval reaches below the +3% target: not conclusive.",
    ),
    "income.table": ("ตารางรายครัวเรือน (รายได้: บาท/ปี)", "Households (income in baht/year)"),
    "income.download": ("ดาวน์โหลด CSV (ปกปิดข้อมูลส่วนบุคคล)", "Download CSV (personal data masked)"),
    "income.download_shown": (
        "ดาวน์โหลด CSV (มีข้อมูลส่วนบุคคล)",
        "Download CSV (with personal data)",
    ),
    "income.baseline": ("รอบฐาน", "Baseline"),
    "income.latest": ("รอบล่าสุด", "Latest"),
    # trainers page
    "trainers.team": ("ความครบของทีมวิทยากรรายหมู่บ้าน", "Trainer team per village"),
    "trainers.team_caption": (
        "จำนวนวิทยากร (คน) เทียบเป้า 5 คน (เส้นประ) สีแดง = ไม่ครบ 5 คนหรือไม่มีปราชญ์",
        "Trainers against the target of 5 (dashed); red = fewer than 5 or no lead (sage).",
    ),
    "trainers.axis_skill": ("ความเชี่ยวชาญของวิทยากรในหมู่บ้าน", "Skills of the village's trainers"),
    "trainers.axis_occupation": ("อาชีพที่ครัวเรือนเลือก", "Occupation chosen"),
    "trainers.hpt": ("ครัวเรือนต่อวิทยากร 1 คน", "Households per trainer"),
    "trainers.hpt_caption": (
        "เป้า ไม่เกิน 4 ครัวเรือนต่อวิทยากร (เส้นประ) สีแดง = เกินเป้า",
        "Target: at most 4 households per trainer (dashed); red = above it.",
    ),
    "trainers.matrix": ("ความเชี่ยวชาญของวิทยากร × อาชีพที่ครัวเรือนเลือก", "Trainer skills × chosen occupations"),
    "trainers.matrix_caption": (
        "จำนวนครัวเรือนที่เลือกอาชีพ (แถว) ในหมู่บ้านที่มีวิทยากรถนัด (คอลัมน์) กรอบเข้ม = ตรงกัน",
        "Households choosing an occupation (row) in villages with a trainer skilled in (column); outlined = a match.",
    ),
    "trainers.no_lead": ("หมู่บ้านที่ยังไม่มีปราชญ์", "Villages without a lead"),
    "trainers.none_without_lead": ("ทุกหมู่บ้านมีปราชญ์แล้ว", "Every village has a lead."),
    "trainers.list": ("รายชื่อวิทยากร", "Trainers"),
    # groups page
    "groups.five_k": ("คะแนน 5 ก รายกลุ่ม", "The five K's (5 ก) scorecard"),
    "groups.five_k_caption": (
        "กลุ่ม/สมาชิก (≥ {n} คน) กรรมการ กฎกติกา กองทุน กิจกรรม: เขียว = มี เทา = ยังไม่มี",
        "Members (≥ {n}), committee, rules, fund, activities: green = yes, grey = not yet.",
    ),
    "groups.links": ("เครือข่ายตามประเภท", "Links by network type"),
    "groups.links_caption": (
        "จำนวนการเชื่อมโยง (แท่ง) และยอดขายผ่านเครือข่าย (◆ พันบาท/ปี)",
        "Links (bars) and sales through them (◆ thousand baht/year).",
    ),
    "groups.graph": ("แผนผังเครือข่าย หมู่บ้าน → กลุ่ม → ภาคี", "Network graph: village → group → partner"),
    "groups.graph_caption": (
        "ซ้าย: หมู่บ้าน กลาง: กลุ่มอาชีพ ขวา: ภาคีเครือข่าย เส้นสีตามประเภทเครือข่าย",
        "Left: villages, middle: groups, right: partners; links coloured by network type.",
    ),
    "groups.links_count": ("การเชื่อมโยง", "Links"),
    "groups.sales": ("ยอดขาย (บาท/ปี)", "Sales (baht/year)"),
    "groups.sales_k": ("ยอดขาย (พันบาท/ปี)", "Sales (thousand baht/year)"),
    "k.k_members": ("กลุ่ม/สมาชิก", "Members"),
    "k.k_committee": ("กรรมการ", "Committee"),
    "k.k_rules": ("กฎ กติกา", "Rules"),
    "k.k_fund": ("กองทุน", "Fund"),
    "k.k_activities": ("กิจกรรม", "Activities"),
    # indicators page
    "ind.catalogue": ("ตัวชี้วัดทั้งหมด", "All indicators"),
    "ind.definitions": ("นิยามของตัวชี้วัด", "Definitions of the indicators"),
    "ind.catalogue_caption": (
        "ค่า = ตัวตั้ง ÷ ตัวหาร คำนวณจากแถวชุดเดียวกัน ตรวจซ้ำได้ (รหัสตัวชี้วัดและสูตรอยู่ในไฟล์ที่ดาวน์โหลด และ docs/INDICATORS.md)",
        "value = numerator ÷ denominator, from the same rows; recompute to check (ids and formulas are in the downloads and docs/INDICATORS.md).",
    ),
    "ind.quality": ("ความครบถ้วนของข้อมูล", "Data quality and completeness"),
    "ind.quality_pick": ("ดูแถวที่ไม่ผ่าน", "Show failing rows of"),
    "ind.warnings": ("คำเตือนจากการตรวจสอบตอนนำเข้า", "Warnings from validation at import"),
    # The warnings and the log as they stand (metrics/import_state.py, ui/indicators_view.py).
    "ind.warnings_caption": (
        "คำเตือนที่มีผลอยู่ (จากการนำเข้าครั้งล่าสุดของแต่ละไฟล์) ในพื้นที่ที่เลือก นับตามชนิดของการตรวจ "
        "รายการทั้งหมดอยู่ในไฟล์ดาวน์โหลด",
        "The warnings in force (from the latest import of each file) in the chosen area, counted by the "
        "check that raised them; the full list is in the download.",
    ),
    "ind.warnings_pick": ("ดูคำเตือนชนิด", "Show warnings of"),
    "ind.download_warnings": ("ดาวน์โหลดคำเตือนทั้งหมด (CSV)", "Download all warnings (CSV)"),
    "col.warning_kind": ("ชนิดของคำเตือน", "Kind of warning"),
    "col.households_named": ("ครัวเรือนที่ระบุ", "Households named"),
    "col.files": ("ไฟล์", "Files"),
    "ind.import_log": ("ประวัติการนำเข้า", "Import log"),
    "ind.import_log_caption": (
        "การนำเข้าครั้งล่าสุดของแต่ละไฟล์ (การนำเข้าไฟล์เดิมซ้ำจะแทนที่ข้อมูลและคำเตือนของไฟล์นั้น)",
        "The latest import of each file (importing a file again replaces its rows and its warnings).",
    ),
    "col.imports": ("จำนวนครั้งที่นำเข้า", "Times imported"),
    "ind.revisions": ("ตัวชี้วัดหลักเปลี่ยนไปตามการนำเข้า (รุ่นข้อมูล)", "Revisions: headline figures by data version"),
    "ind.revisions_caption": (
        "การนำเข้าแต่ละครั้งคือข้อมูลหนึ่งรุ่น ตารางนี้แสดงค่าของตัวชี้วัดหลักที่รุ่นต้นทางและปลายทาง "
        "และการนำเข้าที่ทำให้ค่าเปลี่ยน พร้อมหมู่บ้านที่การนำเข้านั้นแก้ไข",
        "Every import is a data version. The headline figures at the two versions, and the imports in "
        "between that changed them, with the villages each changed.",
    ),
    "ind.revisions_from": ("จากรุ่น", "From version"),
    "ind.revisions_to": ("ถึงรุ่น", "To version"),
    "ind.revisions_none": ("ยังมีข้อมูลเพียงรุ่นเดียว", "There is only one data version so far"),
    "col.value_from": ("ค่าที่รุ่นต้นทาง", "Value at the first version"),
    "col.value_to": ("ค่าที่รุ่นปลายทาง", "Value at the second version"),
    "col.changed_by": ("การนำเข้าที่ทำให้ค่าเปลี่ยน", "Imports that changed it"),
    "ind.download_rows": ("ดาวน์โหลดแถวที่ไม่ผ่านทั้งหมด (CSV)", "Download all failing rows (CSV)"),
    # The rows behind each indicator (metrics/rows.py, ui/rows.py): headers and reasons.
    "rows.title": ("แถวเบื้องหลังตัวเลข", "The rows behind each number"),
    "rows.caption": (
        "หนึ่งแถวต่อหน่วยที่ตัวชี้วัดนับ (ครัวเรือน หมู่บ้าน หรือกลุ่ม) ในขอบเขต ทั้งที่อยู่และไม่อยู่ในตัวหาร "
        "ผลรวมของค่าตัวตั้งและค่าตัวหารเท่ากับตัวเลขในตาราง ไฟล์ดาวน์โหลดมีทุกแถว",
        "One row per unit the indicator counts (household, village or group) in scope, in or out of "
        "the denominator; the numerator and denominator values add up to the numbers in the table. "
        "The downloads have every row.",
    ),
    "rows.pick": ("ตัวชี้วัด", "Indicator"),
    "rows.count": ("{shown} แถวแรกจาก {total} แถว", "First {shown} of {total} rows"),
    "rows.pseudonymous": (
        "ผู้ประเมินเห็นรหัสแทนครัวเรือน (รหัสนามแฝง) ไม่มีรหัสครัวเรือนหรือข้อมูลส่วนบุคคล",
        "Evaluators see a pseudonymous key per household: no household id and no personal data.",
    ),
    "rows.show": ("ดูแถวเบื้องหลังตัวเลข", "Show the rows"),
    "rows.xlsx_cut": (
        "Excel มีได้ไม่เกิน {max} แถว ไฟล์นี้มี {shown} แถวแรกจาก {total} แถว ไฟล์ CSV มีทุกแถว",
        "Excel holds at most {max} rows: this file has the first {shown} of {total}; the CSV has every row.",
    ),
    "rows.unit.households": ("ครัวเรือน", "Household"),
    "rows.unit.villages": ("หมู่บ้าน", "Village"),
    "rows.unit.groups": ("กลุ่มอาชีพ", "Group"),
    "rows.col.village_code": ("รหัสหมู่บ้าน", "Village code"),
    "rows.col.status": ("การนับ", "Counted"),
    "rows.status.both": ("นับทั้งตัวตั้งและตัวหาร", "in the numerator and the denominator"),
    "rows.status.denominator": ("นับเฉพาะตัวหาร: {reason}", "in the denominator only: {reason}"),
    "rows.status.out": ("ไม่นับ: {reason}", "not counted: {reason}"),
    "rows.col.in_denominator": ("อยู่ในตัวหาร (1/0)", "In denominator (1/0)"),
    "rows.col.in_numerator": ("อยู่ในตัวตั้ง (1/0)", "In numerator (1/0)"),
    "rows.col.numerator_value": ("ค่าตัวตั้ง", "Numerator value"),
    "rows.col.denominator_value": ("ค่าตัวหาร", "Denominator value"),
    "rows.col.reason_code": ("รหัสเหตุผล", "Reason code"),
    "rows.col.reason": ("เหตุที่ไม่นับ", "Why not counted"),
    "rows.col.head_name": ("หัวหน้าครัวเรือน", "Head of household"),
    "rows.col.members": ("สมาชิก (คน)", "Members"),
    "rows.col.occupation": ("อาชีพ", "Occupation"),
    "rows.col.baseline_date": ("วันสำรวจรอบฐาน", "Baseline survey date"),
    "rows.col.baseline_income": ("รายได้รอบฐาน (บาท/ปี)", "Baseline income (baht/year)"),
    "rows.col.latest_round": ("รอบสำรวจหลังล่าสุด", "Latest later round"),
    "rows.col.latest_date": ("วันสำรวจล่าสุด", "Latest survey date"),
    "rows.col.latest_income": ("รายได้ล่าสุด (บาท/ปี)", "Latest income (baht/year)"),
    "rows.col.latest_practising": ("ยังประกอบอาชีพ (1/0)", "Practising (1/0)"),
    "rows.col.latest_per_person": ("รายได้ล่าสุดต่อคน (บาท/ปี)", "Latest income per person (baht/year)"),
    "rows.col.jpt_line": ("เกณฑ์ จปฐ. (บาท/คน/ปี)", "จปฐ. line (baht/person/year)"),
    "rows.col.groups": ("กลุ่มอาชีพ", "Groups"),
    "rows.col.trainers": ("วิทยากร", "Trainers"),
    "rows.col.leads": ("ปราชญ์ (หัวหน้าทีม)", "Lead trainers"),
    "rows.col.households": ("ครัวเรือนเป้าหมาย", "Target households"),
    "rows.col.days": ("วันอบรมที่บันทึก", "Training days recorded"),
    "rows.col.attended": ("ครั้งที่เข้าร่วม", "Attendances"),
    "rows.col.knowledge": ("อบรมความรู้ วันที่ 1–3 (1/0)", "Knowledge days 1–3 (1/0)"),
    "rows.col.study_visit": ("ศึกษาดูงาน วันที่ 4 (1/0)", "Study visit day 4 (1/0)"),
    "rows.col.practice": ("ฝึกปฏิบัติ วันที่ 5 (1/0)", "Practice day 5 (1/0)"),
    "rows.col.market_links": ("เครือข่าย OTOP หรือตลาด", "OTOP or market links"),
    "rows.col.score": ("คะแนน 5 ก", "5 ก score"),
    "rows.col.k_members": ("สมาชิกครบ (1/0)", "Enough members (1/0)"),
    "rows.col.k_committee": ("มีกรรมการ (1/0)", "Committee (1/0)"),
    "rows.col.k_rules": ("มีกฎกติกา (1/0)", "Rules (1/0)"),
    "rows.col.k_fund": ("มีกองทุน (1/0)", "Fund (1/0)"),
    "rows.col.k_activities": ("มีกิจกรรม (1/0)", "Activities (1/0)"),
    "rows.col.stages_done": ("ขั้นตอนที่เสร็จ", "Stages done"),
    "rows.reason.no_later_survey": ("ไม่มีการสำรวจหลังรอบฐาน", "no survey after baseline"),
    "rows.reason.practising_blank": (
        "การสำรวจล่าสุดไม่ได้ตอบว่ายังประกอบอาชีพหรือไม่",
        "latest survey: practising left blank",
    ),
    "rows.reason.not_practising": ("การสำรวจล่าสุด: ไม่ได้ประกอบอาชีพแล้ว", "latest survey: not practising"),
    "rows.reason.no_baseline": ("ไม่มีการสำรวจรอบฐาน", "no baseline survey"),
    "rows.reason.baseline_income_blank": ("รอบฐานไม่ได้กรอกรายได้", "baseline survey: income left blank"),
    "rows.reason.latest_income_blank": ("การสำรวจล่าสุดไม่ได้กรอกรายได้", "latest survey: income left blank"),
    "rows.reason.below_jpt": (
        "รายได้ต่อคนล่าสุดต่ำกว่าเกณฑ์ จปฐ.",
        "latest income per person below the จปฐ. line",
    ),
    "rows.reason.no_occupation": ("ไม่ได้ระบุอาชีพ", "no occupation recorded"),
    "rows.reason.skill_not_matched": (
        "ไม่มีวิทยากรของหมู่บ้านที่เชี่ยวชาญอาชีพนี้",
        "no trainer of the village has this skill",
    ),
    "rows.reason.no_group": ("ไม่มีกลุ่มอาชีพ", "no occupational group"),
    "rows.reason.no_lead": ("ไม่มีปราชญ์ (หัวหน้าทีม)", "no lead trainer"),
    "rows.reason.too_few_trainers": ("วิทยากรไม่ครบตามเป้า", "fewer trainers than the target"),
    "rows.reason.no_trainers": ("ไม่มีวิทยากร", "no trainers"),
    "rows.reason.no_households": ("ไม่มีครัวเรือนเป้าหมาย", "no target households"),
    "rows.reason.training_incomplete": ("ยังอบรมไม่ครบ 5 วัน", "not all five training days recorded"),
    "rows.reason.no_training_days": ("ยังไม่มีวันอบรม", "no training day recorded"),
    "rows.reason.no_attendance": ("ไม่มีการเข้าร่วมอบรมที่บันทึก", "no attendance recorded"),
    "rows.reason.no_market_link": ("ไม่มีเครือข่าย OTOP หรือตลาด", "no OTOP or market link"),
    "rows.reason.five_k_incomplete": ("ยังไม่ครบหลัก 5 ก", "not all of the 5 ก"),
    "rows.reason.no_stage_done": ("ยังไม่เสร็จขั้นตอนใด", "no stage done"),
    "ind.officers": ("ผลงานรายพัฒนากร", "Officers"),
    "ind.reports": ("การรายงานรายเดือนตามช่องทาง", "Monthly reports by channel"),
    "ind.reports_caption": (
        "จำนวนรายงานของพัฒนากรต่อเดือน แยกตามช่องทาง",
        "Officers' reports per month by channel.",
    ),
    # indicators page: the evaluation measures (metrics/evaluation.py)
    "eval.title": ("การประเมินผลโครงการ", "Evaluating the programme"),
    "eval.caption": (
        "ตรวจตามหลักของโครงการเอง: คัดเลือกครัวเรือนรายได้น้อยที่สุดก่อนหรือไม่ การติดตามตกหล่นอย่างไร "
        "รายได้ที่แท้จริงหลังหักเงินเฟ้อ และเทียบกับครัวเรือนอื่นในหมู่บ้านเดียวกัน",
        "Checked against the programme's own rules: were the lowest-income households selected first, "
        "how follow-up surveys thin out, income in constant prices, and a comparison with the other "
        "households of the same villages.",
    ),
    "eval.no_roster": (
        "ยังไม่มีทะเบียนครัวเรือน จปฐ. (ชีต roster) ของหมู่บ้านในขอบเขตนี้ จึงยังตรวจการคัดเลือกและเปรียบเทียบไม่ได้ "
        "นำเข้าได้ที่หน้า นำเข้าข้อมูล",
        "No จปฐ. household roster (the roster sheet) for the villages in scope yet, so targeting and the "
        "comparison cannot be checked; import one on the Data page.",
    ),
    "eval.targeting": ("การคัดเลือกครัวเรือน: รายได้น้อยที่สุดก่อน", "Targeting: lowest income first"),
    "eval.targeting_caption": (
        "รายหมู่บ้าน จากทะเบียน จปฐ. ปีล่าสุดที่ไม่เกินปีงบประมาณของหมู่บ้าน รายได้ต่อคน = รายได้ครัวเรือนต่อปี ÷ "
        "จำนวนสมาชิก k = จำนวนครัวเรือนเป้าหมายในทะเบียนปีนั้น หมู่บ้านที่คัดเลือกคลาดมากที่สุดอยู่บนสุด",
        "Per village, from its latest roster year not after its fiscal year; income per member = annual "
        "household income ÷ members; k = target households on that year's roster. Worst villages first.",
    ),
    "eval.line_note": (
        "เส้นความยากจน {line} บาทต่อคนต่อปี คือเกณฑ์รายได้ จปฐ. ช่วงปี 2560–2564 ที่พบเพียงในคำอธิบายแผนภูมิสาธารณะ "
        "ไม่ใช่แหล่งทางการ (เป็นสมมติฐาน) เปลี่ยนได้ด้วยตัวแปรสภาพแวดล้อม SAMMACHIP_JPT_LINE "
        "เช่น 38000,2565:40000 (ปีงบประมาณ:บาท) ดู docs/INDICATORS.md",
        "Poverty line {line} baht per person per year: the จปฐ. (basic minimum needs) income line of the "
        "2560–2564 survey period, seen only in public chart legends, not in an official source (an "
        "assumption). Change it with the environment variable SAMMACHIP_JPT_LINE, e.g. 38000,2565:40000 "
        "(fiscal year:baht); see docs/INDICATORS.md.",
    ),
    "eval.col_village": ("หมู่บ้าน", "Village"),
    "eval.col_district": ("อำเภอ", "District"),
    "eval.col_roster_year": ("ปี จปฐ.", "Roster year"),
    "eval.col_roster_households": ("ครัวเรือนในทะเบียน", "Roster households"),
    "eval.col_selected": ("คัดเลือก (k)", "Selected (k)"),
    "eval.col_selected_in_poorest": ("อยู่ใน k ครัวเรือนที่จนที่สุด", "Among the k poorest"),
    "eval.col_selected_above_line": ("คัดเลือกแต่เกินเส้นความยากจน", "Selected above the line"),
    "eval.col_eligible_not_selected": ("ต่ำกว่าเส้นแต่ไม่ได้คัดเลือก", "Below the line, not selected"),
    "eval.col_round": ("รอบสำรวจ", "Round"),
    "eval.col_target": ("ครัวเรือนเป้าหมาย", "Target households"),
    "eval.col_surveyed": ("สำรวจแล้ว", "Surveyed"),
    "eval.col_missing_share": ("ขาดการสำรวจ", "Missing"),
    "eval.col_band": ("ระดับ", "Band"),
    "eval.col_retained": ("รายได้รอบฐานเฉลี่ย: ยังสำรวจ", "Mean baseline income: retained"),
    "eval.col_lost": ("รายได้รอบฐานเฉลี่ย: ขาดการสำรวจ", "Mean baseline income: lost"),
    "eval.col_gap": ("ส่วนต่าง (ขาด ÷ ยังสำรวจ − 1)", "Gap (lost ÷ retained − 1)"),
    # short headers of the page's tables (the full ones as tooltips)
    "eval.short.roster_households": ("ในทะเบียน", "On roster"),
    "eval.short.selected": ("เลือก (k)", "Chosen (k)"),
    "eval.short.selected_in_poorest": ("ใน k จนสุด", "In k poorest"),
    "eval.short.selected_above_line": ("เกินเส้น", "Above line"),
    "eval.short.eligible_not_selected": ("จน ไม่ได้เลือก", "Poor, left out"),
    "eval.short.target": ("เป้าหมาย", "Target"),
    "eval.short.surveyed": ("สำรวจ", "Surveyed"),
    "eval.short.missing_share": ("ขาด", "Missing"),
    "eval.short.retained": ("ฐาน: คงอยู่ (บาท)", "Base: kept (baht)"),
    "eval.short.lost": ("ฐาน: ขาด (บาท)", "Base: lost (baht)"),
    "eval.col_measure": ("ตัววัด", "Measure"),
    "eval.col_change": ("เปลี่ยนแปลง", "Change"),
    "eval.col_baht": ("บาทต่อปี", "Baht a year"),
    "eval.col_households": ("ครัวเรือน", "Households"),
    "eval.col_note": ("หมายเหตุ", "Note"),
    "eval.attrition": ("การติดตามที่ตกหล่น", "Follow-up attrition"),
    "eval.attrition_caption": (
        "ต่อรอบสำรวจหลังรอบฐาน นับครัวเรือนเป้าหมายทั้งหมดในขอบเขต ทั้งที่ถึงกำหนดสำรวจแล้วหรือยัง "
        "ระดับ: ต่ำ ขาดไม่ถึง 5% · ควรตรวจ 5–20% · สูง เกิน 20%",
        "Per survey round after baseline, over every target household in scope, due yet or not. "
        "Band: low under 5% missing · check 5–20% · high over 20%.",
    ),
    "eval.attrition_by": ("แยกตาม", "Break down by"),
    "eval.by_district": ("อำเภอ", "District"),
    "eval.by_village": ("หมู่บ้าน", "Village"),
    "eval.band.low": ("ต่ำ", "low"),
    "eval.band.check": ("ควรตรวจ", "check"),
    "eval.band.high": ("สูง", "high"),
    "eval.gap_large": (
        "รอบ{round}: ครัวเรือนที่ขาดการสำรวจมีรายได้รอบฐานเฉลี่ย{direction}ครัวเรือนที่ยังสำรวจ {gap} "
        "การเปลี่ยนแปลงรายได้จึงวัดจากครัวเรือนอีกกลุ่มหนึ่ง และอาจเอนเอียง",
        "{round}: the households not surveyed had a mean baseline income {gap} {direction} those still "
        "surveyed, so the income change is measured on a different set of households and may be biased.",
    ),
    "eval.gap_higher": ("สูงกว่า", "higher than"),
    "eval.gap_lower": ("ต่ำกว่า", "lower than"),
    "eval.real": ("รายได้ที่แท้จริง (ราคาคงที่)", "Real income (constant prices)"),
    "eval.real_caption": (
        "รายได้รอบหลังแต่ละครัวเรือนปรับเป็นราคาของปีที่สำรวจรอบฐาน: รายได้ × CPI(ปีรอบฐาน) ÷ CPI(ปีที่สำรวจ) "
        "แล้วใช้สูตรเดียวกับตัวชี้วัดรายได้ กับครัวเรือนชุดเดียวกัน เป้าหมาย +3% ของกรมการพัฒนาชุมชนยังเป็นตัวเลขตามราคาปัจจุบัน "
        "ที่มา: {source}",
        "Each household's later income in the prices of its baseline survey's year: income × CPI(baseline "
        "year) ÷ CPI(survey year), then the income indicator's formula over the same households. The CDD's "
        "+3% target stays nominal. Source: {source}.",
    ),
    "eval.nominal": ("เพิ่มขึ้น ตามราคาปัจจุบัน (เป้า +3%)", "Increase, nominal (target +3%)"),
    "eval.nominal_help": (
        "ตัวชี้วัดรายได้เฉลี่ยครัวเรือนเพิ่มขึ้น เป้าหมาย +3% ของกรมการพัฒนาชุมชนเป็นตัวเลขตามราคาปัจจุบัน",
        "The income indicator itself; the CDD's +3% target is nominal.",
    ),
    "eval.real_value": ("เพิ่มขึ้น ตามราคาคงที่", "Increase, real (constant prices)"),
    "eval.real_households": ("ครัวเรือนที่นับ", "Households counted"),
    "eval.comparison": ("เทียบกับครัวเรือนอื่นในหมู่บ้านเดียวกัน", "Compared with similar households"),
    "eval.comparison_caption": (
        "ผลต่างของผลต่าง: รายได้ครัวเรือนต่อปีที่เปลี่ยนไปเฉลี่ยของครัวเรือนเป้าหมาย ลบด้วยของครัวเรือนอื่น "
        "จากทะเบียน จปฐ. ปีล่าสุดที่ไม่เกินปีงบประมาณ ถึงปีล่าสุดหลังปีงบประมาณ เฉพาะครัวเรือนที่อยู่ในทะเบียนทั้งสองปี "
        "ช่วงความเชื่อมั่น 95% แบบ bootstrap",
        "Difference in differences: the mean change in annual household income of the selected households "
        "minus that of the other households, from the latest roster year not after the fiscal year to the "
        "latest after it, over households on both rosters; 95% bootstrap interval.",
    ),
    "eval.caution": (
        "ข้อควรระวัง: ตัวเลขนี้แสดงความสัมพันธ์ ไม่ใช่หลักฐานว่าโครงการเป็นสาเหตุ ครัวเรือนเป้าหมายถูกคัดเลือกเพราะรายได้น้อย "
        "จึงต่างจากครัวเรือนอื่นตั้งแต่ต้น",
        "Caution: this is an association, not proof of effect. The selected households were chosen for "
        "their low income, so they differed from the others from the start.",
    ),
    "eval.no_second_year": (
        "ยังเปรียบเทียบไม่ได้: ไม่มีหมู่บ้านในขอบเขตที่มีทะเบียน จปฐ. ทั้งปีที่ไม่เกินปีงบประมาณและปีหลังจากนั้น",
        "No comparison yet: no village in scope has a roster both for a year not after its fiscal year "
        "and for a year after it.",
    ),
    "eval.selected_change": ("ครัวเรือนเป้าหมาย: รายได้เปลี่ยนเฉลี่ย", "Selected: mean change"),
    "eval.others_change": ("ครัวเรือนอื่น: รายได้เปลี่ยนเฉลี่ย", "Others: mean change"),
    "eval.difference": ("ผลต่างของผลต่าง", "Difference in differences"),
    "eval.interval": ("ช่วงความเชื่อมั่น 95% (บาท)", "95% interval (baht)"),
    "eval.ci_low": ("ช่วงความเชื่อมั่น 95%: ขอบล่าง", "95% interval: low"),
    "eval.ci_high": ("ช่วงความเชื่อมั่น 95%: ขอบบน", "95% interval: high"),
    "eval.n_selected": ("ครัวเรือนเป้าหมายที่นับ", "Selected households counted"),
    "eval.n_others": ("ครัวเรือนอื่นที่นับ", "Other households counted"),
    # data page
    "data.template": ("แบบฟอร์มว่าง", "Empty template"),
    "data.template_caption": (
        "แบบฟอร์ม Excel ชื่อชีตและหัวคอลัมน์ภาษาไทย มีชีตคำแนะนำ รายการให้เลือก และตัวอย่างชีตละ 1 แถว "
        "(ลบแถวตัวอย่างก่อนนำเข้า)",
        "An Excel template with Thai sheet names and headers, an instructions sheet, drop-down lists "
        "and one example row per sheet (delete the example rows before importing).",
    ),
    "data.template_download": ("ดาวน์โหลดแบบฟอร์ม Excel", "Download the Excel template"),
    "data.upload": ("อัปโหลดไฟล์", "Upload"),
    "data.upload_help": (
        "ไฟล์ Excel (.xlsx) หรือ ZIP ของไฟล์ CSV ขนาดไม่เกิน {mb} MB (ไฟล์ที่ใหญ่กว่านี้ให้แบ่งตามอำเภอ)",
        "An Excel workbook (.xlsx) or a ZIP of CSV files, at most {mb} MB (split a bigger file by district)",
    ),
    "data.report": ("ผลการตรวจสอบ", "Validation report"),
    "data.no_problems": ("ไม่พบปัญหา", "No problems found"),
    "data.errors_block": (
        "พบข้อผิดพลาด {n} รายการ ต้องแก้ไขก่อนนำเข้า ฐานข้อมูลไม่เปลี่ยนแปลง",
        "{n} {n?error|errors}: fix them before importing. The database is unchanged.",
    ),
    "data.ready": (
        "ตรวจผ่าน มีคำเตือน {n} รายการ พร้อมนำเข้า",
        "Valid, with {n} {n?warning|warnings}: ready to import.",
    ),
    "data.confirm": (
        "ยืนยันการนำเข้า (แทนที่ข้อมูลของหมู่บ้านที่ไฟล์ครอบคลุม)",
        "I confirm: import, replacing the rows of the villages this file covers",
    ),
    "data.import": ("นำเข้าข้อมูล", "Import"),
    "data.imported": ("นำเข้าแล้ว (ครั้งที่ {id})", "Imported (import #{id})"),
    "data.changes": ("จำนวนแถวก่อนและหลัง", "Rows before and after"),
    "data.villages_added": ("หมู่บ้านใหม่", "Villages added"),
    "data.villages_replaced": ("หมู่บ้านที่แทนที่ข้อมูลเดิม", "Villages replaced"),
    "data.warnings_total": ("คำเตือน", "Warnings"),
    "data.villages_caption": (
        "หมู่บ้านใหม่คือหมู่บ้านที่ฐานข้อมูลยังไม่มี หมู่บ้านที่แทนที่คือหมู่บ้านที่มีอยู่แล้ว ซึ่งแถวในตารางที่ไฟล์ส่งมาถูกแทนที่ด้วยแถวของไฟล์",
        "Added: villages the store did not hold. Replaced: villages it held, whose rows in the "
        "tables the file sends were replaced by the file's.",
    ),
    "data.warning_kinds": ("คำเตือนแยกตามประเภท", "Warnings by kind"),
    "data.warnings_download": ("ดาวน์โหลดคำเตือนทั้งหมด (CSV)", "Download every warning (CSV)"),
    "data.next": ("ขั้นต่อไป", "What next"),
    "data.link_overview": ("ดูภาพรวมที่ปรับแล้ว", "See the updated Overview"),
    "data.link_pack": (
        "จัดทำเอกสารประกอบการประชุม (ที่หน้าภาพรวม)",
        "Build the meeting pack (on the Overview)",
    ),
    "data.identical": (
        "ไฟล์นี้เหมือนกับไฟล์ที่นำเข้าแล้วทุกไบต์: ครั้งที่ {id} เมื่อ {when} ({file}) การนำเข้าซ้ำจะไม่ทำให้ข้อมูลเปลี่ยน",
        "This file is byte for byte the one imported as import #{id} on {when} ({file}). "
        "Importing it again changes no data.",
    ),
    "data.identical_choice": ("จะทำอย่างไรกับไฟล์นี้", "What to do with this file"),
    "data.identical.skip": ("ไม่นำเข้า", "Don't import it"),
    "data.identical.again": ("ตรวจและนำเข้าอีกครั้ง", "Check it and import it again"),
    "data.identical_skipped": (
        "ไม่ได้นำเข้าไฟล์นี้ ฐานข้อมูลไม่เปลี่ยนแปลง เลือกไฟล์อื่นได้ที่ช่องด้านบน",
        "This file was not imported; the store is unchanged. Choose another file above.",
    ),
    "import.phase.read": ("อ่านไฟล์", "reading the file"),
    "import.phase.prepare": ("เตรียมสำเนาฐานข้อมูล", "preparing a working copy of the store"),
    "import.phase.check": ("ตรวจหัวตารางและทุกเซลล์", "checking every header and cell"),
    "import.phase.replace": ("แทนที่ข้อมูลของหมู่บ้านในไฟล์", "replacing the villages the file covers"),
    "import.phase.references": ("ตรวจรหัสที่อ้างถึงกัน", "checking keys and references"),
    "import.phase.warnings": ("ตรวจเทียบเป้าหมาย", "checking against the targets"),
    "import.phase.facts": ("ปรับตัวเลขที่หน้าจอใช้", "refreshing the figures the pages read"),
    "import.phase.save": ("บันทึกฐานข้อมูล", "saving the store"),
    "import.phase.done": ("เสร็จแล้ว", "done"),
    "data.unreadable": ("อ่านไฟล์ไม่ได้: {error}", "Cannot read the file: {error}"),
    "data.groups": ("ปัญหาที่มาจากสาเหตุเดียวกัน ({n} กลุ่ม)", "Problems with one root cause ({n} {n?group|groups})"),
    "data.groups_caption": (
        "แก้ต้นเหตุก่อน แถวที่ตามมามักจะผ่านเอง แต่ละกลุ่มแสดงแถวต้นเหตุก่อน แล้วจึงแถวที่ตามมา (กดเพื่อดู)",
        "Fix the root first: the rows that follow from it usually pass then. Each group shows its root, "
        "then the rows that follow from it (click to open).",
    ),
    "data.group_fix": ("วิธีแก้: {fix}", "How to fix: {fix}"),
    "data.group_no_root": (
        "ไม่มีแถวต้นเหตุในไฟล์ (รหัสนี้ไม่มีอยู่เลย)",
        "The root is not a row of the file (no row holds this key).",
    ),
    "data.group_dependants": ("แถวที่ตามมา {n} แถว", "{n} {n?row follows|rows follow} from it"),
    "data.group_unlisted": ("และอีก {n} แถวที่ไม่ได้แสดงทีละแถว", "and {n} more rows not listed one by one"),
    "data.groups_more": (
        "อีก {n} กลุ่มอยู่ในตารางด้านล่าง (คอลัมน์ กลุ่มปัญหา)",
        "{n} more groups are in the table below (column Problem group)",
    ),
    "data.other_problems": ("ปัญหาอื่น", "Other problems"),
    "data.fix_downloads": (
        "ดาวน์โหลดไฟล์ของคุณที่ระบายสีทุกเซลล์ที่มีปัญหาและมีความเห็นบอกวิธีแก้ แก้ในไฟล์นั้นแล้วอัปโหลดอีกครั้งได้",
        "Download your own file with every problem cell coloured and a comment saying how to fix it; "
        "fix it there and upload it again.",
    ),
    "data.annotated_download": (
        "ดาวน์โหลดไฟล์ที่ทำเครื่องหมายเซลล์ที่มีปัญหา (Excel)",
        "Download the file with problem cells marked (Excel)",
    ),
    "data.report_download": ("ดาวน์โหลดรายการปัญหาทั้งหมด (CSV)", "Download every problem (CSV)"),
    "data.current": ("ข้อมูลในฐานข้อมูลตอนนี้", "What the database holds now"),
    # column headers
    "col.level": ("ระดับ", "Level"),
    "col.file": ("ไฟล์", "File"),
    "col.sheet": ("ชีต", "Sheet"),
    "col.row": ("แถว", "Row"),
    "col.column": ("คอลัมน์", "Column"),
    "col.message": ("ข้อความ", "Message"),
    "col.problem_group": ("กลุ่มปัญหา", "Problem group"),
    "col.group_role": ("ในกลุ่มปัญหา", "In the group"),
    "col.table": ("ตาราง", "Table"),
    "col.in_file": ("ในไฟล์", "In file"),
    "col.before": ("ก่อน", "Before"),
    "col.after": ("หลัง", "After"),
    "col.village": ("หมู่บ้าน", "Village"),
    "col.village_code": ("รหัสหมู่บ้าน", "Village code"),
    "col.tambon": ("ตำบล", "Tambon"),
    "col.district": ("อำเภอ", "District"),
    "col.status": ("สถานะ", "Status"),
    "col.progress": ("ความก้าวหน้า", "Progress"),
    "col.households": ("ครัวเรือน", "Households"),
    "col.trainers": ("วิทยากร", "Trainers"),
    "col.income_change": ("รายได้เปลี่ยน", "Income change"),
    "col.indicator": ("ตัวชี้วัด", "Indicator"),
    "col.value": ("ค่า", "Value"),
    "col.target": ("เป้า", "Target"),
    "col.met": ("ผ่านเป้า", "Met"),
    "col.numerator": ("ตัวตั้ง", "Numerator"),
    "col.denominator": ("ตัวหาร", "Denominator"),
    "col.definition": ("นิยาม", "Definition"),
    "col.check": ("รายการตรวจ", "Check"),
    "col.records": ("จำนวน", "Records"),
    "col.group": ("กลุ่ม", "Group"),
    "col.score": ("คะแนน 5 ก", "5 ก score"),
    "col.household": ("รหัสครัวเรือน", "Household"),
    "col.head": ("หัวหน้าครัวเรือน", "Head of household"),
    "col.occupation": ("อาชีพ", "Occupation"),
    "col.baseline": ("รายได้รอบฐาน (บาท/ปี)", "Baseline (baht/year)"),
    "col.latest": ("รายได้ล่าสุด (บาท/ปี)", "Latest (baht/year)"),
    "col.baseline_short": ("รอบฐาน", "Baseline"),
    "col.latest_short": ("ล่าสุด", "Latest"),
    "col.head_short": ("หัวหน้า", "Head"),
    "col.round_help": (
        "รอบสำรวจล่าสุดหลังอบรม: หลังอบรม ติดตาม 6 เดือน หรือติดตาม 12 เดือน",
        "The latest survey round after training: post, 6 months or 12 months",
    ),
    "col.code": ("รหัส", "Code"),
    "col.practising_short": ("ยังทำ", "Practising"),
    "col.change_pct": ("เปลี่ยน (%)", "Change (%)"),
    "col.practising": ("ยังประกอบอาชีพ", "Practising"),
    "col.round": ("รอบ", "Round"),
    "col.officer": ("พัฒนากร", "Officer"),
    "col.reports": ("รายงาน", "Reports"),
    "col.imported_at": ("เวลา", "When"),
    "col.sha256": ("SHA-256", "SHA-256"),
    "col.warnings": ("คำเตือน", "Warnings"),
    "col.rows": ("แถวต่อตาราง", "Rows per table"),
    "col.role": ("บทบาท", "Role"),
    "col.skills": ("ความเชี่ยวชาญ", "Skills"),
    "col.phone": ("โทรศัพท์", "Phone"),
    "col.name": ("ชื่อ", "Name"),
    "col.overdue": ("เลยกำหนด", "Overdue"),
    "col.month": ("เดือน", "Month"),
    "col.channel": ("ช่องทาง", "Channel"),
    "col.day": ("วันอบรมที่", "Day"),
    "col.rows_now": ("จำนวนแถว", "Rows"),
    "col.villages": ("หมู่บ้าน", "Villages"),
    "col.complete": ("ครบทุกขั้นตอน", "Complete (all 8 stages)"),
    "col.months": ("เดือนที่รายงาน", "Months reported"),
    "col.months_short": ("เดือน", "Months"),
    "col.complete_short": ("ครบ", "Done"),
    "col.last_report": ("รายงานล่าสุด", "Last report"),
    "col.key": ("รหัส", "Key"),
    "col.import": ("ครั้งที่นำเข้า", "Import"),
    # axes
    "axis.households": ("จำนวนครัวเรือน", "Households"),
    "axis.per_person": ("รายได้ต่อคน (บาท/คน/ปี)", "Income per person (baht/person/year)"),
    "axis.change_pct": ("รายได้เปลี่ยน (%)", "Income change (%)"),
    "axis.trainers": ("จำนวนวิทยากร (คน)", "Trainers"),
    "axis.hpt": ("ครัวเรือนต่อวิทยากร", "Households per trainer"),
    "axis.date": ("วันที่", "Date"),
    "axis.share": ("สัดส่วน (%)", "Share (%)"),
    "axis.reports": ("จำนวนรายงาน", "Reports"),
    "axis.mean_income": ("รายได้เฉลี่ย (บาท/ปี)", "Mean income (baht/year)"),
    "round.baseline": ("รอบฐาน", "Baseline"),
    "round.post": ("หลังอบรม", "Post"),
    "round.follow_6m": ("ติดตาม 6 เดือน", "6 months"),
    "round.follow_12m": ("ติดตาม 12 เดือน", "12 months"),
    "round_short.baseline": ("ฐาน", "Baseline"),
    "round_short.post": ("หลังอบรม", "Post"),
    "round_short.follow_6m": ("6 เดือน", "6 months"),
    "round_short.follow_12m": ("12 เดือน", "12 months"),
    "network.otop": ("OTOP", "OTOP"),
    "network.market": ("ตลาด", "Market"),
    "network.village_fund": ("กองทุนหมู่บ้าน", "Village fund"),
    "network.baac": ("ธ.ก.ส.", "BAAC"),
    "network.savings_group": ("กลุ่มออมทรัพย์", "Savings group"),
    "network.women_network": ("เครือข่ายสตรี", "Women's network"),
    "network.local_gov": ("อปท.", "Local government"),
    "network.private": ("เอกชน", "Private firm"),
    "network.other": ("อื่นๆ", "Other"),
    "channel.document": ("เอกสาร", "Document"),
    "channel.photo": ("ภาพถ่าย", "Photo"),
    "channel.line": ("ไลน์", "LINE"),
    "channel.visit": ("ลงพื้นที่", "Visit"),
    "channel.meeting": ("ประชุม", "Meeting"),
    "role.lead": ("ปราชญ์", "Lead"),
    "role.team": ("วิทยากร", "Trainer"),
    "level.error": ("ข้อผิดพลาด", "Error"),
    "level.warning": ("คำเตือน", "Warning"),
    "level.note": ("หมายเหตุ", "Note"),
    "grouprole.root": ("ต้นเหตุ", "Root"),
    "grouprole.dependant": ("ผลตามมา", "Follows"),
    # --- meeting pack and village one-pagers (branch meeting-pack) ---
    "pack.title": ("สัมมาชีพชุมชน: สรุปสำหรับการประชุมประจำเดือน", "Sammachip Chumchon: monthly meeting summary"),
    "pack.short": ("สัมมาชีพชุมชน", "Sammachip Chumchon"),
    "pack.file": ("สัมมาชีพ", "Sammachip"),
    "pack.as_of": ("ข้อมูล ณ วันที่ {date}", "Data as of {date}"),
    "pack.data_version": ("ข้อมูลรุ่นที่ {version}", "data version {version}"),
    "pack.not_latest": ("ไม่ใช่รุ่นล่าสุด (รุ่นล่าสุดคือ {latest})", "not the latest: that is {latest}"),
    "pack.previous": ("เทียบกับการประชุมครั้งก่อน ณ วันที่ {date}", "Compared with the last meeting, {date}"),
    "pack.fiscal_year": ("ปีงบประมาณ {year}", "Fiscal year {year}"),
    "pack.page": ("หน้า {n}/{total}", "Page {n}/{total}"),
    "pack.cont": ("(ต่อ)", "(continued)"),
    "pack.rows_cut": (
        "(แสดง {shown} แถวแรกจาก {total} แถว ดูทุกแถวได้จากปุ่มดาวน์โหลดในแดชบอร์ด)",
        "(the first {shown} of {total} rows; every row is in the dashboard's downloads)",
    ),
    "pack.made": ("จัดทำจากแดชบอร์ดสัมมาชีพชุมชน", "Made with the Sammachip Chumchon dashboard"),
    "pack.changes": ("ความเปลี่ยนแปลงตั้งแต่การประชุมครั้งก่อน", "Since the last meeting"),
    "pack.changes_kpis": ("ตัวชี้วัด ครั้งก่อนและครั้งนี้", "Targets at the last meeting and now"),
    "pack.changes_villages": (
        "ขั้นตอนที่เสร็จหรือเพิ่งเลยกำหนดตั้งแต่ครั้งก่อน",
        "Stages completed or newly overdue since the last meeting",
    ),
    "sheet.kpis": ("เป้าหมาย", "Targets"),
    "sheet.kpi_changes": ("ครั้งก่อนและครั้งนี้", "Since last meeting"),
    "sheet.changes": ("ขั้นตอนที่เปลี่ยน", "Stage changes"),
    "sheet.progress": ("ความก้าวหน้า", "Progress"),
    "sheet.income": ("รายได้", "Income"),
    "sheet.trainers": ("วิทยากร", "Trainers"),
    "sheet.groups": ("กลุ่มอาชีพ", "Groups"),
    "sheet.networks": ("เครือข่าย", "Networks"),
    "sheet.followups": ("ติดตาม", "Follow-ups"),
    "sheet.ranking": ("จัดอันดับอำเภอ", "District ranking"),
    "sheet.eval_targeting": ("การคัดเลือกครัวเรือน", "Targeting"),
    "sheet.eval_attrition": ("การติดตามตกหล่น", "Attrition"),
    "sheet.eval_attrition_district": ("ตกหล่นรายอำเภอ", "Attrition by district"),
    "sheet.eval_attrition_village": ("ตกหล่นรายหมู่บ้าน", "Attrition by village"),
    "sheet.eval_income": ("รายได้แท้จริงและการเทียบ", "Real income, comparison"),
    "pack.changes_stages": ("ขั้นตอนที่หมู่บ้านทำเสร็จเพิ่ม: {n}", "Stages completed: {n}"),
    "pack.changes_overdue": ("ขั้นตอนที่เพิ่งเลยกำหนด: {n}", "Stages newly overdue: {n}"),
    "pack.changes_groups": ("กลุ่มอาชีพใหม่: {n} กลุ่ม", "New groups: {n}"),
    "pack.changes_links": ("การเชื่อมเครือข่ายใหม่: {n}", "New network links: {n}"),
    "pack.changes_surveys": ("ผลสำรวจรายได้ที่บันทึกเพิ่ม: {n} รายการ", "Income surveys added: {n}"),
    "pack.changes_days": ("วันอบรมที่บันทึกเพิ่ม: {n} วัน", "Training days added: {n}"),
    "pack.kpis": ("เป้าหมายของกรมการพัฒนาชุมชน", "CDD targets"),
    "pack.kpis_caption": (
        "ค่าแต่ละตัวคำนวณจากครัวเรือนหรือหมู่บ้านที่มีข้อมูล ดูคอลัมน์ความครอบคลุม",
        "Each value rests on the households or villages with data: see the coverage column.",
    ),
    "pack.coverage_households": (
        "สำรวจแล้ว {covered} จาก {universe} ครัวเรือน",
        "surveyed {covered} of {universe} households",
    ),
    "pack.coverage_villages": ("{covered} จาก {universe} หมู่บ้าน", "{covered} of {universe} villages"),
    "pack.progress": ("ความก้าวหน้ารายหมู่บ้าน (เลยกำหนดขึ้นก่อน)", "Village progress (overdue first)"),
    "pack.income": ("รายได้ครัวเรือนที่เปลี่ยนไป", "Household income change"),
    "pack.income_caption": (
        "รายได้เฉลี่ยต่อครัวเรือน (บาท/ปี) รอบฐาน (○) และรอบล่าสุด (●) เฉพาะหมู่บ้านที่มีผลสำรวจหลังอบรม",
        "Mean household income (baht/year) at baseline (○) and latest round (●), villages with a survey after training.",
    ),
    "pack.income_table": ("รายได้รายหมู่บ้าน", "Income by village"),
    "pack.trainers": ("ความครบของทีมวิทยากร", "Trainer coverage"),
    "pack.trainers_table": ("ทีมวิทยากรรายหมู่บ้าน", "Trainer teams by village"),
    "pack.groups": ("กลุ่มอาชีพและเครือข่าย", "Groups and networks"),
    "pack.groups_table": ("กลุ่มอาชีพ คะแนน 5 ก และเครือข่าย", "Groups, 5 ก score and links"),
    "pack.followups": ("รายการที่ต้องติดตาม", "Follow-up list"),
    "pack.no_followups": ("ไม่มีรายการที่ต้องติดตาม", "Nothing needs follow-up."),
    "pack.no_data": (
        "ไม่มีข้อมูลในขอบเขตที่เลือก: {scope}",
        "No data in the chosen scope: {scope}",
    ),
    # scheduled delivery and alerts by e-mail (reports/deliver.py, issue 22)
    "deliver.report.meeting": ("สรุปสำหรับการประชุมประจำเดือน", "Monthly meeting summary"),
    "deliver.report.followups": ("รายการที่ต้องติดตาม", "Follow-up list"),
    "deliver.subject": (
        "สัมมาชีพชุมชน: {report} {place} ข้อมูล ณ วันที่ {date}",
        "Sammachip Chumchon: {report}, {place}, data as of {date}",
    ),
    "deliver.hello": ("เรียน ผู้รับรายงาน", "Dear recipient,"),
    "deliver.body": (
        "แนบ{report}ของ{place} ข้อมูล ณ วันที่ {date} (ไฟล์ {file})",
        "Attached: the {report} of {place}, data as of {date} (file {file}).",
    ),
    "deliver.version": (
        "รุ่นข้อมูล: การนำเข้าครั้งที่ {import_id} เมื่อ {when}",
        "Data version: import #{import_id} of {when}.",
    ),
    "deliver.footer": (
        "อีเมลนี้ส่งอัตโนมัติจากแดชบอร์ดสัมมาชีพชุมชนตามที่ท่านรับรายงานไว้ (เฉพาะพื้นที่ในสิทธิ์ของท่าน) "
        "หากไม่ต้องการรับต่อ โปรดแจ้งผู้ดูแลระบบ",
        "This mail is sent automatically by the Sammachip Chumchon dashboard for your subscription (your own "
        "area only). To stop it, ask the administrator.",
    ),
    "alert.subject": (
        "แจ้งเตือนสัมมาชีพชุมชน: มีการเปลี่ยนแปลงใน{place} ข้อมูล ณ วันที่ {date}",
        "Sammachip Chumchon alert: changes in {place}, data as of {date}",
    ),
    "alert.intro": (
        "หลังการนำเข้าข้อมูลครั้งที่ {import_id} มีการเปลี่ยนแปลงใน{place} เทียบกับการแจ้งเตือนครั้งก่อน "
        "(ข้อมูล ณ วันที่ {date} ทั้งสองครั้ง)",
        "After import #{import_id}, {place} changed since your last alert (both as of {date}).",
    ),
    "alert.overdue": ("หมู่บ้านที่เพิ่งเลยกำหนด", "Villages that became overdue"),
    "alert.overdue_line": (
        "{village}: {stages} (พัฒนากรผู้รับผิดชอบ {officer})",
        "{village}: {stages} (responsible officer {officer})",
    ),
    "alert.not_met": ("ตัวชี้วัดหลักที่เปลี่ยนจากผ่านเป็นไม่ผ่านเป้า", "Headline indicators that went from met to not met"),
    "alert.data_quality": ("ปัญหาคุณภาพข้อมูลใหม่", "New data-quality problems"),
    "pack.download": ("ชุดเอกสารประชุม", "Meeting pack"),
    "pack.download_help": (
        "สร้างไฟล์ PowerPoint, PDF และ Excel ตามตัวกรองปัจจุบัน ข้อมูล ณ วันที่ {date} (วันที่เดียวกับหน้านี้)",
        "Build a PowerPoint, a PDF and an Excel workbook for the current filters, as of {date} (the date this page shows)",
    ),
    "pack.build": ("สร้างชุดเอกสารประชุม", "Build the meeting pack"),
    "pack.download_pptx": ("ดาวน์โหลด PowerPoint", "Download PowerPoint"),
    "pack.download_pdf": ("ดาวน์โหลด PDF", "Download PDF"),
    "pack.download_xlsx": ("ดาวน์โหลดตาราง Excel", "Download Excel tables"),
    "build.progress": ("{phase} {percent}%", "{phase} {percent}%"),
    "build.phase.gather": ("กำลังรวบรวมข้อมูล…", "Gathering data…"),
    "build.phase.charts": ("กำลังวาดแผนภูมิ…", "Drawing charts…"),
    "build.phase.pptx": ("กำลังเขียนไฟล์ PowerPoint…", "Writing the PowerPoint…"),
    "build.phase.pdf": ("กำลังเขียนไฟล์ PDF…", "Writing the PDF…"),
    "build.phase.xlsx": ("กำลังเขียนไฟล์ Excel…", "Writing the Excel workbook…"),
    "build.phase.pages": ("กำลังทำสรุปหมู่บ้านทีละหน้า…", "Drawing the village pages…"),
    "build.phase.zip": ("กำลังรวมไฟล์เป็น ZIP…", "Packing the ZIP…"),
    "build.phase.done": ("เสร็จแล้ว", "Done"),
    "pack.failed": ("สร้างชุดเอกสารไม่สำเร็จ: {error}", "Could not build the pack: {error}"),
    "pack.charts_missing": (
        "ชุดเอกสารนี้ไม่มีแผนภูมิ: {charts} (เครื่องนี้ยังไม่มีเบราว์เซอร์ Chromium ที่ใช้วาดแผนภูมิ ตารางและข้อความครบ) ผู้ดูแลเครื่องเพิ่มได้ด้วยคำสั่ง {command}",
        "This pack has no charts: {charts} (this machine has no Chromium browser to draw them; the tables and text are complete). An administrator adds them with: {command}",
    ),
    "pack.chart_missing": (
        "แผนภูมิ “{chart}” ไม่แสดง: ติดตั้งเบราว์เซอร์ Chromium ด้วยคำสั่ง {command}",
        "Chart “{chart}” not shown: install the Chromium browser with {command}",
    ),
    "scope.province": ("จังหวัด{province}", "{province} province"),
    "scope.district": ("อำเภอ{district} จังหวัด{province}", "{district} district, {province}"),
    "scope.tambon": (
        "ตำบล{tambon} อำเภอ{district} จังหวัด{province}",
        "{tambon} tambon, {district} district, {province}",
    ),
    "scope.village": (
        "{village} หมู่ {moo} ตำบล{tambon} อำเภอ{district} จังหวัด{province}",
        "{village}, moo {moo}, {tambon}, {district}, {province}",
    ),
    "col.now": ("ครั้งนี้", "Now"),
    "col.last_meeting": ("ครั้งก่อน", "Last meeting"),
    "col.delta": ("เปลี่ยน", "Change"),
    "col.coverage": ("ความครอบคลุม", "Coverage"),
    "col.stages_done": ("เสร็จ (จาก 8)", "Done (of 8)"),
    "col.overdue_stages": ("ขั้นตอนที่เลยกำหนด", "Overdue stages"),
    "col.kind": ("ประเภท", "Kind"),
    "col.item": ("รายการ", "Item"),
    "col.due": ("กำหนด", "Due"),
    "col.days_overdue": ("ล่าช้า (วัน)", "Late (days)"),
    "col.members": ("สมาชิก", "Members"),
    "col.leads": ("ปราชญ์", "Leads"),
    "col.full_team": ("ทีมครบ", "Full team"),
    "col.links": ("เครือข่าย", "Links"),
    "col.network": ("ประเภทเครือข่าย", "Network"),
    "col.partner": ("ภาคี", "Partner"),
    "col.since": ("เริ่มเมื่อ", "Since"),
    "col.with_change": ("มีผลก่อน–หลัง", "Surveyed before and after"),
    "col.mean_baseline": ("เฉลี่ยรอบฐาน (บาท/ปี)", "Mean baseline (baht/year)"),
    "col.mean_latest": ("เฉลี่ยล่าสุด (บาท/ปี)", "Mean latest (baht/year)"),
    "col.stage": ("ขั้นตอน", "Stage"),
    "col.done": ("เสร็จแล้ว", "Done"),
    "village.title": ("หมู่บ้านเป้าหมายสัมมาชีพชุมชน", "Sammachip Chumchon target village"),
    "village.stages": ("8 ขั้นตอน", "The eight stages"),
    "village.team": ("ทีมวิทยากร", "Trainer team"),
    "village.income": ("รายได้ครัวเรือน", "Household income"),
    "village.income_summary": (
        "ครัวเรือนเป้าหมาย {households} · มีผลสำรวจก่อนและหลัง {with_change} · รายได้เฉลี่ย {baseline} → {latest} บาท/ปี ({change}) · ยังประกอบอาชีพ {practising}",
        "{households} target households · {with_change} surveyed before and after · mean income {baseline} → {latest} baht/year ({change}) · still practising {practising}",
    ),
    "village.groups": ("กลุ่มอาชีพและเครือข่าย", "Groups and links"),
    "village.followups": ("สิ่งที่ต้องติดตาม", "Follow-ups"),
    "village.none": ("ยังไม่มี", "None yet"),
    "village.not_found": ("ไม่พบหมู่บ้านรหัส {code}", "No village with code {code}"),
    "stage.overdue_mark": ("เลยกำหนด", "Overdue"),
    "stage.not_done": ("ยังไม่เสร็จ", "Not yet"),
    "onepager.header": ("สรุปหมู่บ้านหน้าเดียว", "Village one-pager"),
    "onepager.caption": (
        "สรุป{village} บนกระดาษ A4 หน้าเดียว (PDF) หรือเป็นภาพสำหรับส่งทางไลน์ (PNG) ข้อมูล ณ วันที่ {date} "
        "ชื่อและเบอร์โทรศัพท์ถูกปิดบัง",
        "{village} on one A4 page (PDF) or as a picture to send on LINE (PNG), as of {date}. "
        "Names and phone numbers are masked.",
    ),
    "onepager.pdf": ("ดาวน์โหลดสรุปหมู่บ้าน (PDF)", "Download the one-pager (PDF)"),
    "onepager.png": ("ดาวน์โหลดภาพสำหรับไลน์ (PNG)", "Download the LINE picture (PNG)"),
    "onepager.zip_caption": (
        "สรุปทุกหมู่บ้านในขอบเขตนี้ {n} หมู่บ้าน หมู่บ้านละไฟล์ PDF ตั้งชื่อตามรหัสหมู่บ้าน รวมในไฟล์ ZIP เดียว",
        "Every village in this scope ({n} {n?village|villages}), one PDF each named by its village code, in one ZIP.",
    ),
    "onepager.zip_build": ("สร้าง ZIP สรุปทุกหมู่บ้านของอำเภอ", "Build the district's one-pagers (ZIP)"),
    "onepager.zip_download": ("ดาวน์โหลด ZIP สรุปทุกหมู่บ้าน", "Download the one-pagers (ZIP)"),
    "onepager.zip_hint": (
        "เลือกอำเภอในแถบด้านข้าง เพื่อดาวน์โหลดสรุปทุกหมู่บ้านของอำเภอเป็นไฟล์ ZIP เดียว",
        "Choose a district in the sidebar to download all its villages' one-pagers as one ZIP.",
    ),
    "onepager.failed": ("สร้างไฟล์ไม่สำเร็จ: {error}", "Could not build the file: {error}"),
    "village.more": ("และอีก {n} รายการ", "and {n} more"),
    # --- district card for LINE (issue 22 part 4) ---
    "card.title": ("สัมมาชีพชุมชน · สรุปรายอำเภอ", "Sammachip Chumchon · district card"),
    "card.code": ("รหัสอำเภอ {code}", "District code {code}"),
    "card.villages": ("หมู่บ้านเป้าหมาย {n} หมู่บ้าน", "{n} target {n?village|villages}"),
    "card.stages": ("ความก้าวหน้า 8 ขั้นตอน", "Progress in the eight stages"),
    "card.stages_caption": (
        "จำนวนหมู่บ้านที่ทำแต่ละขั้นตอนเสร็จแล้ว จากหมู่บ้านเป้าหมาย {n} หมู่บ้าน",
        "Villages that have done each stage, of {n} target {n?village|villages}",
    ),
    "card.col_done": ("เสร็จ", "Done"),
    "card.col_overdue": ("เลยกำหนด", "Overdue"),
    "card.col_unit": ("(หมู่บ้าน)", "(villages)"),
    "card.followups": ("{n} เรื่องเร่งด่วนที่ต้องติดตาม", "The {n} most urgent follow-ups"),
    "card.followups_caption": (
        "เรียงตามวันที่เลยกำหนด มากที่สุดก่อน ({n} จาก {total} รายการ)",
        "Most overdue first ({n} of {total})",
    ),
    "card.late": ("เลยกำหนด {days}", "{days} overdue"),
    "card.check_data": ("ตรวจแก้ {where}", "check {where}"),
    "card.outside": (
        "อำเภอรหัส {code} อยู่นอกพื้นที่ที่ได้รับสิทธิ์",
        "district {code} is outside the areas granted",
    ),
    "card.no_district": ("ไม่พบอำเภอรหัส {code} ในฐานข้อมูล", "no district with code {code} in the store"),
    "card.header": ("ภาพสรุปอำเภอสำหรับไลน์", "District card for LINE"),
    "card.caption": (
        "ภาพเดียว กว้าง 1080 พิกเซล ส่งต่อในกลุ่มไลน์ได้: เป้าหมายหลัก 8 ขั้นตอน และ 5 เรื่องเร่งด่วน "
        "ข้อมูล ณ วันที่ {date} ไม่มีข้อมูลส่วนบุคคล",
        "One picture, 1080 pixels wide, to forward into a LINE group: the headline targets, the "
        "eight stages and the five most urgent follow-ups, as of {date}. No personal data.",
    ),
    "card.download": ("ดาวน์โหลดภาพสรุปอำเภอ (PNG)", "Download the district card (PNG)"),
    # --- end district card ---
    # --- end meeting pack ---
    # --- meeting-changes ---
    "filters.previous": ("ประชุมครั้งก่อน", "Previous meeting"),
    "filters.as_of_default": (
        "เว้นว่าง = {why} ({date}) ไม่เปลี่ยนตามพื้นที่ที่เลือก",
        "Blank = {why} ({date}); it does not change with the area chosen.",
    ),
    "asof.latest": ("วันที่ล่าสุดของข้อมูลทุกพื้นที่", "the latest date in the data, all areas"),
    "asof.latest_fy": (
        "วันที่ล่าสุดของข้อมูลทุกพื้นที่ ปีงบประมาณ {fy}",
        "the latest date in the data of fiscal year {fy}, all areas",
    ),
    "asof.default_caption": ("ข้อมูล ณ {date} ({why})", "Data as of {date} ({why})"),
    "filters.previous_help": (
        "เว้นว่าง = สิ้นเดือนก่อนวันที่ข้อมูล ({date})",
        "Blank = the end of the month before the as-of date ({date}).",
    ),
    "filters.date_bad": (
        "อ่านวันที่ “{typed}” ไม่ได้ ใช้ {date} แทน",
        "Could not read the date “{typed}”; using {date}",
    ),
    "filters.previous_after": (
        "วันประชุมครั้งก่อนต้องอยู่ก่อนวันที่ข้อมูล ใช้สิ้นเดือนก่อนหน้าแทน",
        "The previous meeting must be before the as-of date; using the end of the month before",
    ),
    "since.header": ("ตั้งแต่การประชุมครั้งก่อน", "Since the last meeting"),
    "since.caption": (
        "เทียบข้อมูล ณ วันที่ {previous} (ประชุมครั้งก่อน) กับ {as_of}",
        "Data as of {previous} (previous meeting) compared with {as_of}",
    ),
    "since.delta": ("{delta} จาก {before}", "{delta} from {before}"),
    "since.delta_help": (
        "ค่า ณ {date} (ประชุมครั้งก่อน) → ค่า ณ {as_of}",
        "Value on {date} (previous meeting) → value on {as_of}",
    ),
    "since.stages_completed": ("ขั้นตอนที่เสร็จ", "Stages completed"),
    "since.newly_overdue": ("เลยกำหนดใหม่", "Newly overdue"),
    "since.new_groups": ("กลุ่มอาชีพใหม่", "New groups"),
    "since.new_links": ("เครือข่ายใหม่", "New network links"),
    "since.surveys_added": ("การสำรวจรายได้ที่เพิ่ม", "Surveys added"),
    "since.training_days_added": ("วันอบรมที่เพิ่ม", "Training days added"),
    "since.imports": ("การนำเข้าข้อมูล", "Imports"),
    "since.imports_help": (
        "นับการนำเข้าตั้งแต่หลังวันประชุมครั้งก่อนจนถึงตอนนี้ (เวลาประเทศไทย) ไม่จำกัดด้วยวันที่ข้อมูล",
        "Imports made after the previous meeting's date, up to now (Thai time), whatever the as-of date.",
    ),
    "since.due": ("กำหนด {date}", "due {date}"),
    "coverage.surveyed": (
        "สำรวจหลังอบรมแล้ว {num} จาก {den} ครัวเรือนเป้าหมาย",
        "surveyed after training: {num} of {den} target households",
    ),
    "coverage.both_rounds": (
        "มีทั้งรอบฐานและรอบหลัง {num} จาก {den} ครัวเรือนเป้าหมาย",
        "baseline and a later survey: {num} of {den} target households",
    ),
    "overview.practising_note": (
        "ขั้น ยังประกอบอาชีพ นับจากครัวเรือนเป้าหมายทั้งหมด ส่วนการ์ดตัวชี้วัดนับจากครัวเรือนที่สำรวจหลังอบรมแล้ว",
        "The funnel's practising step counts over all target households; the KPI card counts over households surveyed after training.",
    ),
    "followup.header": ("รายการที่ต้องติดตาม", "Follow-up list"),
    "followup.caption": (
        "เรียงจากเลยกำหนดนานที่สุด ณ {date}: ขั้นตอนที่เลยกำหนด หมู่บ้านที่ไม่มีปราชญ์ ครัวเรือนที่ถึงกำหนดสำรวจติดตาม "
        "(6 และ 12 เดือนหลังสำรวจหลังอบรม) และคำเตือนจากการนำเข้าที่ยังมีผล (ครั้งล่าสุดของแต่ละแฟ้ม)",
        "Most overdue first, as of {date}: overdue stages, villages without a lead trainer, households due a "
        "follow-up survey (6 and 12 months after the post survey) and the warnings in force (the latest "
        "import of each file)",
    ),
    "followup.none": ("ไม่มีรายการที่ต้องติดตาม", "Nothing needs follow-up"),
    "followup.kind.overdue_stage": ("ขั้นตอนเลยกำหนด", "Overdue stage"),
    "followup.kind.no_lead": ("ไม่มีปราชญ์", "No lead trainer"),
    "followup.kind.survey_due": ("ถึงกำหนดสำรวจติดตาม", "Follow-up survey due"),
    "followup.kind.data_quality": ("คุณภาพข้อมูล", "Data quality"),
    "followup.lead": ("หาปราชญ์หัวหน้าทีม", "Find a lead trainer"),
    "followup.household": ("ครัวเรือน {id}", "household {id}"),
    "followup.household_named": ("ครัวเรือน {id} ({head})", "household {id} ({head})"),
    "followup.source": ("{file} แถว {row}", "{file} row {row}"),
    # The map's caption: what each mark stands for, and how many villages it places
    "map.mark.village": ("หมู่บ้าน 1 แห่ง", "one village"),
    "map.mark.tambon": ("หมู่บ้านทั้งหมดในตำบลหนึ่ง", "all villages of a tambon"),
    "map.mark.district": ("หมู่บ้านทั้งหมดในอำเภอหนึ่ง", "all villages of a district"),
    "map.mark.province": ("หมู่บ้านทั้งหมดในจังหวัดหนึ่ง", "all villages of a province"),
    "map.caption_each": ("จุดแต่ละจุดคือ{what}", "Each mark is {what}"),
    "map.caption_blend": (
        " วางที่ตำแหน่งเฉลี่ยของหมู่บ้าน สีผสมตามสัดส่วนหมู่บ้านในแต่ละสถานะ",
        ", at the mean of its villages' points, coloured by the share of its villages in each status",
    ),
    "map.caption_villages": (" · หมู่บ้าน {n} แห่ง", ". {n} {n?village|villages}"),
    "map.caption_villages_own": (" · หมู่บ้านที่มีพิกัด {n} แห่ง", ". {n} {n?village|villages} with coordinates"),
    "map.caption_at_tambon": (
        " (ไม่มีพิกัด {n} แห่ง นับที่ตำแหน่งของตำบล)",
        " ({n} of them without coordinates, counted at their tambon's point)",
    ),
    "map.caption_unplaced": (" · ไม่มีพิกัดและไม่แสดง {n} แห่ง", "; {n} without coordinates not shown"),
    "map.caption_marks": (" · {n} จุด", "; {n} {n?mark|marks}."),
    "followup.households": ("{round}: {n} ครัวเรือน", "{round}: {n} {n?household|households}"),
    "download.csv": ("ดาวน์โหลด CSV", "Download CSV"),
    "download.xlsx": ("ดาวน์โหลด Excel", "Download Excel"),
    "download.scope": ("ขอบเขต", "Scope"),
    "download.sheet_scope": ("ขอบเขต", "Scope"),
    "col.hpt": ("ครัวเรือนต่อวิทยากร", "Households per trainer"),
    "col.skill_match": ("อาชีพตรงกับความเชี่ยวชาญวิทยากร", "Occupation matches a trainer"),
    "col.fund": ("เงินกองทุน", "Fund"),
    "col.practising_share": ("ยังประกอบอาชีพ", "Practising"),
    "col.income_increase": ("รายได้เพิ่มขึ้น", "Income increase"),
    "col.unit": ("หน่วย", "Unit"),
    "download.all_tables": (
        "ดาวน์โหลดข้อมูลดิบทุกตาราง (Excel สำหรับผู้ประเมิน)",
        "Download every raw table (Excel, for evaluators)",
    ),
    "raw.help": (
        "ตารางข้อมูลดิบทุกตารางในขอบเขตนี้ (หมู่บ้าน พัฒนากร วิทยากร ครัวเรือน การสำรวจรายได้ การอบรม กลุ่ม เครือข่าย "
        "แผนงาน รายงาน) ข้อมูล ณ วันที่ {date} ชื่อ เลขบัตรประชาชน และเบอร์โทรศัพท์ถูกปิดบัง เวลาเป็นเวลาประเทศไทย "
        "มีให้เมื่อขอบเขตมีไม่เกิน {max} หมู่บ้าน (ประมาณหนึ่งจังหวัด)",
        "Every stored table in this scope (villages, officers, trainers, households, income surveys, training, "
        "groups, links, plans, reports) as of {date}; names, national IDs and phones masked; times in Bangkok "
        "time. The raw tables come with a scope of at most {max} villages (about one province).",
    ),
    "raw.sheet_readme": ("อ่านก่อน", "read_me"),
    "raw.title": ("ข้อมูลดิบทุกตาราง สำหรับผู้ประเมิน", "Every raw table, for evaluators"),
    "raw.as_of": ("ข้อมูล ณ วันที่", "Data as of"),
    "raw.made_at": ("สร้างเมื่อ", "Made at"),
    "raw.times_label": ("เวลา", "Times"),
    "raw.times": (
        "เวลาทุกช่องเป็นเวลาประเทศไทย (Asia/Bangkok, UTC+07:00) คอลัมน์เวลามีชื่อลงท้ายว่า (Asia/Bangkok, UTC+07:00) "
        "วันที่เป็นช่องวันที่ของ Excel",
        "Every time is Bangkok time (Asia/Bangkok, UTC+07:00); time columns' names end in "
        "(Asia/Bangkok, UTC+07:00). Dates are Excel date cells.",
    ),
    "raw.privacy_label": ("ข้อมูลส่วนบุคคล", "Personal data"),
    "raw.masked": (
        "ชื่อ เลขบัตรประชาชน และเบอร์โทรศัพท์ถูกปิดบังบางส่วน (พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล)",
        "Names, national IDs and phone numbers are partly masked (PDPA).",
    ),
    "raw.revealed": (
        "ชื่อ เลขบัตรประชาชน และเบอร์โทรศัพท์แสดงเต็ม (เปิดเผยโดยผู้มีสิทธิ์)",
        "Names, national IDs and phone numbers are shown in full (revealed by a permitted role).",
    ),
    "raw.limits_label": ("ขอบเขตของไฟล์", "Limits"),
    "raw.too_big": (
        "ขอบเขตนี้มี {n} หมู่บ้าน ตารางข้อมูลดิบมีให้เมื่อขอบเขตมีไม่เกิน {max} หมู่บ้าน (ประมาณหนึ่งจังหวัด) "
        "กรุณาเลือกจังหวัดหรืออำเภอในแถบด้านข้างแล้วดาวน์โหลดอีกครั้ง ไฟล์นี้มีเฉพาะตารางสรุป",
        "This scope has {n} villages; the raw tables come with a scope of at most {max} villages (about one "
        "province). Choose a province or district in the sidebar and download again. This file holds the "
        "summary tables only.",
    ),
    "raw.withheld": (
        "ไม่มีตารางรายครัวเรือน (ครัวเรือน การสำรวจรายได้ การเข้าร่วมอบรม สมาชิกกลุ่ม): บทบาทของท่านดูได้เฉพาะข้อมูลสรุป",
        "No household-level tables (households, income surveys, attendance, group members): your role sees "
        "aggregates only.",
    ),
    "raw.rows_cut": (
        "{shown} แถวแรกจาก {total} แถว (Excel รับได้ไม่เกิน 1,048,576 แถวต่อชีต)",
        "the first {shown} of {total} rows (an Excel sheet takes at most 1,048,576 rows)",
    ),
    "raw.summary": ("ตารางสรุปของหน้าตัวชี้วัด", "a summary table of the Indicators page"),
    "raw.col.sheet": ("ชีต", "Sheet"),
    "raw.col.about": ("เนื้อหา", "What it holds"),
    "raw.col.rows": ("จำนวนแถว", "Rows"),
    "raw.col.note": ("หมายเหตุ", "Note"),
    # --- ui-safety ---
    "ind.warnings_all_areas": (
        "คำเตือนจากการนำเข้าแสดงทุกพื้นที่: ฐานข้อมูลนี้ยังไม่ได้บันทึกหมู่บ้านของแต่ละคำเตือน",
        "Import warnings are shown for all areas: this store does not record each warning's village.",
    ),
    # --- access ---
    "page.access": ("สิทธิ์และบันทึกการใช้งาน", "Access and audit log"),
    "page.sign_in": ("เข้าสู่ระบบ", "Sign in"),
    "page.no_access": ("ไม่มีสิทธิ์", "No access"),
    "auth.sign_in_title": ("เข้าสู่ระบบแดชบอร์ดสัมมาชีพชุมชน", "Sign in to the Sammachip Chumchon dashboard"),
    "auth.sign_in_text": (
        "แดชบอร์ดนี้มีข้อมูลครัวเรือน กรุณาเข้าสู่ระบบด้วยบัญชีของหน่วยงาน",
        "This dashboard holds household data. Please sign in with your organisation account.",
    ),
    "auth.sign_in": ("เข้าสู่ระบบ", "Sign in"),
    "auth.sign_out": ("ออกจากระบบ", "Sign out"),
    "auth.no_access_text": (
        "บัญชี {email} ยังไม่ได้รับสิทธิ์ดูข้อมูล กรุณา{how} เพื่อขอสิทธิ์ตามอำเภอหรือจังหวัดของท่าน",
        "The account {email} has no access yet. Please {how} for access to your district or province.",
    ),
    "auth.contact_default": ("ติดต่อผู้ดูแลระบบของจังหวัด", "contact your provincial administrator"),
    "auth.contact_office": ("ติดต่อ {contact}", "contact {contact}"),
    "auth.access_unreadable": (
        "อ่านรายชื่อผู้มีสิทธิ์ไม่ได้ จึงไม่แสดงข้อมูล กรุณาแจ้งผู้ดูแลระบบ",
        "The access list cannot be read, so no data is shown. Please tell the administrator.",
    ),
    "auth.local": (
        "ปิดการเข้าสู่ระบบ (โหมดเครื่องเดียว เปิดได้เฉพาะเครื่องนี้ 127.0.0.1)",
        "Sign-in is off (local mode, this machine only: 127.0.0.1)",
    ),
    "auth.who": ("{email} · {role} · {areas}", "{email} · {role} · {areas}"),
    "auth.all_areas": ("ทุกพื้นที่", "all areas"),
    "auth.role.officer": ("พัฒนากร", "officer"),
    "auth.role.manager": ("ผู้บริหารจังหวัด", "manager"),
    "auth.role.evaluator": ("ผู้ประเมิน", "evaluator"),
    "auth.role.admin": ("ผู้ดูแลระบบ", "admin"),
    "auth.refused": (
        "คุณไม่มีสิทธิ์ดู{level} {code} จึงแสดงพื้นที่ของคุณแทน",
        "You have no access to {level} {code}; showing your own area instead.",
    ),
    "auth.level.province": ("จังหวัด", "province"),
    "auth.level.district": ("อำเภอ", "district"),
    "auth.level.tambon": ("ตำบล", "tambon"),
    "auth.level.village": ("หมู่บ้าน", "village"),
    "auth.reveal": ("แสดงข้อมูลส่วนบุคคล (บันทึกการเปิดดู)", "Show personal data (each reveal is logged)"),
    "auth.revealed": (
        "กำลังแสดงข้อมูลส่วนบุคคล การเปิดดูนี้ถูกบันทึกแล้ว",
        "Personal data shown; this reveal has been logged.",
    ),
    "auth.aggregates_only": (
        "บทบาทผู้ประเมินเห็นเฉพาะตัวเลขสรุปและตัวชี้วัด ไม่เห็นข้อมูลรายครัวเรือน",
        "Evaluators see aggregates and indicators only, not household rows.",
    ),
    "auth.no_import": ("บทบาทของคุณนำเข้าข้อมูลไม่ได้", "Your role cannot import data."),
    "auth.import_outside": (
        "ไฟล์นี้มีหมู่บ้านนอกพื้นที่ของคุณ {n} แถว จึงไม่นำเข้าเลย (ไม่มีการบันทึกข้อมูลใด)",
        "This file has {n} {n?row|rows} outside your areas, so nothing is imported (nothing was written).",
    ),
    "access.grants": ("ผู้มีสิทธิ์", "Grants"),
    "access.email": ("อีเมล", "Email"),
    "access.role": ("บทบาท", "Role"),
    "access.areas": (
        "พื้นที่ (รหัสจังหวัด 2 หลัก หรืออำเภอ 4 หลัก คั่นด้วยจุลภาค)",
        "Areas (province 2 or district 4 digits, comma separated)",
    ),
    "access.areas_col": ("พื้นที่", "Areas"),
    "access.not_self": (
        "ยกเลิกสิทธิ์ของตนเองจากหน้านี้ไม่ได้ (ใช้ python -m access revoke)",
        "You cannot revoke your own access here (use python -m access revoke).",
    ),
    "access.grant": ("ให้สิทธิ์", "Grant"),
    "access.revoke": ("ยกเลิกสิทธิ์", "Revoke"),
    "access.granted": ("ให้สิทธิ์ {email} แล้ว", "Granted access to {email}"),
    "access.revoked": ("ยกเลิกสิทธิ์ {email} แล้ว", "Revoked access of {email}"),
    # subscriptions on the access page (ui/access.py, issue 22)
    "access.subscriptions": ("การรับรายงานทางอีเมล", "Reports by e-mail"),
    "access.subscriptions_caption": (
        "ส่งทุกเดือนตามวันที่กำหนดโดย python -m reports deliver เฉพาะพื้นที่ในสิทธิ์ของผู้รับ",
        "Sent every month on the chosen day by python -m reports deliver, only for areas within the recipient's grant",
    ),
    "access.report": ("รายงาน", "Report"),
    "access.area": ("พื้นที่ (รหัสจังหวัดหรืออำเภอ)", "Area (province or district code)"),
    "access.format": ("รูปแบบไฟล์", "Format"),
    "access.day": ("วันที่ของเดือน", "Day of the month"),
    "access.lang": ("ภาษา", "Language"),
    "access.alerts": ("แจ้งเตือนเมื่อมีการนำเข้าข้อมูล", "Alerts after imports"),
    "access.subscribe": ("เพิ่มการรับรายงาน", "Subscribe"),
    "access.subscribed": ("{email} รับรายงานแล้ว", "{email} is subscribed"),
    "access.unsubscribe": ("เลิกรับรายงาน", "Unsubscribe"),
    "access.unsubscribed": ("เลิกรับรายงานแล้ว", "Unsubscribed"),
    "access.status": ("สถานะ", "Status"),
    "access.status_active": ("ส่งอยู่", "Active"),
    "access.status_stopped": ("หยุดแล้ว (สิทธิ์เปลี่ยน)", "Stopped (grant changed)"),
    "access.audit": ("บันทึกการใช้งาน", "Audit log"),
    "access.audit_caption": (
        "บันทึกต่อท้ายเท่านั้น ลบไม่ได้จากแอป เวลาเป็นเวลาประเทศไทย",
        "Append-only; nothing can delete from it through the app. Times are Thai time.",
    ),
    "access.action": ("การกระทำ", "Action"),
    "access.since": ("ตั้งแต่", "From"),
    "access.until": ("ถึง", "To"),
    "access.download": ("ดาวน์โหลดบันทึก (CSV)", "Download the log (CSV)"),
    "access.when": ("เวลา", "Time"),
    "access.scope": ("ขอบเขต", "Scope"),
    "access.detail": ("รายละเอียด", "Detail"),
    # national scale: long tables and big charts are cut in SQL (issue 10)
    "scale.table_cut": (
        "แสดง {shown} แถวแรกจากทั้งหมด {total} แถว ดาวน์โหลดเพื่อดูทั้งหมด หรือเลือกพื้นที่ให้แคบลง",
        "Showing the first {shown} of {total} rows: download them all, or narrow the area.",
    ),
    "scale.chart_sample": (
        "แผนภูมินี้แสดงครัวเรือนตัวอย่าง {shown} จาก {total} ครัวเรือน (สุ่มแบบคงที่ ผลเหมือนเดิมทุกครั้ง)",
        "This chart shows a fixed sample of {shown} of {total} households (the same every time).",
    ),
    "scale.by_level": (
        "หมู่บ้านในขอบเขตมี {total} แห่ง จึงแสดงเป็นราย{level}",
        "There are {total} villages in scope, so this shows one row per {level_en}.",
    ),
    "scale.timeline_cut": (
        "แสดงเฉพาะ {shown} หมู่บ้านแรกจาก {total} หมู่บ้าน เลือกอำเภอหรือตำบลเพื่อดูทั้งหมด",
        "Showing the first {shown} of {total} villages: pick a district or tambon to see all.",
    ),
    "filters.village_narrow": (
        "เลือกอำเภอหรือตำบลก่อน จึงจะเลือกหมู่บ้านได้",
        "Pick a district or tambon first to choose a village.",
    ),
    "scale.pick_cut": (
        "เลือกได้จาก {shown} หมู่บ้านแรกในตาราง เลือกพื้นที่ให้แคบลงเพื่อเลือกหมู่บ้านอื่น",
        "Pick from the first {shown} villages of the table; narrow the area for others.",
    ),
}


def _lang(lang: str) -> str:
    return lang if lang in LANGS else "th"


# "{n?household|households}": the first word when the value n is one, else the second (English
# counts; Thai nouns do not change).
_PLURAL = re.compile(r"\{(\w+)\?([^|{}]*)\|([^{}]*)\}")


def _one(value: Any) -> bool:
    return str(value).strip() in ("1", "๑")


def text(key: str, lang: str, **values: Any) -> str:
    """The label ``key`` in ``lang`` ("th" or "en"), with ``{placeholders}`` filled in, and
    each ``{n?one|many}`` as the word that fits the count ``n``."""
    th, en = STRINGS[key]
    out = th if _lang(lang) == "th" else en
    if not values:
        return out
    out = _PLURAL.sub(lambda m: m[2] if _one(values.get(m[1])) else m[3], out)
    return out.format(**values)


def default_as_of_words(lang: str, fiscal_year: int | None = None) -> str:
    """What the default as-of date is (:func:`metrics.changes.default_as_of`), in words:
    "วันที่ล่าสุดของข้อมูลทุกพื้นที่ ปีงบประมาณ 2560"."""
    return text("asof.latest_fy", lang, fy=fiscal_year) if fiscal_year else text("asof.latest", lang)


def code_label(prefix: str, code: str | None, lang: str) -> str:
    """A coded value's label (``status.overdue`` → เลยกำหนด); the code itself if unknown."""
    if code is None:
        return ""
    key = f"{prefix}.{code}"
    return text(key, lang) if key in STRINGS else str(code)


def place(row: Any, level: str, lang: str) -> str:
    """A place name in ``lang`` from a row with ``<level>_name`` (and ``_name_en``)."""
    th = row.get(f"{level}_name") if hasattr(row, "get") else getattr(row, f"{level}_name")
    en = row.get(f"{level}_name_en") if hasattr(row, "get") else getattr(row, f"{level}_name_en", None)
    if missing(en):
        en = None
    return (en or th) if _lang(lang) == "en" else th


def followup_item(
    kind: str,
    item: Any,
    households: Any,
    lang: str,
    *,
    household: Any = None,
    head: Any = None,
    source: Any = None,
    row: Any = None,
) -> str:
    """What a follow-up asks for, in words (metrics.followups gives codes): an overdue stage's
    name, "find a lead trainer", "ติดตาม 6 เดือน: 3 ครัวเรือน", or a data-quality warning with
    its message in ``lang`` only, the household it is about (``head`` already masked) and the
    file row to fix ("ครัวเรือน H1 (สมชาย ใ***): … · households.csv แถว 23"). The village is
    named by the list's own village column."""
    if kind == "overdue_stage":
        return code_label("stage", item, lang)
    if kind == "no_lead":
        return text("followup.lead", lang)
    if kind == "survey_due":
        count = format_value(households, "count", lang)
        return text("followup.households", lang, round=code_label("round", item, lang), n=count)
    if missing(item):
        return ""
    out = one_language(str(item), lang)
    if not missing(household):
        who = (
            text("followup.household", lang, id=household)
            if missing(head)
            else text("followup.household_named", lang, id=household, head=head)
        )
        out = f"{who}: {out}"
    if not missing(source):
        where = text("followup.source", lang, file=source, row="-" if missing(row) else int(row))
        out = f"{out} · {where}"
    return out


def followup_text(row: Any, lang: str) -> str:
    """:func:`followup_item` for one row of :func:`metrics.followups.followups` (a mapping)."""
    return followup_item(
        row["kind"],
        row["item"],
        row["households"],
        lang,
        household=row.get("household_id"),
        head=row.get("head_name"),
        source=row.get("source_file"),
        row=row.get("source_row"),
    )


def village_label(name: Any, code: Any) -> str:
    """A village as a follow-up line names it: ``บ้านสมมุติบี (30170201)``; empty without a code."""
    if missing(code) or not str(code):
        return ""
    return f"{'' if missing(name) else name} ({code})".strip()


def one_language(message: str, lang: str) -> str:
    """An import message written "Thai / English" in ``lang`` only; other text as it is."""
    thai, slash, english = str(message).partition(" / ")
    if not slash:
        return str(message)
    return english if _lang(lang) == "en" else thai


def map_caption(level: str, villages: int, at_tambon: int, unplaced: int, marks: int, lang: str) -> str:
    """What each mark of the map stands for (``level``), how many villages the marks place
    (``at_tambon`` of them at their tambon's point), how many are not shown, and how many marks."""
    words = format_value(villages, "count", lang)
    out = text("map.caption_each", lang, what=text(f"map.mark.{level}", lang))
    if level != "village":
        out += text("map.caption_blend", lang)
    out += text("map.caption_villages_own" if level == "village" else "map.caption_villages", lang, n=words)
    if at_tambon:
        out += text("map.caption_at_tambon", lang, n=format_value(at_tambon, "count", lang))
    if unplaced:
        out += text("map.caption_unplaced", lang, n=format_value(unplaced, "count", lang))
    return out + text("map.caption_marks", lang, n=format_value(marks, "count", lang))
