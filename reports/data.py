"""What a meeting pack holds, gathered once from the metrics layer, before any file is drawn.

:func:`gather` reads the store for a scope and two dates and returns a :class:`Pack`: the
headline targets with coverage, the changes since the last meeting, and the tables (raw values
plus a format token per column) and figures behind every slide. The PPTX, PDF and XLSX writers
only lay this out, so the three files always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go

from common.formats import Unit, be_iso, fmt_count, fmt_date, fmt_share, format_value, header_unit
from common.strings import code_label, default_as_of_words, followup_text, place, text, village_label
from data_loaders.reference import cpi
from data_loaders.store.versions import shown_version
from figures import charts
from metrics import evaluation
from metrics.changes import changes as compute_changes
from metrics.changes import default_as_of, previous_meeting
from metrics.cohorts import cohorts, current_gap, gap_words
from metrics.comparisons import district_ranking
from metrics.followups import followup_page
from metrics.income import income_rollup
from metrics.indicators import compute, coverage, headline
from metrics.networks import five_k_scores, links_by_network
from metrics.overview import funnel
from metrics.progress import village_progress
from metrics.scope import Scope
from metrics.settings import current as current_settings
from metrics.settings import jpt_line
from metrics.tables import progress_rows
from metrics.trainers import trainer_coverage
from reports.images import INSTALL_COMMAND
from reports.progress import Progress, report

UNSAFE_IN_NAMES = set('/\\:*?"<>|')
# Rows a pack's table shows at most (about seven slides): a district's lists fit whole; a
# province's or the country's show their first rows, most urgent first, and say how many there
# are in all (the dashboard's downloads have every row).
PACK_ROWS = 100
PACK_CHART_VILLAGES = 40  # villages a pack's per-village chart draws (a district has 13-19)


class NoDataError(ValueError):
    """The scope holds no target village: there is nothing to report."""


class DatesError(ValueError):
    """The last meeting is not before the as-of date."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table behind the pack: headers, a unit token (:mod:`common.formats`) and a relative
    width per column, and raw values (numbers stay numbers for the spreadsheet)."""

    key: str
    title: str
    headers: tuple[str, ...]
    formats: tuple[Unit, ...]
    widths: tuple[float, ...]
    rows: tuple[tuple[Any, ...], ...]
    highlight: tuple[bool, ...] = field(default=())
    note: str = ""  # when the rows are the first of more: how many, and where the rest are

    def formatted(self, lang: str) -> list[list[str]]:
        """Every row as display text (:func:`common.formats.format_value`); a cell leaves out
        its unit word when the column's header already names it ("รายได้ (บาท/ปี)")."""
        bare = [header_unit(h, f, lang) == h for h, f in zip(self.headers, self.formats, strict=True)]
        return [
            [format_value(v, f, lang, bare=b) for v, f, b in zip(row, self.formats, bare, strict=True)]
            for row in self.rows
        ]


@dataclass(frozen=True, slots=True)
class Kpi:
    """A headline target now and at the last meeting, with what it rests on."""

    id: str
    label: str
    value: float | None
    before: float | None
    target: float | None
    direction: str
    met: bool | None
    covered: int
    universe: int
    coverage_unit: str

    @property
    def delta(self) -> float | None:
        return None if self.value is None or self.before is None else self.value - self.before


@dataclass(frozen=True, slots=True)
class Pack:
    """Everything one meeting pack shows, in one language."""

    lang: str
    scope: Scope
    as_of: dt.date
    previous: dt.date
    place: str
    short_place: str
    kpis: tuple[Kpi, ...]
    changes: dict[str, Any]
    tables: dict[str, Table]
    figures: dict[str, go.Figure]
    as_of_default: bool = False  # no date was chosen: the default of every program
    cohort_lines: tuple[str, ...] = ()  # the cohorts in words (cohort_words); () when none
    data_version: tuple[int, int] = (0, 0)  # (the version it was built from, the latest then)

    def t(self, key: str, **values: Any) -> str:
        return text(key, self.lang, **values)

    @property
    def scope_line(self) -> str:
        """The scope and date in words, for the title and every page header."""
        parts = [self.place]
        if self.scope.fiscal_year:
            parts.append(self.t("pack.fiscal_year", year=self.scope.fiscal_year))
        as_of = self.t("pack.as_of", date=fmt_date(self.as_of, self.lang, long=True))
        if self.as_of_default:  # say what the date is (metrics.changes.default_as_of); the
            # fiscal year, when chosen, is already on the line
            as_of += f" ({default_as_of_words(self.lang)})"
        parts.append(as_of)
        version, latest = self.data_version
        if version:  # every page says the data version it was built from (data_loaders/store/versions.py)
            words = self.t("pack.data_version", version=version)
            if version != latest:
                words += f" ({self.t('pack.not_latest', latest=latest)})"
            parts.append(words)
        return " · ".join(parts)


