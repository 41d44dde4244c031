"""Hand-made inputs whose problems follow from one root cause (issue 9), shared by the report
and annotated-workbook tests. Each is checked against a store holding ``tiny()``; the expected
groups are worked out in each docstring.
"""

from __future__ import annotations

from tests.builders import A, Tables, tiny

HH = ["household_id", "village_code", "head_name", "national_id", "members", "occupation"]
AT = ["village_code", "day", "household_id", "attended"]


def duplicate_household() -> Tables:
    """H2 twice in households (rows 3 and 4); attendance rows 3, 4, 5 refer to H2.

    Expected: one group, root households:4 (the repeat), dependants attendance:3, 4, 5
    (notes: each must say which H2 it means). Row 2 (H1) depends on nothing.
    """
    return {
        "households": [
            HH,
            ["H1", A, "สมชาย ใจดี", "", "4", "เพาะเห็ด"],
            ["H2", A, "สมศรี ใจงาม", "", "2", "จักสาน"],
            ["H2", A, "สมศรี ซ้ำ", "", "2", "จักสาน"],
        ],
        "attendance": [
            AT,
            [A, "1", "H1", "yes"],
            [A, "1", "H2", "no"],
            [A, "2", "H2", "yes"],
            [A, "3", "H2", "yes"],
        ],
    }


def missing_household() -> Tables:
    """Attendance rows 3 and 4 refer to H9, in neither the file nor the store.

    Expected: one group without a root row, dependants attendance:3 and 4 (errors).
    """
    return {"attendance": [AT, [A, "1", "H1", "yes"], [A, "1", "H9", "yes"], [A, "2", "H9", "yes"]]}


def unreadable_household() -> Tables:
    """households row 4 is "H4" + U+202E (refused, so the row has no key); attendance rows 2
    and 3 refer to H4.

    Expected: one group, root households:4 (the refused cell), dependants attendance:2 and 3.
    """
    return {
        "households": [
            HH,
            ["H1", A, "สมชาย ใจดี", "", "4", "เพาะเห็ด"],
            ["H2", A, "สมศรี ใจงาม", "", "2", "จักสาน"],
            ["H4\u202e", A, "สมใจ ใหม่", "", "3", "ทอผ้า"],
        ],
        "attendance": [AT, [A, "1", "H4", "yes"], [A, "2", "H4", "yes"]],
    }


def wrong_village_code() -> Tables:
    """tiny() plus village 99990101 (province 99 does not exist) at villages row 4, its
    households H7 and H8 at rows 5 and 6 and its training day at row 8.

    Expected: one group, root villages:4, dependants households:5, households:6,
    training_days:8; tiny's three whole-village warnings stay single lines.
    """
    tables = tiny()
    bad = "99990101"
    tables["villages"].append(
        [bad, "บ้านผิดรหัส", "1", "ชุมพวง", "ชุมพวง", "นครราชสีมา", "15.3", "102.7", "2560", "O1"]
    )
    tables["households"] += [["H7", bad, "ก ข", "", "2", "เพาะเห็ด"], ["H8", bad, "ค ง", "", "2", "เพาะเห็ด"]]
    tables["training_days"].append([bad, "1", "2017-02-06", "knowledge"])
    return tables


FIXTURES = [duplicate_household, missing_household, unreadable_household, wrong_village_code]
