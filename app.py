"""แดชบอร์ดสัมมาชีพชุมชน: entry point.

The picture frame: page config, navigation, run. The full seven pages come with the pages
issue; until then the one page says how much data is loaded and where it came from.
"""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="แดชบอร์ดสัมมาชีพชุมชน", page_icon=":material/diversity_3:", layout="wide")

pages = [st.Page("pages/data_status.py", title="ข้อมูลที่นำเข้า", icon=":material/database:", default=True)]
st.navigation(pages).run()