# The name of each chart the pack can hold, for the notice when it cannot be drawn.
CHART_NAMES = {
    "funnel": "overview.funnel",
    "cohorts": "cohorts.title",
    "income": "pack.income",
    "trainers": "pack.trainers",
    "networks": "pack.groups",
}


def chart_name(key: str, lang: str) -> str:
    return text(CHART_NAMES.get(key, key), lang)


def charts_missing_text(pack: Pack, lang: str) -> str:
    """Which of the pack's charts are missing and the one command that adds them, in ``lang``."""
    names = ", ".join(chart_name(key, lang) for key in pack.figures)
    return text("pack.charts_missing", lang, charts=names, command=INSTALL_COMMAND)


def charts_missing_notice(pack: Pack) -> tuple[str, ...]:
    """:func:`charts_missing_text` in the pack's language, then in the other one: for the
    document's first page, read by the officer and by whoever looks after the machine."""
    other = "en" if pack.lang == "th" else "th"
    return (charts_missing_text(pack, pack.lang), charts_missing_text(pack, other))


def coverage_text(kpi: Kpi, lang: str) -> str:
    """What a headline value rests on: "สำรวจแล้ว 40 จาก 60 ครัวเรือน"."""
    key = "pack.coverage_villages" if kpi.coverage_unit == "villages" else "pack.coverage_households"
    return text(key, lang, covered=fmt_count(kpi.covered), universe=fmt_count(kpi.universe))


def place_words(progress: pd.DataFrame, scope: Scope, lang: str) -> str:
    """The scope in words: "อำเภอชุมพวง จังหวัดนครราชสีมา", or "ทุกพื้นที่"."""
    if progress.empty:
        return text("scope.everywhere", lang)
    first = progress.iloc[0]
    names = {level: place(first, level, lang) for level in ("province", "district", "tambon", "village")}
    if len(scope.villages) == 1:
        return text("scope.village", lang, moo=first["moo"], **names)
    if scope.tambon:
        return text("scope.tambon", lang, **names)
    if scope.district:
        return text("scope.district", lang, **names)
    if scope.province:
        return text("scope.province", lang, **names)
    return text("scope.everywhere", lang)


def short_place(progress: pd.DataFrame, scope: Scope, lang: str) -> str:
    """The narrowest named area of the scope, for file names: "ชุมพวง"; "ทุกพื้นที่" for all."""
    if progress.empty:
        return text("scope.everywhere", lang)
    first = progress.iloc[0]
    for level, chosen in (
        ("village", len(scope.villages) == 1),
        ("tambon", scope.tambon),
        ("district", scope.district),
        ("province", scope.province),
    ):
        if chosen:
            return place(first, level, lang)
    return text("scope.everywhere", lang)


def file_stem(pack: Pack) -> str:
    """A file name without extension: "สัมมาชีพ-ชุมพวง-2560-05-31" (Buddhist-era date)."""
    words = f"{pack.t('pack.file')}-{pack.short_place}-{be_iso(pack.as_of)}"
    return "".join("-" if c in UNSAFE_IN_NAMES or c.isspace() else c for c in words)


def _kpis(con: Any, scope: Scope, previous: dt.date, lang: str) -> tuple[Kpi, ...]:
    now = {v.id: v for v in compute(con, scope)}
    before = {v.id: v for v in compute(con, replace(scope, as_of=previous))}
    cover = coverage(con, scope)
    out = []
    for ind in headline():
        v = now[ind.id]
        covered, universe = cover.get(ind.id, (int(v.denominator), int(v.denominator)))
        out.append(
            Kpi(
                ind.id,
                ind.label_th if lang == "th" else ind.label_en,
                v.value,
                before[ind.id].value,
                v.target,
                v.direction,
                v.met,
                covered,
                universe,
                ind.coverage_unit or "households",
            )
        )
    return tuple(out)


# A pack table's column: header key, unit token, relative width.
PackColumn = tuple[str, Unit, float]


