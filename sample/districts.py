"""Seeded, deterministic sample data for the two seed districts: fiscal year 2560, and a second
cohort of fiscal year 2561 (``LATER_COHORT``) trained from October 2017, so that cohorts can be
compared on the sample.

`generate` writes one `<table>.csv` per table of the data contract, in canonical
form: English column names and codes, ISO dates in the Christian era, BE fiscal
year, `yes`/`no`, blank optional values as empty strings, money in whole baht.

Places are real (tambon codes, names and points: ``SEED_TAMBONS`` below); villages and
people are visibly fictional ("บ้านสมมุติ…", surnames "ตัวอย่าง…"/"สมมุติ…").
The same seed always gives byte-identical files. Only the standard library is used.
"""

from __future__ import annotations

import calendar
import csv
import random
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from data_loaders.contract.schema import TABLES
from sample import roster

FISCAL_YEAR_BE = 2560


@dataclass(frozen=True)
class Cohort:
    """A later fiscal year's target villages in the seed districts: how many per district, when
    their training runs, and the last day a survey may fall on. Its rows come from random
    streams of its own (``part``), after every row of FY2560 is drawn, so FY2560's rows stay
    exactly as they were."""

    fiscal_year: int
    part: str
    villages: tuple[tuple[str, int], ...]  # (district code, villages)
    training: tuple[date, date]  # first training days spread over this span
    latest_survey: date


# FY2561: 6 + 4 villages trained 9 Oct - 20 Nov 2017 (fiscal year 2561 begins 1 Oct 2017), post
# surveys 2-3 months and follow-ups about 6 months after training, none later than June 2018:
# on the data's latest date every village is 6 months past its first training day, none 9.
LATER_COHORT = Cohort(
    fiscal_year=2561,
    part="fy2561",
    villages=(("3017", 6), ("3414", 4)),
    training=(date(2017, 10, 9), date(2017, 11, 20)),
    latest_survey=date(2018, 6, 30),
)

# The contract's columns, in order: the CSV headers the generator writes (schema.py is the one place).
COLUMNS: dict[str, tuple[str, ...]] = {t.name: t.column_names for t in TABLES}

Row = dict[str, object]

# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class Tambon:
    """A real tambon (ตำบล): 6-digit DOPA code, Thai name, point in degrees."""

    code: str
    name: str
    lat: float
    lon: float


def _tambons(table: str) -> tuple[Tambon, ...]:
    """Tambons from a text table, one a line: DOPA code, Thai name, latitude, longitude."""
    rows = (line.split() for line in table.strip().splitlines())
    return tuple(Tambon(code, name, float(lat), float(lon)) for code, name, lat, lon in rows)


# The seed districts' real tambons (their points are data_loaders/reference/tambon_points.csv's).
SEED_TAMBONS = _tambons(
    """
301701 ชุมพวง 15.344 102.750
301702 ประสุข 15.342 102.685
301703 ท่าลาด 15.243 102.720
301704 สาหร่าย 15.184 102.735
301705 ตลาดไทร 15.109 102.773
301710 โนนรัง 15.258 102.810
301714 หนองหลัก 15.411 102.732
301716 โนนตูม 15.167 102.769
301717 โนนยอ 15.339 102.828
341401 ม่วงสามสิบ 15.515 104.730
341402 เหล่าบก 15.657 104.667
341403 ดุมใหญ่ 15.615 104.739
341404 หนองช้างใหญ่ 15.564 104.827
341405 หนองเมือง 15.571 104.735
341406 เตย 15.500 104.828
341407 ยางสักกระโพหลุ่ม 15.449 104.811
341408 หนองไข่นก 15.397 104.765
341409 หนองเหล่า 15.443 104.679
341410 หนองฮาง 15.501 104.661
341411 ยางโยภาพ 15.593 104.667
341412 ไผ่ใหญ่ 15.598 104.617
341413 นาเลิง 15.541 104.586
341414 โพนแพง 15.444 104.743
"""
)


@dataclass(frozen=True)
class District:
    """A seed district and how much sample data it gets."""

    code: str
    name: str
    province: str
    prefix: str  # officer id prefix, e.g. "CP"
    n_villages: int
    n_officers: int
    local_occupations: tuple[str, ...]  # occupations the seeds name for this district
    n_local_main: int  # villages whose main occupation is a local one

    @property
    def tambons(self) -> tuple[Tambon, ...]:
        """Its tambons in ``SEED_TAMBONS``, in order (a DOPA tambon code begins with its district's)."""
        return tuple(t for t in SEED_TAMBONS if t.code.startswith(self.code))


COMMON_OCCUPATIONS = (
    "เพาะเห็ด",
    "จักสาน",
    "น้ำยาล้างจาน",
    "เลี้ยงไก่",
    "เลี้ยงกบ",
    "น้ำปลา",
    "ข้าวเกรียบ",
)

CHUM_PHUANG = District(
    code="3017",
    name="ชุมพวง",
    province="นครราชสีมา",
    prefix="CP",
    n_villages=19,
    n_officers=6,
    local_occupations=("ปั้นหม้อดินเผา", "ชาใบหม่อน", "ทอผ้าไหมลายสับปะรด"),
    n_local_main=9,
)

