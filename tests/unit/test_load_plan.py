"""``bench/load.py`` without a browser: what the sessions choose, what a settled page must
show, and the figures of the report (values by hand)."""

from __future__ import annotations

import random
import threading

import pytest

from bench.load import CYCLE, PAGES, Places, Report, Step, View, _percentile, mixed_plan
from data_loaders.store.importer import check_path
from tests.builders import tiny, write_csv_folder

PLACES = Places(
    provinces={"30": "นครราชสีมา", "34": "อุบลราชธานี"},
    districts={"3017": "ชุมพวง", "3414": "ม่วงสามสิบ"},
    province_of={"3017": "30", "3414": "34"},
)
OVERVIEW, DATA = PAGES[0], PAGES[-1]


def test_places_come_from_the_store(tmp_path):
    db = tmp_path / "tiny.duckdb"
    assert check_path(write_csv_folder(tmp_path / "csv", tiny()), db, commit=True).committed
    # tiny(): villages A (ต.ชุมพวง) and B (ต.ประสุข), both in อ.ชุมพวง (3017), จ.นครราชสีมา (30)
    assert Places.from_store(db) == Places(
        provinces={"30": "นครราชสีมา"}, districts={"3017": "ชุมพวง"}, province_of={"3017": "30"}
    )


@pytest.mark.parametrize(
    ("view", "caption"),
    [
        (View(), "ขอบเขต: ทุกพื้นที่ · "),
        (View(province="34"), "ขอบเขต: จังหวัดอุบลราชธานี · "),
        (View(province="30", district="3017"), "ขอบเขต: จังหวัดนครราชสีมา · อำเภอชุมพวง · "),
        (View(district="3414"), "ขอบเขต: อำเภอม่วงสามสิบ · "),
        (View(page=DATA, district="3414"), None),  # the Data page has no scope caption
    ],
)
def test_what_the_scope_caption_must_contain(view, caption):
    assert view.caption(PLACES) == caption


def test_view_query_is_the_deep_link():
    assert View().query() == {}
    assert View(province="30", district="3017").query() == {"province": "30", "district": "3017"}


def _index(kind: str) -> int:
    return CYCLE.index(kind)


def test_a_reset_with_nothing_to_clear_filters_instead():
    kind, target = mixed_plan(random.Random(1), View(), _index("reset"), PLACES)
    assert kind == "filter"
    assert (target.province, target.district) != (None, None)


def test_a_filter_on_the_data_page_switches_page_instead():
    kind, target = mixed_plan(random.Random(1), View(page=DATA), _index("filter"), PLACES)
    assert kind == "link"
    assert target.page != DATA


@pytest.mark.parametrize("seed", range(20))
def test_every_action_changes_what_the_page_shows(seed):
    """A settled page is recognised by what changed, so no action may leave it as it was."""
    rng = random.Random(seed)
    view = View(page=OVERVIEW)
    for index in range(len(CYCLE) * 3):
        kind, target = mixed_plan(rng, view, index, PLACES)
        if kind == "link":
            assert target.page != view.page and target.query() == view.query()
        elif kind == "filter":  # one selectbox: the province, or a district within it
            assert target.page == view.page and target.caption(PLACES) != view.caption(PLACES)
            if target.province != view.province:  # the app drops a district outside it
                kept = (
                    view.district
                    if view.district and PLACES.province_of[view.district] == target.province
                    else None
                )
                assert target.district == kept
            else:
                assert target.district not in (None, view.district)
            if target.district is not None and target.province is not None:
                assert PLACES.province_of[target.district] == target.province
        elif kind == "reset":
            assert target == View(page=view.page) and view.query()
        view = target


@pytest.mark.parametrize(
    ("values", "p50", "p95"),
    [
        ([], None, None),
        ([0.5], 0.5, 0.5),
        ([3.0, 1.0], 1.0, 3.0),  # sorted 1, 3: ranks ceil(1) = 1 and ceil(1.9) = 2
        ([float(v) for v in range(1, 21)], 10.0, 19.0),  # ranks ceil(10) = 10 and ceil(19) = 19
        ([float(v) for v in range(1, 22)], 11.0, 20.0),  # ranks ceil(10.5) = 11, ceil(19.95) = 20
    ],
)
def test_percentiles_by_nearest_rank(values, p50, p95):
    ordered = sorted(values)
    assert _percentile(ordered, 50) == p50
    assert _percentile(ordered, 95) == p95


def test_the_report_counts_settled_loads_per_session_and_kind():
    report = Report(sessions=3, seconds=15)
    for session, kind, seconds in [
        (0, "first", 4.0),
        (0, "link", 1.0),
        (0, "filter", 2.0),
        (1, "first", 6.0),
        (1, "link", None),  # did not settle: not a load
        (1, "open", 3.0),
    ]:
        report.add_step(Step(session, kind, "", {}, started=0.0, seconds=seconds))
    data = report.to_json()
    assert data["loads_per_session"] == [3, 2, 0]  # session 2 never settled a page
    assert data["settle"]["first"] == {"loads": 2, "p50_s": 4.0, "p95_s": 6.0, "max_s": 6.0}
    assert data["settle"]["link"]["loads"] == 1
    assert data["settle"]["reset"] == {"loads": 0, "p50_s": None, "p95_s": None, "max_s": None}
    # steady, without the first pages: 1, 2, 3 -> ranks ceil(1.5) = 2 and ceil(2.85) = 3
    assert data["settle"]["steady"] == {"loads": 3, "p50_s": 2.0, "p95_s": 3.0, "max_s": 3.0}
    # all five: 1, 2, 3, 4, 6 -> p50 rank ceil(2.5) = 3 -> 3.0; p95 rank ceil(4.75) = 5 -> 6.0
    assert data["settle"]["all"] == {"loads": 5, "p50_s": 3.0, "p95_s": 6.0, "max_s": 6.0}
    assert data["errors"] == []


def test_waiting_on_the_report_wakes_on_a_step_and_on_the_end():
    report = Report(sessions=1, seconds=0)
    seen = lambda steps: any(s.page == "income" for s in steps)  # noqa: E731
    threading.Thread(target=report.add_step, args=(Step(0, "link", "income", {}, 0.0, 1.0),)).start()
    assert report.wait(seen, timeout=60)
    later = Report(sessions=1, seconds=0)
    threading.Thread(target=later.finish).start()
    assert not later.wait(seen, timeout=60)  # the sessions stopped without it: False, at once