def _table(
    key: str,
    title: str,
    lang: str,
    columns: Sequence[PackColumn],
    rows: list[tuple],
    *,
    total: int | None = None,
) -> Table:
    """A pack table; ``total`` is how many rows there are in all when ``rows`` are the first
    of them (its note then says so, under the table)."""
    note = ""
    if total is not None and total > len(rows):
        note = text("pack.rows_cut", lang, shown=fmt_count(len(rows)), total=fmt_count(total))
    return Table(
        key,
        title,
        tuple(text(h, lang) for h, _, _ in columns),
        tuple(f for _, f, _ in columns),
        tuple(w for _, _, w in columns),
        tuple(rows),
        note=note,
    )


# A pack table's column: header key, unit token, relative width, and its cell: a column of the
# frame, or a function of the frame's row.
Cell = str | Callable[[pd.Series], Any]
FrameColumn = tuple[str, Unit, float, Cell]


def _frame_table(
    key: str,
    title: str,
    lang: str,
    frame: pd.DataFrame,
    columns: list[FrameColumn],
    *,
    total: int | None = None,
) -> Table:
    """A pack table of ``frame``'s first ``PACK_ROWS`` rows, in its order (the note says how
    many there are in all: ``total``, else ``frame``'s rows): counts as whole numbers, yes/no
    as booleans, the rest as they are."""

    def cell(row: pd.Series, unit: Unit, source: Cell) -> Any:
        value = source(row) if callable(source) else row[source]
        return int(value) if unit == "count" else bool(value) if unit == "yes_no" else value

    rows = [
        tuple(cell(row, unit, source) for _, unit, _, source in columns)
        for _, row in frame.head(PACK_ROWS).iterrows()
    ]
    total = len(frame) if total is None else total
    return _table(key, title, lang, [(h, u, w) for h, u, w, _ in columns], rows, total=total)


# The headline targets: now, the target, met or not, at the last meeting, the change, coverage.
KPI_COLUMNS: tuple[PackColumn, ...] = (
    ("col.indicator", "text", 3.2),
    ("col.now", "share", 1.0),
    ("col.target", "text", 1.0),
    ("col.met", "text", 1.1),
    ("col.last_meeting", "share", 1.1),
    ("col.delta", "points", 1.0),
    ("col.coverage", "text", 2.4),
)
MET_WORDS = {True: "overview.kpi_met", False: "overview.kpi_not_met", None: "overview.kpi_no_value"}


def kpi_table(kpis: Sequence[Kpi], lang: str) -> Table:
    """The headline targets, one row each (:class:`Kpi`): the target as "≥ 60%" ("—" without
    one), met or not in words."""
    return _table(
        "kpis",
        text("pack.kpis", lang),
        lang,
        KPI_COLUMNS,
        [
            (
                k.label,
                k.value,
                ("≥ " if k.direction == "at_least" else "≤ ") + fmt_share(k.target, lang, digits=0)
                if k.target is not None
                else "—",
                text(MET_WORDS[k.met], lang),
                k.before,
                k.delta,
                coverage_text(k, lang),
            )
            for k in kpis
        ],
    )


def progress_table(progress: pd.DataFrame, lang: str) -> Table:
    """Villages, overdue first (most overdue stages first), then least progress."""
    frame = progress.assign(
        _overdue=[len(s) if s is not None else 0 for s in progress["overdue_stages"]],
    ).sort_values(["_overdue", "stages_done", "village_code"], ascending=[False, True, True])
    total, frame = len(frame), frame.head(PACK_ROWS)
    table = _frame_table(
        "progress",
        text("pack.progress", lang),
        lang,
        progress_rows(frame, lang=lang),  # the page's and the download's rows, in words
        [
            ("col.village", "text", 2.2, "village_name"),
            ("col.tambon", "text", 1.3, "tambon"),
            ("col.district", "text", 1.3, "district"),
            ("col.status", "text", 1.3, "status"),
            ("col.stages_done", "count", 1.0, "stages_done"),
            ("col.overdue_stages", "text", 2.6, lambda r: r["overdue"] or "—"),
        ],
        total=total,
    )
    return replace(table, highlight=tuple(bool(n) for n in frame["_overdue"]))