MUANG_SAM_SIP = District(
    code="3414",
    name="ม่วงสามสิบ",
    province="อุบลราชธานี",
    prefix="MS",
    n_villages=13,
    n_officers=5,
    local_occupations=("มะขามหวาน",),
    n_local_main=5,
)

DISTRICTS = (CHUM_PHUANG, MUANG_SAM_SIP)

# --------------------------------------------------------------------------- names

FIRST_NAMES = (
    "สมศรี",
    "สมชาย",
    "บุญมี",
    "มาลี",
    "ประยูร",
    "สุดใจ",
    "ทองดี",
    "คำปุ่น",
    "บัวผัน",
    "สมพร",
    "อำนวย",
    "จันทร์เพ็ญ",
    "สุนทร",
    "ละเอียด",
    "ประเสริฐ",
    "บุญเรือง",
    "สายสุนีย์",
    "วิไล",
    "ทองใบ",
    "คำมี",
    "สมหมาย",
    "นงลักษณ์",
    "บุญส่ง",
    "ประทุม",
    "สำราญ",
    "อุไร",
    "บุญธรรม",
    "เพ็ญศรี",
    "ไพรวัลย์",
    "สมบัติ",
    "ลำดวน",
    "คำพอง",
    "ทองสุข",
    "บุญล้อม",
    "สุวรรณ",
    "ประนอม",
    "อรุณ",
    "แสงเดือน",
    "วันเพ็ญ",
    "สมคิด",
    "ชูศรี",
    "บุญชู",
    "ทองม้วน",
    "คำแพง",
    "พิกุล",
    "จำปี",
    "สมัย",
    "รัชนี",
    "ประจวบ",
    "หนูพิน",
)
SURNAME_HEADS = ("ตัวอย่าง", "สมมุติ")
SURNAME_TAILS = (
    "งาม",
    "ดี",
    "ใจ",
    "สุข",
    "ทอง",
    "ศรี",
    "เจริญ",
    "มั่นคง",
    "รักษ์",
    "พร",
    "ยิ่ง",
    "เพียร",
    "สมบูรณ์",
    "ทรัพย์",
)
VILLAGE_STEMS = (
    "หนอง",
    "โนน",
    "ดอน",
    "โคก",
    "นา",
    "ห้วย",
    "ท่า",
    "สระ",
    "บึง",
    "โพธิ์",
    "ยาง",
    "ขาม",
)
VILLAGE_TAILS = (
    "งาม",
    "ทอง",
    "สว่าง",
    "เจริญ",
    "พัฒนา",
    "สามัคคี",
    "ใหญ่",
    "น้อย",
    "แก้ว",
    "ศรี",
)

POSITIONS = (
    "นักวิชาการพัฒนาชุมชนชำนาญการ",
    "นักวิชาการพัฒนาชุมชนปฏิบัติการ",
    "เจ้าพนักงานพัฒนาชุมชนชำนาญงาน",
    "เจ้าพนักงานพัฒนาชุมชนปฏิบัติงาน",
)

# --------------------------------------------------------------------------- the model


@dataclass
class Village:
    """A target village and the plan the other tables are generated from."""

    code: str
    name: str
    moo: int
    tambon: Tambon
    district: District
    lat: float | None
    lon: float | None
    officer_id: str = ""
    occupations: tuple[str, ...] = ()
    planned_days: tuple[date, ...] = ()  # all 5 training days as planned
    n_days_recorded: int = 5
    fiscal_year: int = FISCAL_YEAR_BE

    @property
    def recorded_days(self) -> tuple[date, ...]:
        """Training days that took place (the first `n_days_recorded`)."""
        return self.planned_days[: self.n_days_recorded]

    @property
    def complete(self) -> bool:
        """True when all 5 training days took place."""
        return self.n_days_recorded == 5


@dataclass(frozen=True)
class Household:
    """A target household (ครัวเรือนเป้าหมาย)."""

    household_id: str
    village_code: str
    head_name: str
    national_id: str
    members: int
    occupation: str


@dataclass(frozen=True)
class Group:
    """An occupational group (กลุ่มอาชีพ) with its 5 ก state."""

    group_id: str
    village: Village
    occupation: str
    founded_on: date | None
    row: Row = field(hash=False, compare=False)


# --------------------------------------------------------------------------- helpers


def _rng(seed: int | str, part: str) -> random.Random:
    """An independent, reproducible random stream per part of the data."""
    return random.Random(f"sammachip-{seed}-{part}")  # noqa: S311 - sample data, not secrets


def _name_pool(rng: random.Random) -> list[str]:
    """Every fictional full name, shuffled; pop() to draw without repeats."""
    names = [
        f"{first} {head}{tail}" for first in FIRST_NAMES for head in SURNAME_HEADS for tail in SURNAME_TAILS
    ]
    rng.shuffle(names)
    return names


def _weekday_on_or_after(day: date) -> date:
    """The same day, or the next Monday when it falls on a weekend."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _add_weekdays(day: date, n: int) -> date:
    """The n-th weekday after `day`."""
    for _ in range(n):
        day = _weekday_on_or_after(day + timedelta(days=1))
    return day


def _month_end(day: date) -> date:
    """The last day of the month `day` is in."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _iso(day: date | None) -> str:
    """ISO date (CE), or blank."""
    return day.isoformat() if day else ""


