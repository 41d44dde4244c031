"""กลุ่มอาชีพและเครือข่าย / Groups and networks: the 5 ก scorecard, links, the network graph."""

from __future__ import annotations

from metrics.networks import five_k_scores, links_by_network, network_graph
from metrics.settings import DEFAULT_SETTINGS
from ui import charts
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import t
from ui.page import chart_scope, chart_section, has_villages, header

scope = current_scope()
header("page.groups", scope)

if has_villages(scope):
    drawn = chart_scope(scope)  # per-group charts draw at most CHART_VILLAGES villages' groups
    scores = cached(five_k_scores, drawn)
    scores["label"] = scores["group_name"] + " (" + scores["score"].astype(str) + "/5)"
    chart_section(
        t("groups.five_k"),
        t("groups.five_k_caption", n=DEFAULT_SETTINGS.group_min_members),
        None if scores.empty else charts.five_k_heatmap(scores),
    )
    by_network = cached(links_by_network, scope)
    chart_section(
        t("groups.links"),
        t("groups.links_caption"),
        None if by_network.empty else charts.network_bars(by_network),
    )
    nodes, edges = cached(network_graph, drawn)
    chart_section(
        t("groups.graph"),
        t("groups.graph_caption"),
        None if nodes.empty else charts.network_graph(nodes, edges),
    )
