"""A tiny four-village input for the metrics tests. Every expected value in
tests/unit/test_metrics.py is worked out by hand from the rows below.

Village A 30170101 (อ.ชุมพวง): 5 trainers incl. lead; H1 (2 members), H2 (3, baseline 0),
  H3 (no later survey, no occupation); training days 1-5; group G1 (H1, H2) -> OTOP + BAAC.
Village B 30170201 (อ.ชุมพวง): NO trainers; H4 (4 members: post, 6m and 12m follow-ups);
  training days 1-3; group G2 with no links.
Village C 34140101 (อ.ม่วงสามสิบ): NO coordinates; 5 trainers, none of them a lead; H5 (1);
  days 1-4 in Feb, day 5 on 5 Jun 2017; group G3 founded 1 Jul 2017 -> market.
Village D 34140201 (อ.ม่วงสามสิบ): fiscal year 2561; one lead trainer; nothing else.
"""

from __future__ import annotations

from typing import Any

A, B, C, D = "30170101", "30170201", "34140101", "34140201"

METRICS_INPUT: dict[str, list[list[Any]]] = {
    "officers": [
        ["officer_id", "name", "position", "district_code"],
        ["O1", "สมหญิง ทดสอบ", "", "3017"],
        ["O2", "สมใจ ทดสอบ", "", "3414"],
    ],
    "villages": [
        [
            "village_code",
            "village_name",
            "moo",
            "tambon_name",
            "district_name",
            "province_name",
            "lat",
            "lon",
            "fiscal_year",
            "officer_id",
        ],
        [A, "บ้านสมมุติเอ", "1", "ชุมพวง", "ชุมพวง", "นครราชสีมา", "15.344", "102.750", "2560", "O1"],
        [B, "บ้านสมมุติบี", "1", "ประสุข", "ชุมพวง", "นครราชสีมา", "15.342", "102.685", "2560", "O1"],
        [C, "บ้านสมมุติซี", "1", "ม่วงสามสิบ", "ม่วงสามสิบ", "อุบลราชธานี", "", "", "2560", "O2"],
        [D, "บ้านสมมุติดี", "1", "เหล่าบก", "ม่วงสามสิบ", "อุบลราชธานี", "15.657", "104.667", "2561", "O2"],
    ],
    "trainers": [
        ["trainer_id", "name", "village_code", "role", "skills", "phone"],
        ["TA1", "ปราชญ์ เอ", A, "lead", "เพาะเห็ด; จักสาน", "0811111111"],
        ["TA2", "วิทยากร เอสอง", A, "team", "เพาะเห็ดฟาง", ""],
        ["TA3", "วิทยากร เอสาม", A, "team", "", ""],
        ["TA4", "วิทยากร เอสี่", A, "team", "", ""],
        ["TA5", "วิทยากร เอห้า", A, "team", "", ""],
        ["TC1", "วิทยากร ซีหนึ่ง", C, "team", "ทอผ้า", ""],
        ["TC2", "วิทยากร ซีสอง", C, "team", "", ""],
        ["TC3", "วิทยากร ซีสาม", C, "team", "", ""],
        ["TC4", "วิทยากร ซีสี่", C, "team", "", ""],
        ["TC5", "วิทยากร ซีห้า", C, "team", "", ""],
        ["TD1", "ปราชญ์ ดี", D, "lead", "", ""],
    ],
    "households": [
        ["household_id", "village_code", "head_name", "national_id", "members", "occupation"],
        ["H1", A, "สมชาย ใจดี", "3100600445635", "2", "เพาะเห็ด"],
        ["H2", A, "สมศรี ใจงาม", "", "3", "จักสาน"],
        ["H3", A, "สมปอง ใจเย็น", "", "2", ""],
        ["H4", B, "สมหมาย ใจบุญ", "", "4", "ทอผ้า"],
        ["H5", C, "สมพร ใจสู้", "", "1", "ทอ"],
    ],
    "income_surveys": [
        ["household_id", "round", "survey_date", "household_income", "occupation_income", "practising"],
        ["H1", "baseline", "2017-01-20", "60000", "", ""],
        ["H1", "post", "2017-05-01", "66000", "6000", "yes"],
        ["H2", "baseline", "2017-01-20", "0", "", ""],
        ["H2", "post", "2017-05-01", "12000", "12000", "yes"],
        ["H3", "baseline", "2017-01-20", "50000", "", ""],
        ["H4", "baseline", "2017-01-21", "100000", "", ""],
        ["H4", "post", "2017-05-02", "90000", "0", "no"],
        ["H4", "follow_6m", "2017-11-01", "95000", "5000", "yes"],
        ["H4", "follow_12m", "2018-01-15", "98000", "8000", "yes"],
        ["H5", "baseline", "2017-01-22", "40000", "", ""],
        ["H5", "post", "2017-06-15", "44000", "4000", "yes"],
    ],
    "training_days": [
        ["village_code", "day", "date", "activity"],
        [A, "1", "2017-02-06", "knowledge"],
        [A, "2", "2017-02-07", "knowledge"],
        [A, "3", "2017-02-08", "knowledge"],
        [A, "4", "2017-02-09", "study_visit"],
        [A, "5", "2017-02-10", "home_practice"],
        [B, "1", "2017-02-13", "knowledge"],
        [B, "2", "2017-02-14", "knowledge"],
        [B, "3", "2017-02-15", "knowledge"],
        [C, "1", "2017-02-20", "knowledge"],
        [C, "2", "2017-02-21", "knowledge"],
        [C, "3", "2017-02-22", "knowledge"],
        [C, "4", "2017-02-23", "study_visit"],
        [C, "5", "2017-06-05", "home_practice"],
    ],
    "attendance": [
        ["village_code", "day", "household_id", "attended"],
        [A, "1", "H1", "yes"],
        [A, "1", "H2", "yes"],
        [A, "1", "H3", "no"],
        [A, "2", "H1", "yes"],
        [B, "1", "H4", "yes"],
        [C, "5", "H5", "yes"],
    ],
    "groups": [
        [
            "group_id",
            "village_code",
            "group_name",
            "occupation",
            "founded_on",
            "has_committee",
            "has_rules",
            "fund_baht",
            "has_activities",
        ],
        ["G1", A, "กลุ่มเห็ดสมมุติ", "เพาะเห็ด", "2017-03-01", "yes", "yes", "5000", "yes"],
        ["G2", B, "กลุ่มทอผ้าสมมุติ", "ทอผ้า", "", "no", "no", "0", "no"],
        ["G3", C, "กลุ่มทอสมมุติ", "ทอ", "2017-07-01", "yes", "yes", "1000", "yes"],
    ],
    "group_members": [
        ["group_id", "household_id"],
        ["G1", "H1"],
        ["G1", "H2"],
        ["G3", "H5"],
    ],
    "network_links": [
        ["link_id", "group_id", "network", "partner_name", "since", "sales_baht"],
        ["L1", "G1", "otop", "OTOP นครราชสีมา", "2017-04-01", "15000"],
        ["L2", "G1", "baac", "ธ.ก.ส. สาขาชุมพวง", "", ""],
        ["L3", "G3", "market", "ตลาดนัดม่วงสามสิบ", "2017-07-15", "3000"],
    ],
    "plans": [
        ["village_code", "stage", "due_date"],
        [A, "team", "2017-01-31"],
        [A, "follow_up", "2017-06-30"],
        [B, "team", "2017-01-31"],
        [B, "knowledge", "2017-03-31"],
        [C, "network", "2017-08-31"],
    ],
    "reports": [
        ["report_id", "officer_id", "village_code", "reported_on", "channel", "note"],
        ["R1", "O1", A, "2017-02-10", "line", ""],
        ["R2", "O1", "", "2017-02-28", "meeting", ""],
        ["R3", "O2", C, "2017-07-01", "photo", ""],
    ],
}


# "Since last meeting" and follow-ups (tests/unit/test_changes.py): the same four villages plus
#   - plan C practice due 15 May 2017 (C's day 5 is on 5 Jun 2017: overdue on 31 May, done by July);
#   - group G4 in D founded 31 May 2017 (on the previous-meeting date: not new), no members;
#   - link L4 of G4 to a village fund since 31 Jul 2017 (on the meeting date: new).
CHANGES_INPUT: dict[str, list[list[Any]]] = {
    table: [list(row) for row in rows] for table, rows in METRICS_INPUT.items()
}
CHANGES_INPUT["plans"].append([C, "practice", "2017-05-15"])
CHANGES_INPUT["groups"].append(["G4", D, "กลุ่มกองทุนสมมุติ", "ทอผ้า", "2017-05-31", "no", "no", "0", "no"])
CHANGES_INPUT["network_links"].append(["L4", "G4", "village_fund", "กองทุนหมู่บ้านดี", "2017-07-31", ""])