def _yes_no(flag: bool) -> str:
    """The canonical yes/no code."""
    return "yes" if flag else "no"


def _round_baht(amount: float, step: int = 100) -> int:
    """Whole baht, rounded to `step` baht as officers usually record it."""
    return int(round(amount / step) * step)


def thai_id_check_digit(first12: str) -> int:
    """Check digit of a Thai national ID: (11 − Σ d_i × (14 − i) mod 11) mod 10."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def _national_id(rng: random.Random) -> str:
    """A random 13-digit national ID with a valid check digit, first digit 1–8."""
    first12 = rng.choice("11133358") + "".join(rng.choice("0123456789") for _ in range(11))
    return first12 + str(thai_id_check_digit(first12))


def _weighted_pick(rng: random.Random, weights: dict[str, int]) -> str:
    """One key of `weights`, chosen with probability proportional to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


# --------------------------------------------------------------------------- officers


def _officers(seed: int, names: list[str]) -> dict[str, list[Row]]:
    """Officers (พัฒนากร) per district code; ids like CP01, MS01."""
    rng = _rng(seed, "officers")
    officers: dict[str, list[Row]] = {}
    for district in DISTRICTS:
        officers[district.code] = [
            {
                "officer_id": f"{district.prefix}{i:02d}",
                "name": names.pop(),
                "position": POSITIONS[0] if i == 1 else rng.choice(POSITIONS),
                "district_code": district.code,
            }
            for i in range(1, district.n_officers + 1)
        ]
    officers[MUANG_SAM_SIP.code][-1]["position"] = ""  # position is optional
    return officers


# --------------------------------------------------------------------------- villages


