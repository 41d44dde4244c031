"""The peer baseline: every catalogue indicator in plain pandas, from whole tables in memory.

This is how a dashboard without a SQL engine would compute ``metrics/catalogue.toml``: load
the tables into DataFrames, filter them to the scope, then merge, group and count. The
definitions follow ``metrics/sql/scope.sql`` and the catalogue's numerator/denominator SQL
line by line; ``tests/unit/test_bench.py`` checks both give the same numbers on the
hand-made fixture. Used only by ``python -m bench``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from data_loaders.contract.schema import DOMAINS, ROUND_ORDER
from metrics.scope import Scope
from metrics.settings import DEFAULT_SETTINGS, MetricSettings

TABLE_NAMES = (
    "villages",
    "households",
    "income_surveys",
    "trainers",
    "training_days",
    "attendance",
    "groups",
    "group_members",
    "network_links",
)
LATER_ROUNDS = {r: rank for rank, r in enumerate(ROUND_ORDER) if rank}  # post 1 ... follow_12m 3


def load_tables(con: Any) -> dict[str, pd.DataFrame]:
    """Every table the indicators read, whole, as DataFrames (what a pandas app holds)."""
    return {name: con.execute(f"SELECT * FROM {name}").df() for name in TABLE_NAMES}


def _before(frame: pd.DataFrame, column: str, as_of: Any, *, keep_blank: bool) -> pd.DataFrame:
    if as_of is None:
        return frame
    dates = pd.to_datetime(frame[column])
    keep = dates <= pd.Timestamp(as_of)
    if keep_blank:
        keep |= dates.isna()
    return frame[keep]


def _scope(t: dict[str, pd.DataFrame], scope: Scope) -> dict[str, pd.DataFrame]:
    """The scope CTEs of ``metrics/sql/scope.sql`` as DataFrames."""
    v = t["villages"]
    for column, value in (
        ("fiscal_year", scope.fiscal_year),
        ("province_code", scope.province),
        ("district_code", scope.district),
        ("tambon_code", scope.tambon),
    ):
        if value is not None:
            v = v[v[column] == value]
    if scope.villages:
        v = v[v["village_code"].isin(scope.villages)]
    codes = v["village_code"]
    h = t["households"][t["households"]["village_code"].isin(codes)]
    if scope.occupation is not None:
        h = h[h["occupation"] == scope.occupation]
    s = t["income_surveys"].merge(h[["household_id", "village_code", "members"]], on="household_id")
    s = _before(s, "survey_date", scope.as_of, keep_blank=False)
    tr = t["trainers"][t["trainers"]["village_code"].isin(codes)]
    d = _before(
        t["training_days"][t["training_days"]["village_code"].isin(codes)],
        "date",
        scope.as_of,
        keep_blank=False,
    )
    a = t["attendance"].merge(d[["village_code", "day"]], on=["village_code", "day"])
    a = a[a["household_id"].isin(h["household_id"])]
    g = t["groups"][t["groups"]["village_code"].isin(codes)]
    if scope.occupation is not None:
        g = g[g["occupation"] == scope.occupation]
    g = _before(g, "founded_on", scope.as_of, keep_blank=True)
    links = t["network_links"].merge(g[["group_id", "village_code"]], on="group_id")
    links = _before(links, "since", scope.as_of, keep_blank=True)
    later = s[s["round"] != "baseline"].assign(rank=lambda f: f["round"].map(LATER_ROUNDS))
    latest = later.sort_values("rank").drop_duplicates("household_id", keep="last")
    return {"v": v, "h": h, "s": s, "tr": tr, "d": d, "a": a, "g": g, "links": links, "latest": latest}


def compute(
    tables: dict[str, pd.DataFrame], scope: Scope, *, settings: MetricSettings = DEFAULT_SETTINGS
) -> dict[str, tuple[float, float]]:
    """``{indicator id: (numerator, denominator)}`` for every catalogue indicator."""
    c = _scope(tables, scope)
    v, h, tr, d, a, g, links, latest = (c[k] for k in ("v", "h", "tr", "d", "a", "g", "links", "latest"))
    n_villages = len(v)

    # s_income: households with their baseline and latest later round, and the จปฐ. line
    baseline = c["s"][c["s"]["round"] == "baseline"][["household_id", "household_income"]]
    income = (
        h[["household_id", "village_code", "members", "occupation"]]
        .merge(
            baseline.rename(columns={"household_income": "baseline_income"}), on="household_id", how="left"
        )
        .merge(
            latest[["household_id", "household_income", "practising"]].rename(
                columns={"household_income": "latest_income"}
            ),
            on="household_id",
            how="left",
        )
    )
    lines = dict(settings.jpt_by_year)
    jpt = v.set_index("village_code")["fiscal_year"].map(lambda y: lines.get(y, settings.jpt_default))
    income["jpt_line"] = income["village_code"].map(jpt)
    both = income.dropna(subset=["baseline_income", "latest_income"])
    later = income.dropna(subset=["latest_income"])
    above = (later["latest_income"] / later["members"]) >= later["jpt_line"]

    # s_village_facts and s_village_stages
    facts = pd.DataFrame({"village_code": v["village_code"]}).set_index("village_code")
    facts["trainers"] = tr.groupby("village_code").size()
    facts["leads"] = tr[tr["role"] == "lead"].groupby("village_code").size()
    facts["households"] = h.groupby("village_code").size()
    facts["days"] = d.groupby("village_code")["day"].nunique()
    facts["knowledge_days"] = d[d["day"].isin([1, 2, 3])].groupby("village_code")["day"].nunique()
    facts["study_visit"] = d[d["day"] == 4].groupby("village_code").size()
    facts["practice"] = d[d["day"] == 5].groupby("village_code").size()
    facts["groups"] = g.groupby("village_code").size()
    facts["links"] = links.groupby("village_code").size()
    facts["followed_up"] = latest.merge(h[["household_id"]], on="household_id").groupby("village_code").size()
    facts = facts.fillna(0)
    team = (facts["trainers"] >= settings.trainers_target) & (facts["leads"] > 0)
    knowledge = facts["knowledge_days"] == 3
    study_visit, practice = facts["study_visit"] > 0, facts["practice"] > 0
    stages = (
        team.astype(int)
        + (facts["households"] >= settings.households_target).astype(int)
        + knowledge.astype(int)
        + study_visit.astype(int)
        + practice.astype(int)
        + (facts["groups"] >= 1).astype(int)
        + (facts["links"] >= 1).astype(int)
        + ((facts["households"] > 0) & (facts["followed_up"] == facts["households"])).astype(int)
    )

    # s_skill_match: the occupation is one of the skills of a trainer of the village
    with_occ = h[h["occupation"].notna() & (h["occupation"].astype(str).str.strip() != "")]
    skills = tr[["village_code", "skills"]].explode("skills").dropna(subset=["skills"])
    skills = skills.assign(skill=skills["skills"].str.strip().str.lower())[["village_code", "skill"]]
    keyed = with_occ.assign(skill=with_occ["occupation"].str.strip().str.lower())
    matched = keyed.merge(skills.drop_duplicates(), on=["village_code", "skill"])["household_id"].nunique()

    # s_five_k
    members = tables["group_members"].groupby("group_id").size()
    k_members = g["group_id"].map(members).fillna(0) >= settings.group_min_members
    score = (
        k_members.astype(int)
        + g["has_committee"].fillna(False).astype(bool).astype(int)
        + g["has_rules"].fillna(False).astype(bool).astype(int)
        + (g["fund_baht"].fillna(0) > 0).astype(int)
        + g["has_activities"].fillna(False).astype(bool).astype(int)
    )
    market = links[links["network"].isin(["otop", "market"])]["group_id"].nunique()

    return {
        "practising_share": (
            float(latest["practising"].fillna(False).astype(bool).sum()),
            float(len(latest)),
        ),
        "income_increase_pct": (
            float(both["latest_income"].sum() - both["baseline_income"].sum()),
            float(both["baseline_income"].sum()),
        ),
        "villages_with_group_share": (float(g["village_code"].nunique()), float(n_villages)),
        "above_jpt_share": (float(above.sum()), float(len(later))),
        "full_team_share": (float(team.sum()), float(n_villages)),
        "households_per_trainer": (float(len(h)), float(len(tr))),
        "skill_match_share": (float(matched), float(len(with_occ))),
        "training_complete_share": (float((knowledge & study_visit & practice).sum()), float(n_villages)),
        "attendance_rate": (
            float(a["attended"].fillna(False).astype(bool).sum()),
            float((facts["households"] * facts["days"]).sum()),
        ),
        "groups_market_linked_share": (float(market), float(len(g))),
        "five_k_complete_share": (float((score == 5).sum()), float(len(g))),
        "follow_up_share": (float(len(latest)), float(len(h))),
        "stages_done_share": (float(stages.sum()), float(len(DOMAINS["stage"]) * n_villages)),
    }
