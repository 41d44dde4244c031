"""กลุ่มอาชีพและเครือข่าย / Groups and networks: the 5 ก scorecard, links, the network graph."""

from __future__ import annotations

from figures import charts
from metrics import tables
from metrics.networks import five_k_scores, links_by_network, network_graph
from metrics.settings import current as current_settings
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import t
from ui.page import chart_scope, downloads, has_villages, header, keyed_chart

scope = current_scope()
header("page.groups", scope)

if has_villages(scope):
    drawn = chart_scope(scope)  # per-group charts draw at most CHART_VILLAGES villages' groups
    scores = cached(five_k_scores, drawn)
    scores["label"] = scores["group_name"] + " (" + scores["score"].astype(str) + "/5)"
    keyed_chart(
        "groups.five_k",
        "groups.five_k_caption",
        charts.five_k_heatmap,
        scores,
        caption_values={"n": current_settings().group_min_members},
    )
    downloads(
        scores,
        columns=tables.GROUP_SCORE_COLUMNS,
        stem="groups_five_k",
        scope=scope,
        sheet=t("groups.five_k"),
        key="dl_groups",
    )
    keyed_chart("groups.links", "groups.links_caption", charts.network_bars, cached(links_by_network, scope))
    keyed_chart("groups.graph", "groups.graph_caption", charts.network_graph, *cached(network_graph, drawn))
