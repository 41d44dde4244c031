"""The docs show the nginx configuration that tests/e2e/test_nginx.py runs, verbatim
(issue 18, item 5: ``docs/SCALING.md`` and ``docs/DEPLOY.md`` show the same configuration)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START = "<!-- deploy/nginx.conf, verbatim: tests/unit/test_deploy_docs.py checks that this copy is the file -->\n```nginx\n"
END = "```\n<!-- end of deploy/nginx.conf -->"


@pytest.mark.parametrize("doc", ["docs/SCALING.md", "docs/DEPLOY.md"])
def test_the_doc_shows_deploy_nginx_conf_as_it_is(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    assert text.count(START) == 1, f"{doc} must show deploy/nginx.conf once, between the markers"
    shown = text.split(START, 1)[1].split(END, 1)[0]
    assert shown == (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
