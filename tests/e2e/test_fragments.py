"""Only the changed part reruns: in a real browser, a control inside a section reruns that section (and
the sections that read the control), the sidebar's link follows, and the rest of the page stays drawn.
The server logs each section run (``ui.frame.RUN_LOG``): these tests count runs, never time them."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import (
    RUN_LOG,
    assert_no_errors,
    logged_runs,
    open_page,
    press_on_slider,
    slider_value,
    wait_for_app,
    wait_for_link,
)


def _runs_after(page, action) -> list[str]:
    RUN_LOG.write_text("")
    action()
    page.wait_for_timeout(400)  # the rerun request leaves the browser
    wait_for_app(page)
    for _ in range(150):  # a run is logged when it ends, and the link's fragment runs last
        if "view_link" in logged_runs():
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(300)
    return logged_runs()


def _charts(page) -> int:
    return page.locator('[data-testid="stVegaLiteChart"]').count()


def test_a_grid_control_reruns_the_grid_section_alone(app_server, page):
    open_page(page, app_server, "/curse_of_dimensionality")
    charts = _charts(page)
    runs = _runs_after(page, lambda: press_on_slider(page, "bins", "ArrowRight"))
    assert runs == ["curse_of_dimensionality.grids", "view_link"]
    assert slider_value(page, "bins") == "11"
    assert "bins=11" in page.url
    wait_for_link(page, "bins=11")  # the link to copy follows the section
    assert _charts(page) == charts  # the other sections are still drawn
    assert_no_errors(page)


def test_d_reruns_every_section(app_server, page):
    open_page(page, app_server, "/curse_of_dimensionality")
    runs = _runs_after(page, lambda: press_on_slider(page, "dim", "ArrowRight"))
    assert {"curse_of_dimensionality.grids", "curse_of_dimensionality.distances", "view_link"} <= set(runs)
    wait_for_link(page, "dim=60")
    assert_no_errors(page)


@pytest.mark.parametrize(("path", "key", "expected"), [
    # t is drawn by the forward section and read by the BPTT and vanishing sections: those rerun, not the
    # chunked-training one
    ("/simple_rnn", "t", ["simple_rnn.bptt", "simple_rnn.forward", "simple_rnn.vanishing", "view_link"]),
    ("/lstm_backprop", "clip", ["lstm_backprop.cliff_clipping", "view_link"]),
])
def test_a_section_control_reruns_its_readers_only(app_server, page, path, key, expected):
    open_page(page, app_server, path)
    runs = _runs_after(page, lambda: press_on_slider(page, key, "ArrowLeft"))
    assert sorted(runs) == expected
    wait_for_link(page, f"{key}=")
    assert_no_errors(page)
