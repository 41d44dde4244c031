"""The validation report, with problems that follow from one root cause grouped under it.

One duplicated household ID, one missing parent row or one wrong village code can fail (or
cloud) dozens of rows in other sheets. Listed flat, the officer fixes the wrong thing first;
grouped, the report says "รหัสครัวเรือนซ้ำ 1 รหัส (H2) และมี 3 แถวที่อ้างถึงรหัสนี้ / one duplicate
household ID (H2), and 3 rows that depend on it", the root line first and its dependants beneath.

The groups come from :class:`data_loaders.check.causes.Cause`, which the checks attach to each
problem; nothing here reads message text. Grouping never drops a problem: every problem of the
flat list is either a single entry or in exactly one group, in report order. The command line
(text and ``--json``), the Data page, its problem-list download and the annotated workbook all
read this one model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from data_loaders.check.causes import Cause, key_noun
from data_loaders.check.dataset import Problem
from data_loaders.contract.privacy import mask_personal_numbers

Lang = Literal["th", "en"]
INDENT = "    "  # a dependant's line in the text report


@dataclass(frozen=True, slots=True)
class Group:
    """A root problem (or none, when the root is a key no row holds) and the problems that
    follow from it. ``unlisted`` dependants were found but not listed one by one."""

    number: int  # 1, 2, … in report order
    cause: Cause
    roots: tuple[Problem, ...]
    dependants: tuple[Problem, ...]
    unlisted: int = 0

    @property
    def count(self) -> int:
        """Rows that follow from the root, listed or not (a row with two problems counts once;
        a problem of no row, a database row, counts as one)."""
        rows = {(p.file, p.sheet, p.row) if p.row is not None else id(p) for p in self.dependants}
        return len(rows) + self.unlisted

    @property
    def level(self) -> str:
        levels = {p.level for p in (*self.roots, *self.dependants)}
        return "error" if "error" in levels else "warning" if "warning" in levels else "note"

    @property
    def problems(self) -> tuple[Problem, ...]:
        return (*self.roots, *self.dependants)

    def summary(self, lang: Lang | None = None) -> str:
        """One line naming the root and counting its dependants; Thai / English, or one of them."""
        th, en = _summary(self)
        text = th if lang == "th" else en if lang == "en" else f"{th} / {en}"
        return mask_personal_numbers(text)

    def fix(self, lang: Lang | None = None) -> str:
        """What to do, root first."""
        th, en = _fix(self)
        text = th if lang == "th" else en if lang == "en" else f"{th} / {en}"
        return mask_personal_numbers(text)


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Every problem, flat (``problems``) and as report entries: a single problem or a group."""

    problems: tuple[Problem, ...]
    entries: tuple[Problem | Group, ...]
    _group_of: Mapping[int, Group] = field(default_factory=dict, repr=False, compare=False)

    @property
    def groups(self) -> list[Group]:
        return [e for e in self.entries if isinstance(e, Group)]

    @property
    def singles(self) -> list[Problem]:
        return [e for e in self.entries if isinstance(e, Problem)]

    @property
    def errors(self) -> int:
        return sum(p.level == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.level == "warning" for p in self.problems)

    def group_of(self, problem: Problem) -> Group | None:
        """The group ``problem`` is in (as a root or a dependant), if any."""
        return self._group_of.get(id(problem))

    def lines(self, *, single_warnings: bool = True) -> Iterator[str]:
        """The text report: each single problem as its line; each group as a header line, its
        root lines, then its dependants' lines indented by four spaces (the same line after
        the spaces). Every problem's line appears exactly once; with ``single_warnings=False``
        the warnings outside any group are left out (the caller lists them by kind)."""
        for entry in self.entries:
            if isinstance(entry, Problem):
                if single_warnings or entry.level != "warning":
                    yield entry.line()
                continue
            yield f"[{entry.number}] {entry.summary()}"
            for problem in entry.roots:
                yield problem.line()
            for problem in entry.dependants:
                yield INDENT + problem.line()
            if entry.unlisted:
                yield INDENT + (
                    f"… และอีก {entry.unlisted:,} แถวที่ไม่ได้แสดง / … and {entry.unlisted:,} more rows not listed"
                )

    def rows(self) -> list[dict[str, Any]]:
        """One dict per problem in entry order, with its group: for the problem-list download
        and the JSON output. ``group`` is 0 and ``role`` "" for a problem in no group."""
        out: list[dict[str, Any]] = []
        for entry in self.entries:
            if isinstance(entry, Problem):
                number, members = 0, [(entry, "")]
            else:
                number = entry.number
                members = [(p, "root") for p in entry.roots] + [(p, "dependant") for p in entry.dependants]
            for problem, role in members:
                out.append(
                    {
                        "group": number,
                        "role": role,
                        "level": problem.level,
                        "file": problem.file,
                        "sheet": problem.sheet,
                        "row": problem.row,
                        "column": problem.column,
                        "table": problem.table,
                        "message": mask_personal_numbers(problem.message),
                    }
                )
        return out

    def to_json(self) -> dict[str, Any]:
        """``problems`` (every problem, as :meth:`rows`) and ``groups`` (summary, cause, counts)."""
        return {
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": self.rows(),
            "groups": [
                {
                    "group": g.number,
                    "kind": g.cause.kind,
                    "table": g.cause.table,
                    "key": dict(g.cause.key),
                    "level": g.level,
                    "summary_th": g.summary("th"),
                    "summary_en": g.summary("en"),
                    "fix_th": g.fix("th"),
                    "fix_en": g.fix("en"),
                    "roots": len(g.roots),
                    "dependants": len(g.dependants),
                    "dependant_rows": g.count,
                    "unlisted": g.unlisted,
                }
                for g in self.groups
            ],
        }


