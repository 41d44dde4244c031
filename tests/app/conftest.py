"""AppTest set-up shared by the app tests.

No Streamlit internals are patched: AppTest starts every run in Streamlit's legacy ``pages/``
mode, and a page run that way frames itself through app.py (``ui.shell.require_shell``), as a
deep link on a live server's first request does.
"""