def gather(
    con: Any,
    scope: Scope,
    *,
    as_of: dt.date | None = None,
    previous: dt.date | None = None,
    lang: str = "th",
    progress: Progress | None = None,
) -> Pack:
    """Read everything a meeting pack for ``scope`` shows. ``as_of`` defaults to the scope's own
    as-of date, else to the default of every program (:func:`metrics.changes.default_as_of`, said
    in words on the pack), ``previous`` to the end of the month before ``as_of``. ``progress``
    hears how far it is (:mod:`reports.progress`: phase ``gather``, then ``charts``).

    Raises :class:`NoDataError` when the scope holds no target village.
    """
    lang = lang if lang in ("th", "en") else "th"
    report(progress, 0.0, "gather")
    chosen = as_of or scope.as_of  # the dashboard passes its as-of date in the scope
    as_of = chosen or default_as_of(con, scope.fiscal_year)  # the one default of every program
    probe = village_progress(con, replace(scope, as_of=as_of), today=as_of or dt.date.today())
    if probe.empty or as_of is None:
        raise NoDataError(text("pack.no_data", lang, scope=place_words(probe, scope, lang)))
    if previous is None:
        previous = previous_meeting(as_of)
    if previous >= as_of:
        msg = (
            f"วันประชุมครั้งก่อน ({previous.isoformat()}) ต้องอยู่ก่อนวันที่ข้อมูล ({as_of.isoformat()}) / "
            f"--previous ({previous.isoformat()}) must be before --as-of ({as_of.isoformat()})"
        )
        raise DatesError(msg)
    scope = replace(scope, as_of=as_of)
    villages = probe
    place_text = place_words(villages, scope, lang)

    report(progress, 0.1, "gather")
    kpis = _kpis(con, scope, previous, lang)
    report(progress, 0.3, "gather")
    delta = compute_changes(con, scope, as_of=as_of, previous=previous)
    report(progress, 0.4, "gather")
    tables: dict[str, Table] = {}
    tables["kpis"] = kpi_table(kpis, lang)
    tables["progress"] = progress_table(villages, lang)

    income = income_rollup(con, scope, "village")
    report(progress, 0.5, "gather")
    names = villages.set_index("village_code")
    tables["income"] = _frame_table(
        "income",
        text("pack.income_table", lang),
        lang,
        income.sort_values("income_increase_pct", na_position="first"),
        [
            ("col.village", "text", 2.2, "village_name"),
            ("col.tambon", "text", 1.3, lambda r: _place_of(names, r, "tambon", lang)),
            ("col.households", "count", 1.0, "households"),
            ("col.with_change", "count", 1.3, "households_with_change"),
            ("col.mean_baseline", "baht", 1.5, "mean_baseline_income"),
            ("col.mean_latest", "baht", 1.5, "mean_latest_income"),
            ("col.change_pct", "change", 1.1, "income_increase_pct"),
            ("col.practising", "share", 1.2, "practising_share"),
        ],
    )

    team = trainer_coverage(con, scope)
    report(progress, 0.6, "gather")
    team_sorted = team.sort_values(["full_team", "has_lead", "trainers", "village_code"])
    tables["trainers"] = _frame_table(
        "trainers",
        text("pack.trainers_table", lang),
        lang,
        team_sorted,
        [
            ("col.village", "text", 2.2, "village_name"),
            ("col.tambon", "text", 1.3, lambda r: _place_of(names, r, "tambon", lang)),
            ("col.trainers", "count", 1.0, "trainers"),
            ("col.leads", "count", 0.9, "leads"),
            ("col.households", "count", 1.0, "households"),
            ("col.hpt", "ratio", 1.3, "households_per_trainer"),
            ("col.full_team", "yes_no", 1.0, "full_team"),
        ],
    )

    groups = five_k_scores(con, scope)
    report(progress, 0.7, "gather")
    tables["groups"] = _frame_table(
        "groups",
        text("pack.groups_table", lang),
        lang,
        groups.sort_values(["score", "links", "group_id"]),
        [
            ("col.group", "text", 3.0, "group_name"),
            ("col.village", "text", 2.0, "village_name"),
            ("col.occupation", "text", 1.6, "occupation"),
            ("col.members", "count", 0.9, "members"),
            ("col.score", "count", 0.9, "score"),
            ("col.links", "count", 0.9, "links"),
        ],
    )
    networks = links_by_network(con, scope)
    tables["networks"] = _table(
        "networks",
        text("groups.links", lang),
        lang,
        [
            ("col.network", "text", 2.0),
            ("col.links", "count", 1.0),
            ("col.group", "count", 1.0),
            ("groups.sales", "baht", 1.6),
        ],
        [
            (code_label("network", r["network"], lang), int(r["links"]), int(r["groups"]), r["sales_baht"])
            for _, r in networks.iterrows()
        ],
    )

    follow, total = followup_page(con, scope, as_of=as_of, limit=PACK_ROWS)  # one query
    report(progress, 0.8, "gather")
    tables["followups"] = followups_table(follow, lang, names=names, total=total)
    tables["changes"] = changes_table(delta, villages, lang)
    tables["ranking"] = ranking_table(con, scope, lang, today=as_of)
    tables.update(evaluation_tables(con, scope, lang))  # the evaluation measures (XLSX sheets)

    report(progress, 0.85, "charts")
    figures: dict[str, go.Figure] = {"funnel": charts.funnel(funnel(con, scope), lang=lang)}
    # a chart draws one mark per village: a district's all, else the PACK_CHART_VILLAGES its
    # table lists first (118,000 marks at national scope would take minutes and show nothing)
    with_income = _chart_villages(
        income.dropna(subset=["mean_baseline_income", "mean_latest_income"]),
        lambda f: f.sort_values("income_increase_pct"),
    )
    if not with_income.empty:
        figures["income"] = charts.dumbbell(with_income, lang=lang)
    if not team.empty:
        figures["trainers"] = charts.team_bars(
            _chart_villages(team, lambda f: team_sorted),
            target=current_settings().trainers_target,
            lang=lang,
        )
    if not networks.empty:
        figures["networks"] = charts.network_bars(networks, lang=lang)
    cohort_frame = cohorts(con, replace(scope, as_of=as_of))
    cohort_chart = charts.cohort_lines(cohort_frame, lang=lang)
    if cohort_chart is not None:
        figures["cohorts"] = cohort_chart
    report(progress, 1.0, "charts")

    return Pack(
        lang,
        scope,
        as_of,
        previous,
        place_text,
        short_place(villages, scope, lang),
        kpis,
        delta,
        tables,
        figures,
        as_of_default=chosen is None,
        cohort_lines=cohort_words(cohort_frame, lang),
        data_version=shown_version(con),
    )