def build_report(
    problems: Iterable[Problem], *, unlisted: Mapping[Cause, int] | None = None
) -> ValidationReport:
    """Group ``problems`` (already in report order) by the cause they share.

    A cause becomes a group when it explains something: a duplicate key with at least one row
    depending on it; a missing parent or a wrong village code with a located root and at least
    one dependant, or without a root and at least two rows (one orphan row is its own line).
    Every other problem stays a single entry.
    """
    flat = tuple(problems)
    unlisted = unlisted or {}
    by_cause: dict[Cause, list[Problem]] = {}
    for problem in flat:
        if problem.cause is not None:
            by_cause.setdefault(problem.cause, []).append(problem)
    grouped: dict[Cause, tuple[tuple[Problem, ...], tuple[Problem, ...]]] = {}
    for cause, members in by_cause.items():
        roots = tuple(p for p in members if p.root)
        dependants = tuple(p for p in members if not p.root)
        extra = unlisted.get(cause, 0)
        needed = 1 if roots or cause.kind == "duplicate_key" else 2
        if len(dependants) + extra >= needed and (roots or cause.kind != "duplicate_key"):
            grouped[cause] = (roots, dependants)
    # A group stands where its first root (else its first dependant) stands in the flat list.
    entries: list[Problem | Group] = []
    group_of: dict[int, Group] = {}
    placed: set[Cause] = set()
    for problem in flat:
        cause = problem.cause
        if cause is None or cause not in grouped:
            entries.append(problem)
            continue
        roots, dependants = grouped[cause]
        anchor = roots[0] if roots else dependants[0]
        if problem is not anchor or cause in placed:
            continue
        placed.add(cause)
        group = Group(
            sum(isinstance(e, Group) for e in entries) + 1, cause, roots, dependants, unlisted.get(cause, 0)
        )
        entries.append(group)
        for member in group.problems:
            group_of[id(member)] = group
    return ValidationReport(flat, tuple(entries), group_of)


# --- warnings by kind ------------------------------------------------------------------------

FIRST_OF_KIND = 20  # warnings of one kind listed line by line; the rest are counted

# What each kind of warning is about, Thai and English (the kinds the checks attach to a
# warning: :attr:`data_loaders.check.validate.Problem.kind`).
WARNING_KINDS: dict[str, tuple[str, str]] = {
    "no_coordinates": ("หมู่บ้านไม่มีพิกัด", "village without coordinates"),
    "far_from_tambon": ("พิกัดห่างจากที่ตั้งตำบลเกินกำหนด", "point far from its tambon"),
    "abolished_tambon": ("รหัสตำบลที่ถูกยกเลิก", "abolished tambon code"),
    "moo_mismatch": ("หมู่ที่ไม่ตรงกับรหัสหมู่บ้าน", "moo does not match the village code"),
    "name_mismatch": ("ชื่อพื้นที่ไม่ตรงกับรหัส", "place name does not match its code"),
    "abolished_district": ("รหัสอำเภอที่ถูกยกเลิก", "abolished district code"),
    "incomplete_household": ("ครัวเรือนยังไม่ระบุอาชีพ", "household without an occupation"),
    "practising_at_baseline": ("กรอกยังประกอบอาชีพในรอบฐาน", "practising given at baseline"),
    "few_households": ("ครัวเรือนเป้าหมายน้อยกว่าเป้า", "fewer target households than the target"),
    "few_trainers": ("วิทยากรน้อยกว่าเป้าหรือไม่มีปราชญ์", "fewer trainers than the target, or no lead"),
    "income_jump": ("รายได้ต่างจากรอบก่อนมากผิดปกติ", "income far from the round before"),
    "survey_before_training": ("สำรวจหลังอบรมก่อนวันอบรม", "survey after baseline dated before training"),
    "rows_removed": ("แถวในฐานข้อมูลที่จะถูกลบ", "database rows the import removes"),
    "unknown_sheet": ("ชีตที่ไม่รู้จัก", "unknown sheet"),
    "unknown_column": ("คอลัมน์ที่ไม่รู้จัก", "unknown column"),
}


def warning_kind(problem: Problem) -> str:
    """A warning's kind; one the checks did not name goes by its table and column
    (``households.phone``), or ``other``."""
    if problem.kind:
        return problem.kind
    if problem.table and problem.column:
        return f"{problem.table}.{problem.column}"
    return "other"


