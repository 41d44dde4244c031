"""The district card for LINE on the Overview (the same code as ``python -m reports card``).

With one district chosen, a download button whose PNG (:func:`reports.card.card_png`) is built
when it is clicked, on this run's store version and within the person's grant
(:func:`ui.db.lazy` narrows the scope), at the page's as-of date and in the session's language.
Without a district there is nothing to offer.
"""

from __future__ import annotations

import streamlit as st

from metrics import tables
from metrics.scope import Scope
from reports.card import card_png
from ui import access
from ui.db import lazy
from ui.i18n import fmt_date, lang, t


def district_card_download(scope: Scope) -> None:
    """The card of ``scope``'s district as a PNG download; nothing when no district is chosen."""
    if not scope.district:
        return
    # the card is the whole district: a tambon, village or occupation chosen does not cut it
    card = Scope(district=scope.district, fiscal_year=scope.fiscal_year, as_of=scope.as_of)
    with st.expander(t("card.header"), icon=":material/smartphone:"):
        st.caption(t("card.caption", date=fmt_date(scope.as_of, long=True)))
        access.download_button(
            t("card.download"),
            lazy(card_png, card, lang=lang()),
            file_name=tables.file_name(f"district_card_{scope.district}", scope.as_of, "png"),
            mime="image/png",
            scope=card,
            what="district_card",
            icon=":material/download:",
            key="district_card",
        )