def cohort_words(frame: pd.DataFrame, lang: str) -> tuple[str, ...]:
    """The cohort slide's lines (rows of :func:`metrics.cohorts.cohorts`): the latest cohort's
    gap to the one before in words, then each cohort's practising share at every month it has
    reached ("ปีงบ 2560 (32 หมู่บ้าน): 0 เดือน —, 3 เดือน 96% …"), so the slide reads without
    its chart too. () when no village has a training day."""
    if frame.empty:
        return ()
    lines = [gap_words(current_gap(frame), lang)]
    for year, rows in frame.groupby("fiscal_year", sort=True):
        values = ", ".join(
            text(
                "cohorts.month_value",
                lang,
                months=int(r["months"]),
                value=fmt_share(r["practising_share"], lang, digits=0),
            )
            for _, r in rows.sort_values("months").iterrows()
        )
        name = text("cohorts.cohort", lang, year=int(year))
        villages = text("cohorts.hover_villages", lang, n=fmt_count(int(rows["villages"].max()), lang))
        lines.append(text("cohorts.pack_line", lang, name=name, villages=villages, values=values))
    return tuple(lines)


def _chart_villages(frame: pd.DataFrame, first: Any) -> pd.DataFrame:
    """``frame``'s villages for a per-village chart, labelled: all of them when few, else the
    first ``PACK_CHART_VILLAGES`` in the order ``first(frame)`` gives."""
    chosen = frame if len(frame) <= PACK_CHART_VILLAGES else first(frame).head(PACK_CHART_VILLAGES)
    return chosen.assign(label=chosen["village_name"])


def _place_of(names: pd.DataFrame | None, row: Any, level: str, lang: str) -> str:
    """``row``'s tambon or district name in ``lang``, from ``names`` (village_progress rows by
    village code, which carry the English names); the row's own (Thai) name otherwise."""
    code = row["village_code"]
    if names is not None and isinstance(code, str) and code in names.index:
        return place(names.loc[code], level, lang)
    return row[f"{level}_name"]


def _district_name(row: Any, lang: str) -> str:
    """``row``'s district name in ``lang`` (its Thai name when it has no English one)."""
    return row["district_name_en"] if lang == "en" and row["district_name_en"] else row["district_name"]


# The ranking's columns: an indicator's districts by rank, each with its 95% interval.
RANKING_COLUMNS: tuple[PackColumn, ...] = (
    ("col.indicator", "text", 2.6),
    ("col.rank", "count", 0.7),
    ("col.district", "text", 1.4),
    ("col.villages", "count", 0.9),
    ("col.surveyed_after", "count", 1.1),
    ("col.value", "share", 0.9),
    ("col.interval_low", "share", 0.9),
    ("col.interval_high", "share", 0.9),
    ("col.verdict", "text", 1.6),
)


