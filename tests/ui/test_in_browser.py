"""A control answered in the browser: the frames of every value, the server's shown until the driver runs."""

import re

from streamlit.testing.v1 import AppTest

from ui import in_browser


def _drawn_html(script) -> str:
    at = AppTest.from_function(script).run()
    assert not at.exception
    return "".join(str(el.proto.body) for el in at.get("html"))


def test_the_frames_hold_every_value_and_show_the_servers_until_the_browser_names_one():
    def script():
        from ui import in_browser

        in_browser.frames("depth", 4, {v: in_browser.caption(f"depth {v} <b>", spoken=f"said {v}") for v in (3, 4, 5)})

    body = _drawn_html(script)
    frames = re.findall(r'<div class="browser-frame" data-key="depth" data-v="(\d+)">(.*?)</div>', body)
    assert [v for v, _ in frames] == ["3", "4", "5"]
    assert "depth 4 &lt;b&gt;" in dict(frames)["4"]  # text, escaped
    assert '<span class="sr-only">said 4 </span>' in dict(frames)["4"]  # for a screen reader, before the text
    assert "body:not([data-browser-depth]) .browser-frame[data-key='depth'][data-v='4'] { display: block; }" in body
    for v in (3, 4, 5):
        rule = f"body[data-browser-depth='{v}'] .browser-frame[data-key='depth'][data-v='{v}'] {{ display: block; }}"
        assert rule in body
    assert ".browser-frame { display: none; }" in body


def test_a_live_line_and_the_parameter_a_chart_filters_on():
    import altair as alt
    import pandas as pd

    assert in_browser.line("<i>n</i> = 3") == '<p class="browser-line"><i>n</i> = 3</p>'  # markup kept
    chart = alt.Chart(pd.DataFrame({"depth": [2, 3], "y": [1.0, 2.0]})).mark_line().encode(x="depth:Q", y="y:Q")
    spec = in_browser.follow(chart, "depth", 7, 2, 50, "depth").to_dict()
    assert spec["params"] == [{"name": "browser_depth", "value": 7,
                               "bind": {"input": "range", "min": 2, "max": 50, "step": 1}}]
    assert spec["transform"] == [{"filter": "datum.depth == browser_depth"}]
