"""กลุ่มอาชีพและเครือข่าย / Groups and networks: the 5 ก scorecard, links, the network graph."""

from __future__ import annotations

from figures import charts
from metrics import tables
from metrics.networks import five_k_scores, links_by_network, network_graph
from metrics.settings import current as current_settings
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import lang, t
from ui.page import chart_scope, chart_section, downloads, has_villages, header, ui_lang

scope = current_scope()
header("page.groups", scope)

if has_villages(scope):
    drawn = chart_scope(scope)  # per-group charts draw at most CHART_VILLAGES villages' groups
    scores = cached(five_k_scores, drawn)
    scores["label"] = scores["group_name"] + " (" + scores["score"].astype(str) + "/5)"
    chart_section(
        t("groups.five_k"),
        t("groups.five_k_caption", n=current_settings().group_min_members),
        None if scores.empty else charts.five_k_heatmap(scores, lang=lang()),
    )
    downloads(
        tables.worded(scores, tables.GROUP_SCORE_COLUMNS, lang=ui_lang()),
        stem="groups_five_k",
        scope=scope,
        sheet=t("groups.five_k"),
        key="dl_groups",
    )
    by_network = cached(links_by_network, scope)
    chart_section(
        t("groups.links"),
        t("groups.links_caption"),
        None if by_network.empty else charts.network_bars(by_network, lang=lang()),
    )
    nodes, edges = cached(network_graph, drawn)
    chart_section(
        t("groups.graph"),
        t("groups.graph_caption"),
        None if nodes.empty else charts.network_graph(nodes, edges, lang=lang()),
    )