@dataclass(frozen=True, slots=True)
class WarningKind:
    """The warnings of one kind: how many, and the first ones (at most ``FIRST_OF_KIND``) in
    report order."""

    kind: str
    count: int
    first: tuple[Problem, ...]

    def label(self, lang: Lang | None = None) -> str:
        """What the kind is about, Thai / English or one of them (the kind itself if unnamed)."""
        th, en = WARNING_KINDS.get(self.kind, (self.kind, self.kind))
        return th if lang == "th" else en if lang == "en" else f"{th} / {en}"

    @property
    def more(self) -> int:
        """Warnings of this kind not among ``first``."""
        return self.count - len(self.first)


def warning_kinds(problems: Iterable[Problem], *, first: int = FIRST_OF_KIND) -> list[WarningKind]:
    """The warnings among ``problems`` by kind, the most frequent kind first (ties in the order
    they first appear), each with its count and its first ``first`` warnings."""
    counts: dict[str, int] = {}
    heads: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.level != "warning":
            continue
        kind = warning_kind(problem)
        counts[kind] = counts.get(kind, 0) + 1
        head = heads.setdefault(kind, [])
        if len(head) < first:
            head.append(problem)
    order = sorted(counts, key=lambda k: -counts[k])  # stable: ties keep their first appearance
    return [WarningKind(k, counts[k], tuple(heads[k])) for k in order]


# --- wording ---------------------------------------------------------------------------------


def _summary(group: Group) -> tuple[str, str]:
    cause, n = group.cause, group.count
    noun_th, noun_en = key_noun(cause.table)
    shown = cause.shown
    if cause.kind == "duplicate_key":
        return (
            f"{noun_th}ซ้ำ 1 รหัส ({shown}) และมี {n:,} แถวที่อ้างถึงรหัสนี้",
            f"one duplicate {noun_en} ({shown}), and {n:,} {_rows(n)} that depend on it",
        )
    if cause.kind == "missing_parent" and group.roots:
        return (
            f"{noun_th}อ่านไม่ได้ 1 รหัส ({shown}) และมี {n:,} แถวที่อ้างถึงรหัสนี้",
            f"one unreadable {noun_en} ({shown}), and {n:,} {_rows(n)} that depend on it",
        )
    if cause.kind == "missing_parent":
        return (
            f"ไม่พบ{noun_th} {shown} ในไฟล์หรือฐานข้อมูล และมี {n:,} แถวที่อ้างถึงรหัสนี้",
            f"one missing {noun_en} ({shown}: in neither the file nor the database), "
            f"and {n:,} {_rows(n)} that depend on it",
        )
    if group.roots:
        return (
            f"รหัสหมู่บ้านไม่ถูกต้อง 1 รหัส ({shown}) และมี {n:,} แถวของหมู่บ้านนี้ที่ผิดตามไปด้วย",
            f"one wrong village code ({shown}), and {n:,} {_rows(n)} of that village that fail with it",
        )
    return (
        f"รหัสหมู่บ้านไม่ถูกต้อง 1 รหัส ({shown}) พบใน {n:,} แถว",
        f"one wrong village code ({shown}), in {n:,} {_rows(n)}",
    )


def _fix(group: Group) -> tuple[str, str]:
    cause = group.cause
    noun_th, noun_en = key_noun(cause.table)
    shown = cause.shown
    if cause.kind == "duplicate_key":
        return (
            f"ให้{noun_th}ใหม่กับแถวที่ซ้ำ แล้วแก้แถวที่อ้างถึง {shown} ให้ชี้ไปยังแถวที่ถูกต้อง",
            f"give one of the repeated rows a new {noun_en}, then make each row that refers to {shown} "
            "point to the right one",
        )
    if cause.kind == "missing_parent" and group.roots:
        return (
            "แก้รหัสในแถวต้นเหตุก่อน (ลบอักขระที่มองไม่เห็น) แล้วแถวที่อ้างถึงจะผ่านเอง",
            "fix the ID in the root row first (delete the invisible characters); the rows that refer "
            "to it then pass",
        )
    if cause.kind == "missing_parent":
        return (
            f"เพิ่มแถวของ{noun_th} {shown} ในไฟล์ หรือแก้รหัสในแถวที่อ้างถึงให้ถูกต้อง",
            f"add the row for {noun_en} {shown} to the file, or correct the ID in the rows that refer to it",
        )
    return (
        f"แก้รหัสหมู่บ้าน {shown} ในชีตหมู่บ้านและทุกแถวของหมู่บ้านนี้ (ใช้ค้นหาและแทนที่ใน Excel)",
        f"correct the village code {shown} in the villages sheet and in every row of that village "
        "(Find and Replace in Excel)",
    )


def _rows(n: int) -> str:
    return "row" if n == 1 else "rows"


__all__ = [
    "FIRST_OF_KIND",
    "INDENT",
    "WARNING_KINDS",
    "Group",
    "ValidationReport",
    "WarningKind",
    "build_report",
    "warning_kind",
    "warning_kinds",
]