def ranking_table(con: Any, scope: Scope, lang: str, *, today: dt.date | None = None) -> Table:
    """The districts ranked by each headline indicator (:func:`metrics.comparisons.district_ranking`):
    rank, 95% interval and verdict; the districts with too few households surveyed after
    training follow each indicator's ranked ones, without a rank. Values are fractions (0.03 = 3%)."""
    rows = []
    for ind in headline():
        label = ind.label_en if lang == "en" else ind.label_th
        for r in district_ranking(con, scope, ind.id, today=today).to_dict("records"):
            name = _district_name(r, lang)
            rows.append(
                (
                    label,
                    r["rank"],
                    name,
                    r["villages"],
                    r["surveyed_after"],
                    r["value"],
                    r["low"],
                    r["high"],
                    code_label("verdict", r["verdict"], lang),
                )
            )
    table = _table("ranking", text("ranking.heading", lang), lang, RANKING_COLUMNS, rows)
    least = current_settings().min_households_to_judge
    return replace(table, note=text("ranking.caption", lang, n=fmt_count(least)))


def followups_table(
    follow: pd.DataFrame, lang: str, *, names: pd.DataFrame | None = None, total: int | None = None
) -> Table:
    """The follow-up list as it comes (most overdue first); ``names`` (village_progress rows by
    village code) give the tambon and district names in English; ``total``: how many items
    there are in all, when ``follow`` holds the first of them."""
    return _frame_table(
        "followups",
        text("pack.followups", lang),
        lang,
        follow,
        [
            ("col.kind", "text", 1.4, lambda r: code_label("followup.kind", r["kind"], lang)),
            ("col.village", "text", 2.0, lambda r: village_label(r["village_name"], r["village_code"])),
            ("col.tambon", "text", 1.2, lambda r: _place_of(names, r, "tambon", lang)),
            ("col.district", "text", 1.2, lambda r: _place_of(names, r, "district", lang)),
            ("col.item", "text", 2.4, lambda r: followup_text(r, lang)),
            ("col.due", "date", 1.2, "due"),
            ("col.days_overdue", "days", 1.0, "days_overdue"),
            ("col.officer", "text", 1.5, "officer_name"),
        ],
        total=total,
    )


def changes_table(delta: dict[str, Any], progress: pd.DataFrame, lang: str) -> Table:
    """Villages that completed a stage or have a stage newly overdue since the last meeting."""
    names = dict(zip(progress["village_code"], progress["village_name"], strict=True))
    rows: list[tuple] = []
    for item in delta.get("newly_overdue", []):
        rows.append(
            (
                names.get(item["village_code"], item["village_code"]),
                code_label("stage", item["stage"], lang),
                text("status.overdue", lang),
                item.get("due"),
            )
        )
    for item in delta.get("stages_completed", []):
        rows.append(
            (
                names.get(item["village_code"], item["village_code"]),
                code_label("stage", item["stage"], lang),
                text("status.complete", lang),
                None,
            )
        )
    return _table(
        "changes",
        text("pack.changes_villages", lang),
        lang,
        [
            ("col.village", "text", 2.2),
            ("col.stage", "text", 1.6),
            ("col.status", "text", 1.4),
            ("col.due", "date", 1.2),
        ],
        rows[:PACK_ROWS],
        total=len(rows),
    )


def change_lines(pack: Pack) -> list[str]:
    """The counts since the last meeting, one line each."""
    c = pack.changes
    return [
        pack.t("pack.changes_stages", n=fmt_count(len(c.get("stages_completed", [])))),
        pack.t("pack.changes_overdue", n=fmt_count(len(c.get("newly_overdue", [])))),
        pack.t("pack.changes_groups", n=fmt_count(len(c.get("new_groups", [])))),
        pack.t("pack.changes_links", n=fmt_count(len(c.get("new_links", [])))),
        pack.t("pack.changes_surveys", n=fmt_count(c.get("surveys_added", 0))),
        pack.t("pack.changes_days", n=fmt_count(c.get("training_days_added", 0))),
    ]


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of a section: lines of text, a table, or a figure (by key in ``Pack.figures``)."""

    kind: Literal["lines", "table", "figure"]
    lines: tuple[str, ...] = ()
    table: Table | None = None
    figure: str | None = None
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the pack: one or more slides, or one or more pages."""

    key: str
    title: str
    blocks: tuple[Block, ...]


