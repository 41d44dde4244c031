"""Sign-in, the person's grant, and the audited actions, for app.py and the pages.

Sign-in is on when ``.streamlit/secrets.toml`` has an ``[auth]`` section (``st.login``, OIDC).
Without it the dashboard runs in local mode: one person on one machine, everything visible, and
the server listens on 127.0.0.1 only (``.streamlit/config.toml``). Grants and the audit log
are in :mod:`access.store`; narrowing a scope to a grant is :func:`metrics.access_scope.narrow`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import duckdb
import streamlit as st

from access import store
from access.store import CAN_IMPORT, CAN_REVEAL, HOUSEHOLD_ROWS, Grant
from common.safe_text import literal
from metrics.access_scope import Refused, narrow
from metrics.scope import Scope
from ui.db import GRANT_KEY
from ui.i18n import t

LOCAL = Grant("local", "admin", ())  # local mode: the one person at this machine
CONTACT_KEY = "office_contact"  # secrets.toml: whom a person without a grant should ask
_SIGNED_IN_LOGGED = "_audit_signed_in"
_REVEALS = "_audit_reveals"
_OWN_AREA_SET = "_own_area_set"
_FILTER_KEYS = {
    "province": "f_province",
    "district": "f_district",
    "tambon": "f_tambon",
    "village": "f_village",
}


def sign_in_on() -> bool:
    """Whether ``[auth]`` is configured (read per run, never at import time)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: local mode
        return False


def _logged_in() -> bool:
    return bool(st.user.get("is_logged_in"))


def resolve() -> tuple[str, Grant | None]:
    """``("local", LOCAL)``, ``("signed_out", None)``, ``("no_grant", None)`` or ``("ok", grant)``;
    the grant is also kept for this run (:data:`ui.db.GRANT_KEY`) so every query is narrowed."""
    st.session_state.pop(GRANT_KEY, None)
    if not sign_in_on():
        st.session_state[GRANT_KEY] = LOCAL
        return "local", LOCAL
    if not _logged_in():
        return "signed_out", None
    try:
        found = store.grant_for(str(st.user.get("email") or ""))
    except duckdb.Error:  # fail closed: no grant can be read, so nothing is shown
        st.error(t("auth.access_unreadable"), icon=":material/error:")
        st.stop()
    if found is None:
        return "no_grant", None
    st.session_state[GRANT_KEY] = found
    if not st.session_state.get(_SIGNED_IN_LOGGED):
        st.session_state[_SIGNED_IN_LOGGED] = True
        issued_at = st.user.get("iat")  # the ID token's time: one line per sign-in, not per tab
        if not store.sign_in_logged(found.email, issued_at):
            detail = None if issued_at is None else {"iat": issued_at}
            store.log("sign_in", email=found.email, role=found.role, detail=detail)
    return "ok", found


def grant() -> Grant:
    """The grant of this run (app.py resolved it); nothing visible if there is none."""
    return st.session_state.get(GRANT_KEY) or Grant("", "officer", ())


def sign_in_page() -> None:
    """A signed-out visitor: a button to sign in, and no data."""
    st.title(t("auth.sign_in_title"))
    st.write(t("auth.sign_in_text"))
    if st.button(t("auth.sign_in"), type="primary", icon=":material/login:"):
        st.login()


def office_contact() -> str | None:
    """The office to ask for access, as set in ``.streamlit/secrets.toml`` (``office_contact =
    "สำนักงานพัฒนาชุมชนจังหวัด… โทร …"``); None when not set. Read per run."""
    try:
        value = st.secrets.get(CONTACT_KEY)
    except Exception:  # no secrets file at all
        return None
    text = "" if value is None else str(value).strip()
    return text or None


def no_access_page() -> None:
    """A signed-in email without a grant: how to ask for access, and no data. No one else's
    address is shown (the administrators' e-mails are personal data): the configured office
    contact, or the instruction to contact the provincial administrator."""
    st.title(t("page.no_access"))
    email = str(st.user.get("email") or "")
    contact = office_contact()
    how = t("auth.contact_office", contact=contact) if contact else t("auth.contact_default")
    st.warning(t("auth.no_access_text", email=literal(email), how=literal(how)), icon=":material/lock:")
    st.button(t("auth.sign_out"), on_click=st.logout, icon=":material/logout:")


def sidebar_identity(state: str, who: Grant) -> None:
    """Who is signed in (and a sign-out button), or the note that sign-in is off."""
    if state == "local":
        st.sidebar.info(t("auth.local"), icon=":material/lock_open:")
        return
    areas = ", ".join(who.areas) or t("auth.all_areas")
    st.sidebar.caption(t("auth.who", email=who.email, role=t(f"auth.role.{who.role}"), areas=areas))
    st.sidebar.button(t("auth.sign_out"), on_click=st.logout, icon=":material/logout:", key="sign_out")


