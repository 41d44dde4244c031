"""ข้อมูลที่นำเข้า / Data loaded: rows per table and the import log."""

from __future__ import annotations

import streamlit as st

from data_loaders.schema import TABLES
from data_loaders.store import import_history, row_counts
from ui.db import store_cursor

con = store_cursor()
counts = row_counts(con)

st.title("แดชบอร์ดสัมมาชีพชุมชน")
st.caption("Sammachip Chumchon dashboard · ข้อมูลที่นำเข้าแล้ว / data loaded")

left, mid, right = st.columns(3)
left.metric("หมู่บ้านเป้าหมาย / target villages", f"{counts['villages']:,}")
mid.metric("ครัวเรือนเป้าหมาย / target households", f"{counts['households']:,}")
right.metric("วิทยากร / trainers", f"{counts['trainers']:,}")

st.subheader("จำนวนแถวต่อตาราง / rows per table")
st.dataframe(
    [{"ตาราง / table": f"{t.label_th} ({t.name})", "จำนวนแถว / rows": counts[t.name]} for t in TABLES],
    hide_index=True,
    width="stretch",
)

st.subheader("ประวัติการนำเข้า / import log")
history = import_history(con)
if history.empty:
    st.info("ยังไม่มีการนำเข้าข้อมูล / nothing has been imported yet")
else:
    st.dataframe(history, hide_index=True, width="stretch")