def kpi_changes_table(pack: Pack) -> Table:
    """The headline targets at the last meeting and now, with the change in points."""
    return _table(
        "kpi_changes",
        pack.t("pack.changes_kpis"),
        pack.lang,
        [
            ("col.indicator", "text", 3.4),
            ("col.last_meeting", "share", 1.2),
            ("col.now", "share", 1.2),
            ("col.delta", "points", 1.2),
        ],
        [(k.label, k.before, k.value, k.delta) for k in pack.kpis],
    )


def outline(pack: Pack) -> list[Section]:
    """The pack's sections in order; the PPTX and PDF writers lay out exactly these."""
    t, tables = pack.t, pack.tables

    def figure(key: str, caption_key: str) -> tuple[Block, ...]:
        return (Block("figure", figure=key, caption=t(caption_key)),) if key in pack.figures else ()

    def table(key: str) -> tuple[Block, ...]:  # the table, and its note when it shows the first rows
        shown = tables[key]
        return (Block("table", table=shown), *((Block("lines", lines=(shown.note,)),) if shown.note else ()))

    since = pack.t("pack.previous", date=fmt_date(pack.previous, pack.lang, long=True))
    changes: tuple[Block, ...] = (
        Block("lines", lines=(since,)),
        Block("table", table=kpi_changes_table(pack)),
        Block("lines", lines=tuple(change_lines(pack))),
    )
    if tables["changes"].rows:
        changes += table("changes")
    followups = (
        table("followups") if tables["followups"].rows else (Block("lines", lines=(t("pack.no_followups"),)),)
    )
    return [
        Section("changes", t("pack.changes"), changes),
        Section(
            "kpis",
            t("pack.kpis"),
            (
                Block("table", table=tables["kpis"]),
                Block("lines", lines=(t("pack.kpis_caption"),)),
                *figure("funnel", "overview.funnel_caption"),
            ),
        ),
        *(
            [
                Section(
                    "cohorts",
                    t("cohorts.title"),
                    (Block("lines", lines=pack.cohort_lines), *figure("cohorts", "cohorts.pack_caption")),
                )
            ]
            if pack.cohort_lines
            else []
        ),
        Section("progress", t("pack.progress"), table("progress")),
        Section(
            "income",
            t("pack.income"),
            (*figure("income", "pack.income_caption"), *table("income")),
        ),
        Section(
            "trainers",
            t("pack.trainers"),
            (*figure("trainers", "trainers.team_caption"), *table("trainers")),
        ),
        Section(
            "groups",
            t("pack.groups"),
            (
                *figure("networks", "groups.links_caption"),
                Block("table", table=tables["networks"]),
                *table("groups"),
            ),
        ),
        Section("followups", t("pack.followups"), followups),
    ]


# --------------------------------------------------------------------------- evaluation measures


EVALUATION_TABLES = (
    "eval_targeting",
    "eval_attrition",
    "eval_attrition_district",
    "eval_attrition_village",
    "eval_income",
)


def evaluation_tables(con: Any, scope: Scope, lang: str) -> dict[str, Table]:
    """The evaluation measures (:mod:`metrics.evaluation`) as pack tables: targeting worst first,
    attrition for the whole scope and by district and village, and real income with the
    comparison. Real income refused for a year without a price index is said in words."""
    settings = current_settings()
    line = jpt_line(settings, scope.fiscal_year)
    target = evaluation.targeting(con, scope, settings=settings)
    line_note = text("eval.line_note", lang, line=fmt_count(line, lang))
    targeting = _frame_table(
        "eval_targeting",
        text("eval.targeting", lang),
        lang,
        target,
        [
            ("eval.col_village", "text", 2.2, lambda r: village_label(r["village_name"], r["village_code"])),
            ("eval.col_district", "text", 1.3, lambda r: _district_name(r, lang)),
            ("eval.col_roster_year", "text", 0.8, lambda r: str(int(r["roster_year"]))),
            ("eval.col_roster_households", "count", 1.0, "roster_households"),
            ("eval.col_selected", "count", 1.0, "selected"),
            ("eval.col_selected_in_poorest", "count", 1.2, "selected_in_poorest"),
            ("eval.col_selected_above_line", "count", 1.2, "selected_above_line"),
            ("eval.col_eligible_not_selected", "count", 1.2, "eligible_not_selected"),
        ],
    )
    empty = text("eval.no_roster", lang) if target.empty else ""
    words = (targeting.note, empty, text("eval.targeting_caption", lang), line_note)
    out = {"eval_targeting": replace(targeting, note=" ".join(w for w in words if w))}
    for by, key in (
        ("scope", "eval_attrition"),
        ("district", "eval_attrition_district"),
        ("village", "eval_attrition_village"),
    ):
        out[key] = _attrition_table(evaluation.attrition(con, scope, by=by, settings=settings), key, by, lang)
    out["eval_income"] = _income_table(con, scope, lang, settings)
    return out


