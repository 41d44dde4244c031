"""กลุ่มอาชีพและเครือข่าย / Groups and networks: the 5 ก scorecard, links, the network graph."""

from __future__ import annotations

import streamlit as st

from metrics.networks import five_k_scores, links_by_network, network_graph
from metrics.settings import DEFAULT_SETTINGS
from ui import charts
from ui.db import cached
from ui.filters import current_scope
from ui.i18n import t
from ui.page import has_villages, header, no_chart_data

CONFIG = {"displayModeBar": False}
scope = current_scope()
header("page.groups", scope)

if has_villages(scope):
    scores = cached(five_k_scores, scope)
    st.subheader(t("groups.five_k"))
    st.caption(t("groups.five_k_caption", n=DEFAULT_SETTINGS.group_min_members))
    if scores.empty:
        no_chart_data()
    else:
        scores["label"] = scores["group_name"] + " (" + scores["score"].astype(str) + "/5)"
        st.plotly_chart(charts.five_k_heatmap(scores), width="stretch", config=CONFIG)

    st.subheader(t("groups.links"))
    st.caption(t("groups.links_caption"))
    by_network = cached(links_by_network, scope)
    if by_network.empty:
        no_chart_data()
    else:
        st.plotly_chart(charts.network_bars(by_network), width="stretch", config=CONFIG)

    st.subheader(t("groups.graph"))
    st.caption(t("groups.graph_caption"))
    nodes, edges = cached(network_graph, scope)
    if nodes.empty:
        no_chart_data()
    else:
        st.plotly_chart(charts.network_graph(nodes, edges), width="stretch", config=CONFIG)
