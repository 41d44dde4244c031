"""The one escaping helper: every user-supplied string (village, group, partner, officer and
occupation names, file and sheet names, URL values) passes through :func:`literal` before it is
shown in Markdown, a caption, a tooltip, hover text or HTML.

Two contexts, one function:

- ``"markdown"`` (Streamlit's ``st.markdown``, ``st.caption``, ``st.warning``, widget help):
  every ASCII punctuation mark gets a backslash, which CommonMark defines as "this character,
  literally". So ``![x](http://…)`` is not an image, ``[a](b)`` is not a link, ``<b>`` and
  ``<script>`` are not HTML, ``$x$`` is not LaTeX and ``:red[x]`` / ``:material/…:`` are not
  Streamlit directives. Thai letters are not punctuation and are untouched. Streamlit also
  turns bare addresses (``http://…``, ``www.…``, ``name@host``) into live links after the
  escapes are read, so an invisible WORD JOINER (U+2060) goes before ``://`` and ``@`` and
  after ``www``: the text looks the same and is no longer an address.
- ``"html"`` (the pydeck tooltip, Plotly hover text and labels, ``unsafe_allow_html``):
  ``& < > " '`` become character references, which both a browser and Plotly's text renderer
  show as the characters themselves.

Line breaks become spaces in both (a name is one line), and control, format and bidirectional
override characters (U+202E …) are dropped so a name cannot reorder the text around it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any, Literal

Context = Literal["markdown", "html"]

# CommonMark: "Any ASCII punctuation character may be backslash-escaped".
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MARKDOWN = {ord(c): "\\" + c for c in _ASCII_PUNCTUATION}
_LINE_BREAKS = {ord(c): " " for c in "\n\r\x0b\x0c\x85\u2028\u2029"}
WORD_JOINER = "\u2060"
_WWW = re.compile(r"(www)(?=\.)", re.IGNORECASE)  # no quantifier: linear


def plain(value: Any) -> str:
    """``value`` as one line of text without control, format or bidi-override characters.

    Categories Cc (controls, NUL) and Cf (format: U+200B…U+200F, U+202A…U+202E, U+2066…U+2069,
    U+FEFF) are dropped; line breaks become spaces. Linear in the length of the text.
    """
    if value is None:
        return ""
    text = str(value).translate(_LINE_BREAKS)
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))


def literal(value: Any, *, context: Context = "markdown") -> str:
    """``value`` escaped so that it shows as exactly its own characters in ``context``."""
    text = plain(value)
    if context == "html":
        return html.escape(text, quote=True)
    if context == "markdown":
        text = text.replace("://", WORD_JOINER + "://").replace("@", WORD_JOINER + "@")
        return _WWW.sub(r"\1" + WORD_JOINER, text).translate(_MARKDOWN)
    msg = f"unknown escaping context {context!r}: expected 'markdown' or 'html'"
    raise ValueError(msg)


def clip(value: Any, *, limit: int = 40) -> str:
    """``value`` as plain text, cut to ``limit`` characters with "…": for quoting input back."""
    text = plain(value[: limit * 4] if isinstance(value, str) else value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