def _attrition_table(frame: pd.DataFrame, key: str, by: str, lang: str) -> Table:
    columns: list[FrameColumn] = []
    if by in ("district", "village"):
        columns.append(("eval.col_district", "text", 1.3, lambda r: _district_name(r, lang)))
    if by == "village":
        columns.append(
            ("eval.col_village", "text", 2.2, lambda r: village_label(r["village_name"], r["village_code"]))
        )
    columns += [
        ("eval.col_round", "text", 1.2, lambda r: code_label("round", r["round"], lang)),
        ("eval.col_target", "count", 1.0, "target"),
        ("eval.col_surveyed", "count", 1.0, "surveyed"),
        ("eval.col_missing_share", "share", 1.0, "missing_share"),
        ("eval.col_band", "text", 0.9, lambda r: text(f"eval.band.{r['band']}", lang) if r["band"] else "—"),
        ("eval.col_retained", "baht", 1.4, "baseline_mean_retained"),
        ("eval.col_lost", "baht", 1.4, "baseline_mean_lost"),
        ("eval.col_gap", "change", 1.1, "gap"),
    ]
    title = text("eval.attrition", lang)
    if by != "scope":
        title += f" · {text(evaluation.BREAKDOWN_LABELS[by], lang)}"
    table = _frame_table(key, title, lang, frame, columns)
    words = [table.note, text("eval.attrition_caption", lang)]
    if by == "scope":
        words += [
            text(
                "eval.gap_large",
                lang,
                round=code_label("round", r["round"], lang),
                direction=text("eval.gap_higher" if r["gap"] > 0 else "eval.gap_lower", lang),
                gap=fmt_share(abs(r["gap"]), lang),
            )
            for _, r in frame.iterrows()
            if evaluation.gap_is_large(r["gap"])
        ]
    return replace(table, note=" ".join(w for w in words if w))


def _income_table(con: Any, scope: Scope, lang: str, settings: Any) -> Table:
    """Real income beside nominal, and the comparison, one measure a row: its value in the
    column of its unit (numbers stay numbers), a refusal or an absence in words."""
    real = evaluation.real_income(con, scope, refuse=False, settings=settings)
    refusal = real.refusal
    refused = "" if refusal is None else (refusal.en if lang == "en" else refusal.th)
    rows: list[tuple[Any, ...]] = [
        (text("eval.nominal", lang), real.nominal_increase, None, None, ""),
        (text("eval.real_value", lang), real.real_increase, None, None, refused),
        (text("eval.real_households", lang), None, None, real.households, ""),
    ]
    found = evaluation.comparison(con, scope, settings=settings)
    if found is None:
        rows.append((text("eval.comparison", lang), None, None, None, text("eval.no_second_year", lang)))
    else:
        rows += [
            (text("eval.selected_change", lang), None, found.selected_change, None, ""),
            (text("eval.others_change", lang), None, found.others_change, None, ""),
            (text("eval.difference", lang), None, found.difference, None, ""),
            (text("eval.ci_low", lang), None, found.ci_low, None, ""),
            (text("eval.ci_high", lang), None, found.ci_high, None, ""),
            (text("eval.n_selected", lang), None, None, found.n_selected, ""),
            (text("eval.n_others", lang), None, None, found.n_others, ""),
        ]
    source = cpi.SOURCE_EN if lang == "en" else cpi.SOURCE_TH
    table = _table(
        "eval_income",
        f"{text('eval.real', lang)} · {text('eval.comparison', lang)}",
        lang,
        [
            ("eval.col_measure", "text", 3.0),
            ("eval.col_change", "change", 1.0),
            ("eval.col_baht", "baht", 1.2),
            ("eval.col_households", "count", 1.0),
            ("eval.col_note", "text", 3.0),
        ],
        rows,
    )
    note = " ".join((text("eval.real_caption", lang, source=source), text("eval.caution", lang)))
    return replace(table, note=note)
