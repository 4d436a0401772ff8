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
    # a row within half a step of the value shown, or with no value (the same at every value)
    kept = "datum['depth'] > browser_depth - 0.5 && datum['depth'] < browser_depth + 0.5 || !(datum['depth'] >= 2)"
    assert spec["transform"] == [{"filter": kept}]
    at = in_browser.At("depth", 7, 2, 50)  # the same, for a chart whose layers filter themselves
    assert at.declare(chart).to_dict()["params"] == spec["params"] and at.shown("depth") == kept


def test_a_float_slider_names_its_values_with_its_steps_decimals():
    assert [in_browser.decimals(step) for step in (1, 0.1, 0.05, 0.25)] == [0, 1, 2, 2]
    assert [in_browser.value_text(v, 0.1) for v in (0.30000000000000004, 1.0, 10.0)] == ["0.3", "1.0", "10.0"]
    assert in_browser.value_text(12) == "12"
    kept = "datum['tau'] > browser_clip - 0.05 && datum['tau'] < browser_clip + 0.05 || !(datum['tau'] >= 0.1)"
    assert in_browser.shown("clip", "tau", 0.1, 0.1) == kept

    def script():
        from ui import in_browser

        in_browser.frames("clip", 0.30000000000000004, {0.1: "a", 0.2: "b", 0.3: "c"}, step=0.1)

    body = _drawn_html(script)
    assert re.findall(r'data-v="([\d.]+)">', body) == ["0.1", "0.2", "0.3"]
    assert "body:not([data-browser-clip]) .browser-frame[data-key='clip'][data-v='0.3'] { display: block; }" in body


def test_a_slider_answered_in_the_browser_reads_its_link_by_its_step():
    def script():
        from ui import in_browser

        in_browser.slider("τ", "clip", 0.1, 10.0, 1.0, step=0.1)
        in_browser.slider("n", "depth", 2, 50, 20)

    at = AppTest.from_function(script)
    at.query_params["clip"] = "2.5"
    at.run()
    assert not at.exception
    assert at.slider(key="clip").value == 2.5 and at.slider(key="depth").value == 20
    assert at.slider(key="clip").proto.step == 0.1


def test_a_metric_card_escapes_its_texts():
    card = in_browser.metric("norm <clipping>", "35/60", "final loss 0.00644", help='the "longest" step')
    assert card.startswith('<div class="browser-metric" title="the &quot;longest&quot; step">')
    assert '<p class="browser-metric-label">norm &lt;clipping&gt;</p>' in card
    assert '<p class="browser-metric-value">35/60</p>' in card and "final loss 0.00644</span>" in card