def guard_requested_places() -> Refused | None:
    """Before the sidebar draws: a place asked for (URL, shared link, session) outside the grant
    is replaced by the person's own area, and what was refused is returned for a notice."""
    ss = st.session_state

    def asked(key: str) -> str | None:
        value = ss.get(key)
        return None if value in (None, "", "__all__") else str(value)

    village = asked("f_village")
    request = Scope(
        province=asked("f_province"),
        district=asked("f_district"),
        tambon=asked("f_tambon"),
        villages=(village,) if village else (),
    )
    visible = grant().visible
    narrowed, refused = narrow(request, visible)
    first = not ss.get(_OWN_AREA_SET)
    ss[_OWN_AREA_SET] = True
    if refused is None:
        if first and request == Scope() and visible is not None and len(visible) == 1:
            # One area: open on it, so the sidebar and captions name it (not "all areas").
            ss["f_province"] = visible[0][:2]
            if len(visible[0]) == 4:
                ss["f_district"] = visible[0]
        return None
    for key in _FILTER_KEYS.values():
        ss.pop(key, None)
    if narrowed.province:
        ss["f_province"] = narrowed.province
    if narrowed.district:
        ss["f_district"] = narrowed.district
    return refused


def enforce(requested: Scope) -> Scope:
    """The page scope: ``requested`` narrowed to this run's grant (the one rule, in metrics)."""
    return narrow(requested, grant().visible)[0]


def refused_notice(refused: Refused) -> None:
    st.warning(
        t("auth.refused", level=t(f"auth.level.{refused.level}"), code=refused.code), icon=":material/block:"
    )


def household_rows_allowed() -> bool:
    """Evaluators see aggregates and indicators only."""
    return grant().role in HOUSEHOLD_ROWS


def store_wide_allowed() -> bool:
    """Whether lists that are not scoped to areas (import log, validation warnings) may show."""
    return grant().visible is None


def can_import() -> bool:
    return grant().role in CAN_IMPORT


def audit(action: str, *, scope: Scope | None = None, detail: dict[str, Any] | str | None = None) -> None:
    """Append to the audit log as this run's person (``local`` in local mode)."""
    who = grant()
    store.log(action, email=who.email, role=who.role, scope=scope.as_dict() if scope else None, detail=detail)


def reveal_toggle(where: str, scope: Scope) -> bool:
    """A switch to show personal data, for roles that may; each reveal (per scope) is logged."""
    if grant().role not in CAN_REVEAL:
        return False
    on = st.toggle(t("auth.reveal"), key=f"reveal_{where}", value=False)
    if on:
        seen: set[tuple[str, Scope]] = st.session_state.setdefault(_REVEALS, set())
        if (where, scope) not in seen:
            seen.add((where, scope))
            audit("reveal", scope=scope, detail={"page": where})
        st.caption(t("auth.revealed"))
    return on


def download_button(
    label: str,
    data: bytes | Callable[[], bytes],
    *,
    file_name: str,
    mime: str,
    scope: Scope | None,
    what: str,
    where: Any = None,
    **kwargs: Any,
) -> None:
    """``st.download_button`` (in ``where``, a column say) whose every download is logged
    (action ``export``) with its scope and the hash of the file.

    A callable is built only when clicked (a national table is not built on every rerun), by
    Streamlit outside the page run. A click never reruns the page: a rerun draws every button
    anew and drops the files being built on click, so a download then arrived only sometimes.
    The build itself logs the export instead, as the person and scope of the run that drew
    the button; ready bytes go the same way."""
    build = data if callable(data) else (lambda: data)
    (where or st).download_button(
        label,
        logged_build(build, scope=scope, detail={"what": what, "file_name": file_name}),
        file_name=file_name,
        mime=mime,
        on_click="ignore",
        **kwargs,
    )


def logged_build(
    build: Callable[[], bytes], *, scope: Scope | None, detail: dict[str, object]
) -> Callable[[], bytes]:
    """``build``, which when called (on the click, outside the page run) also appends the
    export to the audit log, with the hash of what it built, as this run's person."""
    who = grant()
    path = store.access_path()
    where = scope.as_dict() if scope else None

    def run() -> bytes:
        body = build()
        done = {**detail, "sha256": hashlib.sha256(body).hexdigest()}
        store.log("export", email=who.email, role=who.role, scope=where, detail=done, path=path)
        return body

    return run
