"""กลุ่มอาชีพและเครือข่าย / Groups and networks: the 5 ก scorecard, links, the network graph."""

from __future__ import annotations

from figures import charts
from metrics.networks import five_k_scores, links_by_network, network_graph
from metrics.settings import DEFAULT_SETTINGS
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import lang, t
from ui.page import chart_section, has_villages, header

scope = current_scope()
header("page.groups", scope)

if has_villages(scope):
    scores = cached(five_k_scores, scope)
    scores["label"] = scores["group_name"] + " (" + scores["score"].astype(str) + "/5)"
    chart_section(
        t("groups.five_k"),
        t("groups.five_k_caption", n=DEFAULT_SETTINGS.group_min_members),
        None if scores.empty else charts.five_k_heatmap(scores, lang=lang()),
    )
    by_network = cached(links_by_network, scope)
    chart_section(
        t("groups.links"),
        t("groups.links_caption"),
        None if by_network.empty else charts.network_bars(by_network, lang=lang()),
    )
    nodes, edges = cached(network_graph, scope)
    chart_section(
        t("groups.graph"),
        t("groups.graph_caption"),
        None if nodes.empty else charts.network_graph(nodes, edges, lang=lang()),
    )