def _tambon_counts(rng: random.Random, district: District) -> dict[Tambon, int]:
    """Spread the district's villages over its tambons (about 0.8 tambons per village)."""
    n_used = min(len(district.tambons), max(1, round(district.n_villages * 0.8)))
    used = sorted(rng.sample(district.tambons, n_used), key=lambda t: t.code)
    counts = {t: district.n_villages // n_used for t in used}
    for tambon in rng.sample(used, district.n_villages % n_used):
        counts[tambon] += 1
    return counts


def _village_names(rng: random.Random, n: int) -> list[str]:
    """n distinct, visibly fictional village names (บ้านสมมุติ…)."""
    stems = [f"บ้านสมมุติ{s}{t}" for s in VILLAGE_STEMS for t in VILLAGE_TAILS]
    return rng.sample(stems, n)


def _place(rng: random.Random, tambon: Tambon) -> tuple[float, float]:
    """A point within 0.02° (per axis) of the tambon point, 5 decimals."""
    lat = round(tambon.lat + rng.uniform(-0.02, 0.02), 5)
    lon = round(tambon.lon + rng.uniform(-0.02, 0.02), 5)
    return lat, lon


def _district_villages(rng: random.Random, district: District, names: list[str]) -> list[Village]:
    """The district's villages, sorted by code, each with a unique moo in its tambon."""
    villages = []
    for tambon, count in _tambon_counts(rng, district).items():
        for moo in sorted(rng.sample(range(1, 16), count)):
            lat, lon = _place(rng, tambon)
            villages.append(Village(f"{tambon.code}{moo:02d}", names.pop(), moo, tambon, district, lat, lon))
    return sorted(villages, key=lambda v: v.code)


def _assign_officers(villages: list[Village], officers: list[Row]) -> None:
    """Give each officer a contiguous run of villages (by code)."""
    size, extra = divmod(len(villages), len(officers))
    start = 0
    for i, officer in enumerate(officers):
        end = start + size + (1 if i < extra else 0)
        for village in villages[start:end]:
            village.officer_id = str(officer["officer_id"])
        start = end


def _assign_occupations(rng: random.Random, district: District, villages: list[Village]) -> None:
    """1–3 occupations per village; the first is the main one (local ones for some)."""
    pool = district.local_occupations + COMMON_OCCUPATIONS
    local = list(district.local_occupations) * district.n_local_main
    mains = local[: district.n_local_main]
    mains += rng.choices(COMMON_OCCUPATIONS, k=len(villages) - len(mains))
    rng.shuffle(mains)
    for village, main in zip(villages, mains, strict=True):
        n_extra = rng.choices((0, 1, 2), weights=(4, 4, 2))[0]
        extras = rng.sample([o for o in pool if o != main], n_extra)
        village.occupations = (main, *extras)


def _schedule_training(
    rng: random.Random,
    villages: list[Village],
    span: tuple[date, date] = (date(2017, 2, 6), date(2017, 5, 8)),
) -> None:
    """Five planned training days per village, first days spread over ``span`` (FY2560: early
    Feb to early May 2017).

    Days 1–3 are consecutive weekdays (knowledge), day 4 the study visit a few
    weekdays later, day 5 home practice soon after.
    """
    order = rng.sample(villages, len(villages))
    first, last = span
    step = (last - first).days / (len(order) - 1)
    for i, village in enumerate(order):
        start = _weekday_on_or_after(first + timedelta(days=round(i * step) + rng.randint(0, 2)))
        day3 = _add_weekdays(start, 2)
        day4 = _add_weekdays(day3, rng.choice((1, 1, 2, 3, 5)))
        day5 = _add_weekdays(day4, rng.choice((1, 1, 2, 3)))
        village.planned_days = (start, _add_weekdays(start, 1), day3, day4, day5)


def _mark_incomplete_training(rng: random.Random, villages: list[Village]) -> None:
    """Among the 8 latest starters: two recorded only days 1–3, one only days 1–4."""
    latest = sorted(villages, key=lambda v: v.planned_days[0])[-8:]
    for village, n_days in zip(rng.sample(latest, 3), (3, 3, 4), strict=True):
        village.n_days_recorded = n_days


def _villages(seed: int, officers: dict[str, list[Row]]) -> list[Village]:
    """All sample villages, with officers, occupations and training plans."""
    rng = _rng(seed, "villages")
    names = _village_names(rng, sum(d.n_villages for d in DISTRICTS))
    villages: list[Village] = []
    for district in DISTRICTS:
        in_district = _district_villages(rng, district, names)
        _assign_officers(in_district, officers[district.code])
        _assign_occupations(rng, district, in_district)
        villages += in_district
    no_coords = rng.choice([v for v in villages if v.district is MUANG_SAM_SIP])
    no_coords.lat = no_coords.lon = None
    _schedule_training(rng, villages)
    _mark_incomplete_training(rng, villages)
    return villages


def _village_row(village: Village) -> Row:
    """One villages.csv row."""
    return {
        "village_code": village.code,
        "village_name": village.name,
        "moo": village.moo,
        "tambon_name": village.tambon.name,
        "district_name": village.district.name,
        "province_name": village.district.province,
        "lat": "" if village.lat is None else f"{village.lat:.5f}",
        "lon": "" if village.lon is None else f"{village.lon:.5f}",
        "fiscal_year": village.fiscal_year,
        "officer_id": village.officer_id,
    }


# --------------------------------------------------------------------------- trainers


def _trainer_skills(rng: random.Random, village: Village, *, lead: bool, match: bool) -> list[str]:
    """1–3 skills; the lead (and often others) know the village's main occupation."""
    main = village.occupations[0]
    pool = [o for o in (*village.occupations, *COMMON_OCCUPATIONS) if o != main]
    pool = list(dict.fromkeys(pool))
    n = rng.randint(1, 3)
    with_main = match and (lead or rng.random() < 0.5)
    skills = [main] if with_main else []
    skills += rng.sample(pool, n - len(skills))
    return skills


def _trainers(
    seed: int | str, villages: list[Village], names: list[str], *, short_teams: bool = True
) -> list[Row]:
    """5 trainers per village (lead first); 3 villages short, one of them with no lead (none
    without ``short_teams``).

    In 3 villages no trainer knows the main occupation (skill mismatch).
    """
    rng = _rng(seed, "trainers")
    short = rng.sample(villages, 3)
    team_size = {short[0].code: 4, short[1].code: 3, short[2].code: 4} if short_teams else {}
    no_lead = short[2].code if short_teams else ""
    mismatch = {v.code for v in rng.sample(villages, 3)}
    rows = []
    for village in villages:
        for n in range(1, team_size.get(village.code, 5) + 1):
            lead = n == 1 and village.code != no_lead
            skills = _trainer_skills(rng, village, lead=lead, match=village.code not in mismatch)
            phone = f"080-000-{rng.randint(0, 9999):04d}" if rng.random() < 0.85 else ""
            rows.append(
                {
                    "trainer_id": f"T{village.code}{n:02d}",
                    "name": names.pop(),
                    "village_code": village.code,
                    "role": "lead" if lead else "team",
                    "skills": ";".join(skills),
                    "phone": phone,
                }
            )
    return rows


# --------------------------------------------------------------------------- households


def _household_occupation(rng: random.Random, village: Village) -> str:
    """Mostly the village's main occupation, otherwise one of its others."""
    if len(village.occupations) == 1 or rng.random() < 0.6:
        return village.occupations[0]
    return rng.choice(village.occupations[1:])


def _households(
    seed: int | str,
    villages: list[Village],
    names: list[str],
    *,
    taken: set[str] | None = None,
    blank: int = 3,
) -> list[Household]:
    """20 households per village; ``blank`` (3) in all have no occupation, a few no national ID
    (IDs never repeat those in ``taken``)."""
    rng = _rng(seed, "households")
    ids: set[str] = set(taken or ())
    households = []
    for village in villages:
        for n in range(1, 21):
            national_id = _national_id(rng)
            while national_id in ids:
                national_id = _national_id(rng)
            ids.add(national_id)
            households.append(
                Household(
                    household_id=f"H{village.code}{n:02d}",
                    village_code=village.code,
                    head_name=names.pop(),
                    national_id=national_id if rng.random() < 0.98 else "",
                    members=rng.choices(range(2, 7), weights=(2, 4, 4, 2, 1))[0],
                    occupation=_household_occupation(rng, village),
                )
            )
    without = {h.household_id for h in rng.sample(households, blank)}
    return [replace(h, occupation="") if h.household_id in without else h for h in households]


def _household_row(household: Household) -> Row:
    """One households.csv row."""
    return asdict(household)


# --------------------------------------------------------------------------- training


ACTIVITY_BY_DAY = {
    1: "knowledge",
    2: "knowledge",
    3: "knowledge",
    4: "study_visit",
    5: "home_practice",
}


def _training_days(villages: list[Village]) -> list[Row]:
    """One row per recorded training day (day 1–5)."""
    return [
        {"village_code": v.code, "day": n, "date": _iso(d), "activity": ACTIVITY_BY_DAY[n]}
        for v in villages
        for n, d in enumerate(v.recorded_days, start=1)
    ]


def _attendance(seed: int | str, villages: list[Village], households: list[Household]) -> list[Row]:
    """Every household of the village on every recorded day; about 90% attended."""
    rng = _rng(seed, "attendance")
    rows = []
    for village in villages:
        members = [h for h in households if h.village_code == village.code]
        keenness = {h.household_id: rng.uniform(0.78, 1.0) for h in members}
        for n in range(1, village.n_days_recorded + 1):
            rows += [
                {
                    "village_code": village.code,
                    "day": n,
                    "household_id": h.household_id,
                    "attended": _yes_no(rng.random() < keenness[h.household_id]),
                }
                for h in members
            ]
    return rows


# --------------------------------------------------------------------------- income surveys


LATEST_SURVEY = date(2018, 3, 31)


def _survey_rounds(
    rng: random.Random, villages: list[Village], latest: date = LATEST_SURVEY
) -> dict[str, dict[str, date]]:
    """Per village: the rounds surveyed and the date each round started.

    Baseline 1–4 weeks before training; post 2–3 months after the last day (only
    when training is complete); follow_6m for the 16 earliest finishers whose date stays
    within ``latest`` and follow_12m for the 8 earliest whose date stays within it.
    """
    complete = sorted((v for v in villages if v.complete), key=lambda v: v.planned_days[-1])
    six = {v.code for v in complete[:16] if v.planned_days[-1] + timedelta(days=197) <= latest}
    twelve = {v.code for v in complete[:8] if v.planned_days[-1] + timedelta(days=372) <= latest}
    rounds: dict[str, dict[str, date]] = {}
    for village in villages:
        first, last = village.planned_days[0], village.recorded_days[-1]
        dates = {"baseline": first - timedelta(days=rng.randint(10, 28))}
        if village.complete:
            dates["post"] = last + timedelta(days=rng.randint(60, 88))
        if village.code in six:
            dates["follow_6m"] = last + timedelta(days=rng.randint(176, 194))
        if village.code in twelve:
            dates["follow_12m"] = last + timedelta(days=rng.randint(358, 369))
        rounds[village.code] = dates
    return rounds


def _next_income(rng: random.Random, previous: int, kind: str, round_: str) -> int:
    """Household income (baht/year) at a later round, from the previous round's."""
    if kind == "fall":
        factor = rng.uniform(0.86, 0.98) if round_ == "post" else rng.uniform(0.95, 1.04)
    elif round_ == "post":
        factor = rng.uniform(1.02, 1.25)
    else:
        factor = rng.uniform(0.98, 1.10)
    return _round_baht(previous * factor)


def _household_surveys(
    rng: random.Random, household: Household, rounds: dict[str, date], *, zero_baseline: bool
) -> list[Row]:
    """All survey rows of one household, baseline first.

    kind: rise (most), fall (~15%), stop_post / stop_later (a few stop practising,
    and their income falls back to about the baseline).
    """
    kind = rng.choices(("rise", "fall", "stop_post", "stop_later"), weights=(78, 14, 4, 4))[0]
    baseline = 0 if zero_baseline else rng.randrange(60_000, 130_001, 500)
    blank_baseline_occ = rng.random() < 0.8
    rows = []
    income, practising = baseline, True
    for round_, start in rounds.items():
        when = start + timedelta(days=rng.randint(0, 3))
        if round_ == "baseline":
            occ_income: object = "" if blank_baseline_occ else 0
            rows.append(_survey_row(household, round_, when, income, occ_income, ""))
            continue
        stops = (kind == "stop_post") or (kind == "stop_later" and round_ != "post")
        if stops and practising:
            practising = False
            income = _round_baht(max(baseline, 40_000) * rng.uniform(0.9, 1.0))
        elif income == 0:
            income = rng.randrange(36_000, 60_001, 500)
        else:
            income = _next_income(rng, income, "fall" if kind == "fall" else "rise", round_)
        occ_income = min(rng.randrange(3_000, 30_001, 500), income) if practising else 0
        rows.append(_survey_row(household, round_, when, income, occ_income, _yes_no(practising)))
    return rows


def _survey_row(
    household: Household, round_: str, when: date, income: int, occ: object, practising: str
) -> Row:
    """One income_surveys.csv row."""
    return {
        "household_id": household.household_id,
        "round": round_,
        "survey_date": _iso(when),
        "household_income": income,
        "occupation_income": occ,
        "practising": practising,
    }


def _income_surveys(
    seed: int | str,
    villages: list[Village],
    households: list[Household],
    *,
    latest: date = LATEST_SURVEY,
    zero_baseline: bool = True,
) -> list[Row]:
    """Baseline for all, post where training is complete, follow-ups for some, none after
    ``latest``.

    With ``zero_baseline``, exactly one household (in a village with a post round) has a
    baseline of 0.
    """
    rng = _rng(seed, "income")
    rounds = _survey_rounds(rng, villages, latest)
    candidates = [h for h in households if "post" in rounds[h.village_code] and h.occupation]
    zero = rng.choice(candidates).household_id if zero_baseline else ""
    rows = []
    for h in households:
        rows += _household_surveys(rng, h, rounds[h.village_code], zero_baseline=h.household_id == zero)
    return rows


# --------------------------------------------------------------------------- groups


def _group_row(rng: random.Random, village: Village, n: int, occupation: str, founded_on: date | None) -> Row:
    """One groups.csv row; a hidden maturity (0–1) drives how complete its 5 ก are."""
    maturity = rng.random()
    has_fund = rng.random() < 0.25 + 0.6 * maturity
    return {
        "group_id": f"G{village.code}-{n}",
        "village_code": village.code,
        "group_name": f"กลุ่ม{occupation}{village.name}",
        "occupation": occupation,
        "founded_on": _iso(founded_on),
        "has_committee": _yes_no(rng.random() < 0.55 + 0.45 * maturity),
        "has_rules": _yes_no(rng.random() < 0.30 + 0.60 * maturity),
        "fund_baht": rng.randrange(2_000, 50_001, 500) if has_fund else 0,
        "has_activities": _yes_no(rng.random() < 0.40 + 0.55 * maturity),
    }


def _groups(seed: int | str, villages: list[Village]) -> list[Group]:
    """1–2 groups in most villages: none where training is incomplete, nor in 3 others."""
    rng = _rng(seed, "groups")
    complete = [v for v in villages if v.complete]
    without = {v.code for v in rng.sample(complete, 3)}
    groups = []
    for village in complete:
        if village.code in without:
            continue
        n_groups = 2 if len(village.occupations) > 1 and rng.random() < 0.4 else 1
        for n, occupation in enumerate(village.occupations[:n_groups], start=1):
            founded = village.planned_days[-1] + timedelta(days=rng.randint(10, 75))
            founded_on = founded if rng.random() < 0.85 else None
            row = _group_row(rng, village, n, occupation, founded_on)
            groups.append(Group(str(row["group_id"]), village, occupation, founded_on, row))
    return groups


def _group_members(seed: int | str, groups: list[Group], households: list[Household]) -> list[Row]:
    """5–15 households of the group's village, those in its occupation first; 2 groups < 5."""
    rng = _rng(seed, "members")
    small = {g.group_id for g in rng.sample(groups, 2)}
    rows = []
    for group in groups:
        local = [h for h in households if h.village_code == group.village.code]
        same = [h for h in local if h.occupation == group.occupation]
        other = [h for h in local if h.occupation != group.occupation]
        ranked = rng.sample(same, len(same)) + rng.sample(other, len(other))
        size = rng.randint(3, 4) if group.group_id in small else rng.randint(5, 15)
        chosen = sorted(h.household_id for h in ranked[:size])
        rows += [{"group_id": group.group_id, "household_id": hid} for hid in chosen]
    return rows


# --------------------------------------------------------------------------- networks


NETWORK_WEIGHTS = {
    "market": 30,
    "otop": 25,
    "village_fund": 10,
    "baac": 8,
    "savings_group": 8,
    "local_gov": 7,
    "women_network": 6,
    "private": 4,
    "other": 2,
}


def _partner_name(rng: random.Random, network: str, village: Village) -> str:
    """A plausible partner for the network type; private firms are fictional."""
    district, tambon = village.district.name, village.tambon.name
    names = {
        "otop": (f"OTOP {village.district.province}", f"ศูนย์จำหน่ายสินค้า OTOP อำเภอ{district}"),
        "market": (f"ตลาดนัดชุมชนอำเภอ{district}", f"ตลาดประชารัฐตำบล{tambon}"),
        "village_fund": (f"กองทุนหมู่บ้าน{village.name}",),
        "baac": (f"ธ.ก.ส. สาขา{district}",),
        "savings_group": (f"กลุ่มออมทรัพย์เพื่อการผลิต{village.name}",),
        "local_gov": (f"องค์การบริหารส่วนตำบล{tambon}", f"ที่ว่าการอำเภอ{district}"),
        "women_network": (f"เครือข่ายพัฒนาบทบาทสตรีอำเภอ{district}",),
        "private": ("บริษัท ตัวอย่างเทรดดิ้ง จำกัด", "ห้างหุ้นส่วนจำกัด สมมุติพาณิชย์"),
        "other": (f"ศูนย์เรียนรู้ชุมชนตำบล{tambon}",),
    }
    return rng.choice(names[network])


def _sales(rng: random.Random, network: str) -> object:
    """Annual sales through the partner (baht/year), blank when not recorded."""
    if network in ("market", "otop"):
        return rng.randrange(5_000, 200_001, 1_000) if rng.random() < 0.85 else ""
    if network == "private":
        return rng.randrange(10_000, 150_001, 1_000) if rng.random() < 0.5 else ""
    return 0 if rng.random() < 0.3 else ""


def _link_count(rng: random.Random) -> int:
    """How many network links a group has (0–4)."""
    return rng.choices(range(5), weights=(15, 25, 30, 20, 10))[0]


def _network_links(seed: int | str, groups: list[Group], first_id: int = 1) -> list[Row]:
    """0–4 links per group, of distinct types; at least 3 groups have none. Ids count on from
    ``first_id`` (L0001…)."""
    rng = _rng(seed, "networks")
    counts = {g.group_id: _link_count(rng) for g in groups}
    linked = [gid for gid, n in counts.items() if n]
    for gid in rng.sample(linked, max(0, 3 - (len(groups) - len(linked)))):
        counts[gid] = 0
    rows: list[Row] = []
    for group in groups:
        start = group.founded_on or group.village.planned_days[-1]
        weights = dict(NETWORK_WEIGHTS)
        for _ in range(counts[group.group_id]):
            network = _weighted_pick(rng, weights)
            del weights[network]
            since = start + timedelta(days=rng.randint(7, 120)) if rng.random() < 0.8 else None
            rows.append(
                {
                    "link_id": f"L{len(rows) + first_id:04d}",
                    "group_id": group.group_id,
                    "network": network,
                    "partner_name": _partner_name(rng, network, group.village),
                    "since": _iso(since),
                    "sales_baht": _sales(rng, network),
                }
            )
    return rows


# --------------------------------------------------------------------------- plans


def _clamp(day: date, low: date, high: date) -> date:
    """`day` moved into [low, high]."""
    return max(low, min(day, high))


def _plan_rows(rng: random.Random, village: Village, shift: timedelta = timedelta(0)) -> list[Row]:
    """The 8 stages with due dates, from the village's planned training days; FY2560's calendar
    moved on by ``shift`` for a later cohort."""
    days = village.planned_days
    apr, may, jun = (date(2017, 4, 30) + shift, date(2017, 5, 31) + shift, date(2017, 6, 30) + shift)
    due = {
        "team": date(2017, 1, rng.randint(10, 20)) + shift,
        "households": date(2017, 1, rng.randint(21, 31)) + shift,
        "knowledge": _clamp(_month_end(days[2]), apr, jun),
        "study_visit": _clamp(_month_end(days[3]), apr, jun),
        "practice": _clamp(_month_end(days[4] + timedelta(days=14)), may, jun),
        "group": jun if days[4] <= date(2017, 4, 15) + shift else date(2017, 7, 31) + shift,
        "network": date(2017, 8, 31) + shift,
        "follow_up": date(2017, 9, 30) + shift,
    }
    return [{"village_code": village.code, "stage": s, "due_date": _iso(d)} for s, d in due.items()]


def _plans(seed: int | str, villages: list[Village], shift: timedelta = timedelta(0)) -> list[Row]:
    """Plans for every village (incomplete training makes some stages overdue)."""
    rng = _rng(seed, "plans")
    return [row for village in villages for row in _plan_rows(rng, village, shift)]


# --------------------------------------------------------------------------- reports


CHANNEL_WEIGHTS = {"line": 40, "photo": 22, "document": 18, "visit": 12, "meeting": 8}
NOTES = {
    "line": ("ส่งความก้าวหน้าในกลุ่มไลน์อำเภอ", "แจ้งผลการอบรมวันนี้", "ส่งภาพการฝึกปฏิบัติ"),
    "photo": ("ภาพการอบรมถ่ายทอดความรู้", "ภาพครัวเรือนฝึกปฏิบัติที่บ้าน", "ภาพการศึกษาดูงาน"),
    "document": ("รายงานผลการดำเนินงานประจำเดือน", "แบบติดตามครัวเรือนเป้าหมาย"),
    "visit": ("ลงพื้นที่ติดตามครัวเรือน", "ลงพื้นที่ติดตามกลุ่มอาชีพ"),
    "meeting": ("ประชุมประจำเดือน กบอ.", "ประชุมพัฒนากรประจำสัปดาห์"),
}


def _random_weekday(rng: random.Random, year: int, month: int) -> date:
    """A random weekday in the month."""
    days = calendar.monthrange(year, month)[1]
    while True:
        day = date(year, month, rng.randint(1, days))
        if day.weekday() < 5:
            return day


def _reports(seed: int, officers: dict[str, list[Row]], villages: list[Village]) -> list[Row]:
    """3–7 monitoring reports per officer per month, Feb–Sep 2017, ids R00001… by date."""
    rng = _rng(seed, "reports")
    drafts = []
    for officer in (o for group in officers.values() for o in group):
        own = [v.code for v in villages if v.officer_id == officer["officer_id"]]
        for month in range(2, 10):
            for _ in range(rng.randint(3, 7)):
                channel = _weighted_pick(rng, CHANNEL_WEIGHTS)
                drafts.append(
                    {
                        "officer_id": officer["officer_id"],
                        "village_code": rng.choice(own) if own and rng.random() < 0.8 else "",
                        "reported_on": _iso(_random_weekday(rng, 2017, month)),
                        "channel": channel,
                        "note": rng.choice(NOTES[channel]) if rng.random() < 0.6 else "",
                    }
                )
    drafts.sort(key=lambda r: (r["reported_on"], r["officer_id"]))
    return [{"report_id": f"R{i:05d}", **r} for i, r in enumerate(drafts, start=1)]


# --------------------------------------------------------------------------- assembly


def _cohort_villages(
    rng: random.Random, cohort: Cohort, officers: dict[str, list[Row]], earlier: list[Village]
) -> list[Village]:
    """The cohort's villages: in the seed districts' tambons, each a moo (หมู่ที่) no earlier
    target village has, names unused so far, officers from the district's, the FY2560 rules
    for occupations and a training schedule over the cohort's span."""
    used = {v.name for v in earlier}
    pool = [f"บ้านสมมุติ{s}{t}" for s in VILLAGE_STEMS for t in VILLAGE_TAILS]
    names = rng.sample([n for n in pool if n not in used], sum(n for _, n in cohort.villages))
    taken = {v.code for v in earlier}
    villages: list[Village] = []
    for code, n in cohort.villages:
        district = next(d for d in DISTRICTS if d.code == code)
        in_district = []
        for tambon in sorted(rng.sample(district.tambons, n), key=lambda t: t.code):
            moo = min(m for m in range(1, 30) if f"{tambon.code}{m:02d}" not in taken)
            lat, lon = _place(rng, tambon)
            village = Village(f"{tambon.code}{moo:02d}", names.pop(), moo, tambon, district, lat, lon)
            village.fiscal_year = cohort.fiscal_year
            in_district.append(village)
        _assign_officers(in_district, officers[code])
        _assign_occupations(
            rng, replace(district, n_local_main=min(district.n_local_main, n // 2)), in_district
        )
        villages += in_district
    _schedule_training(rng, villages, cohort.training)
    # one village recorded days 1-4 only (its post survey and groups wait)
    max(villages, key=lambda v: v.planned_days[0]).n_days_recorded = 4
    return villages


def _cohort_tables(
    seed: int,
    cohort: Cohort,
    officers: dict[str, list[Row]],
    names: list[str],
    earlier: dict[str, list[Row]],
    villages: list[Village],
) -> dict[str, list[Row]]:
    """The rows of a later cohort, drawn after FY2560's: full trainer teams, every household
    with an occupation and a baseline above 0, no reports of its own."""
    part = f"{seed}-{cohort.part}"
    later = _cohort_villages(_rng(part, "villages"), cohort, officers, villages)
    taken = {str(r["national_id"]) for r in earlier["households"]}
    households = _households(part, later, names, taken=taken, blank=0)
    groups = _groups(part, later)
    shift = cohort.training[0] - date(2017, 2, 6)
    return {
        "villages": [_village_row(v) for v in later],
        "trainers": _trainers(part, later, names, short_teams=False),
        "households": [_household_row(h) for h in households],
        "income_surveys": _income_surveys(
            part, later, households, latest=cohort.latest_survey, zero_baseline=False
        ),
        "training_days": _training_days(later),
        "attendance": _attendance(part, later, households),
        "groups": [g.row for g in groups],
        "group_members": _group_members(part, groups, households),
        "network_links": _network_links(part, groups, first_id=len(earlier["network_links"]) + 1),
        "plans": _plans(part, later, shift),
    }


def build(seed: int = 2560) -> dict[str, list[Row]]:
    """All tables as rows (dicts keyed by canonical column name), in contract order: FY2560's,
    then the later cohort's (``LATER_COHORT``)."""
    names = _name_pool(_rng(seed, "names"))
    officers = _officers(seed, names)
    villages = _villages(seed, officers)
    households = _households(seed, villages, names)
    groups = _groups(seed, villages)
    tables: dict[str, list[Row]] = {
        "officers": [o for group in officers.values() for o in group],
        "villages": [_village_row(v) for v in villages],
        "trainers": _trainers(seed, villages, names),
        "households": [_household_row(h) for h in households],
        "income_surveys": _income_surveys(seed, villages, households),
        "training_days": _training_days(villages),
        "attendance": _attendance(seed, villages, households),
        "groups": [g.row for g in groups],
        "group_members": _group_members(seed, groups, households),
        "network_links": _network_links(seed, groups),
        "plans": _plans(seed, villages),
        "reports": _reports(seed, officers, villages),
    }
    for table, rows in _cohort_tables(seed, LATER_COHORT, officers, names, tables, villages).items():
        tables[table] = tables[table] + rows
    tables["roster"] = roster.rows(seed, tables)  # from the rows above, so it agrees with them
    return tables


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[Row]) -> None:
    """UTF-8 (no BOM), comma separated, `\\n` line ends, canonical header first."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[row[c] for c in columns] for row in rows])


def generate(out_dir: Path, *, seed: int = 2560) -> dict[str, int]:
    """Write one <table>.csv per table into out_dir; return rows written per table."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table, rows in build(seed).items():
        _write_csv(out_dir / f"{table}.csv", COLUMNS[table], rows)
        counts[table] = len(rows)
    return counts
