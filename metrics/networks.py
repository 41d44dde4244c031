"""Occupational groups (5 ก) and their network links (OTOP, markets, funds, BAAC, ...)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics.scope import Scope, query
from metrics.settings import MetricSettings


def five_k_scores(con: Any, scope: Scope, *, settings: MetricSettings | None = None) -> pd.DataFrame:
    """One row per group: the five criteria (booleans), the score 0–5, members, fund, links."""
    return query(con, "five_k", scope, settings=settings)


def links(con: Any, scope: Scope) -> pd.DataFrame:
    """Network links in scope, one row each, with group and village."""
    return query(con, "links", scope)


def links_by_network(con: Any, scope: Scope) -> pd.DataFrame:
    """Per network type: links, groups linked and sales through links (baht/year), most links
    first (``links_by_network.sql``: the rows of :func:`links` summed in SQL)."""
    frame = query(con, "links_by_network", scope)
    if frame.empty:
        return pd.DataFrame(columns=["network", "links", "groups", "sales_baht"])
    return frame


def network_graph(con: Any, scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (id, label, kind: village|group|partner) and edges (source, target, network,
    sales_baht) of the graph village → group → partner. Groups without links still appear.
    The groups are read without their scores (``graph_groups.sql``: the rows of
    :func:`five_k_scores`, which count every group's members)."""
    groups = query(con, "graph_groups", scope)
    link_rows = links(con, scope)
    villages = groups[["village_code", "village_name"]].drop_duplicates()
    nodes = pd.concat(
        [
            pd.DataFrame(
                {
                    "id": "v:" + villages["village_code"],
                    "label": villages["village_name"],
                    "kind": "village",
                    "network": None,
                }
            ),
            pd.DataFrame(
                {
                    "id": "g:" + groups["group_id"],
                    "label": groups["group_name"],
                    "kind": "group",
                    "network": None,
                }
            ),
            pd.DataFrame(
                {
                    "id": "p:" + link_rows["partner_name"],
                    "label": link_rows["partner_name"],
                    "kind": "partner",
                    "network": link_rows["network"],
                }
            ).drop_duplicates("id"),
        ],
        ignore_index=True,
    )
    edges = pd.concat(
        [
            pd.DataFrame(
                {
                    "source": "v:" + groups["village_code"],
                    "target": "g:" + groups["group_id"],
                    "network": None,
                    "sales_baht": None,
                }
            ),
            pd.DataFrame(
                {
                    "source": "g:" + link_rows["group_id"],
                    "target": "p:" + link_rows["partner_name"],
                    "network": link_rows["network"],
                    "sales_baht": link_rows["sales_baht"],
                }
            ),
        ],
        ignore_index=True,
    )
    return nodes, edges
