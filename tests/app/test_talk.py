"""The talk page: every scene of the shipped decks draws, junk links fall back, the buttons move."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, TIMEOUT, assert_clean, charts, run_page, warnings_text
from ui.talk import deck as decks

TALK = "pages/talk.py"


def _scenes():
    for name in ("full-series", "ten-minutes"):
        for scene in decks.load(name).scenes:
            yield pytest.param(name, scene.number, id=f"{name}-{scene.number:02d}-{scene.page}-{scene.section}")


def _counter(at) -> str:
    return next(str(m.value) for m in at.markdown if " / " in str(m.value))


def _scene_param(at) -> str:
    return at.query_params["scene"][0] if isinstance(at.query_params["scene"], list) else at.query_params["scene"]


@pytest.mark.parametrize(("name", "number"), list(_scenes()))
def test_every_scene_draws_without_exception_or_note(name, number):
    at = run_page(TALK, {"deck": name, "scene": str(number)})
    assert_clean(at)
    deck = decks.load(name)
    assert _counter(at).startswith(f"**{number} / {len(deck)}**")
    assert not at.header, "a scene leaves out its section's header (the bar carries the scene's title)"
    figures = [*charts(at), *at.get("graphviz_chart"), *at.get("imgs")]
    assert figures, "the scene's section drew its figure"
    notes = warnings_text(at)  # a page's own warnings (a run that diverged) are content; link notes are not
    assert "in the link" not in notes and "the deck sets" not in notes, notes  # the deck's values are valid


@pytest.mark.parametrize("query", [{"deck": "nope", "scene": "3"}, {"deck": "../pyproject"},
                                   {"deck": "full-series", "scene": "abc"}, {"deck": "full-series", "scene": "0"},
                                   {"deck": "full-series", "scene": "999"}, {"deck": "full-series", "scene": "2.5"}])
def test_a_junk_deck_or_scene_gives_a_note_and_scene_1(query):
    at = run_page(TALK, query)
    assert_clean(at)
    assert _counter(at).startswith("**1 / ")
    assert "in the link" in warnings_text(at)


def test_no_deck_in_the_link_opens_the_full_series_in_presenter_mode():
    at = run_page(TALK)
    assert_clean(at)
    assert _counter(at).startswith(f"**1 / {len(decks.load('full-series'))}**")
    assert at.session_state["_presenting"] is True
    assert run_page(TALK, {"present": "0"}).session_state["_presenting"] is False


def test_next_and_back_move_the_scene_in_the_link():
    at = run_page(TALK, {"deck": "ten-minutes", "scene": "1"})
    at.button(key="talk_next").click().run()
    assert_clean(at)
    assert _scene_param(at) == "2" and _counter(at).startswith("**2 / ")
    at.button(key="talk_last").click().run()
    total = len(decks.load("ten-minutes"))
    assert _scene_param(at) == str(total)
    at.button(key="talk_back").click().run()
    assert _scene_param(at) == str(total - 1)
    at.button(key="talk_first").click().run()
    assert _scene_param(at) == "1"


def test_a_question_is_a_step_before_the_next_scene_and_controls_reset_on_return():
    deck = decks.load("full-series")
    number = next(s.number for s in deck.scenes if s.answer and s.controls.get("dim") == "1000")
    scene = deck.scene(number)
    at = run_page(TALK, {"deck": "full-series", "scene": str(number)})
    assert at.session_state["dim"] == 1000
    asks = [str(m.value) for m in at.markdown if scene.question in str(m.value)]
    assert asks and not any(scene.answer in str(m.value) for m in at.markdown), "the question first, in the bar"
    at.button(key="talk_next").click().run()
    shown = [str(m.value) for m in at.markdown]
    assert _scene_param(at) == str(number), "first Next stays on the scene"
    assert any(scene.answer in m for m in shown) and not any(scene.question in m for m in shown), \
        "first Next shows the answer in the question's place"
    at.select_slider(key="dim").set_value(10).run()  # the speaker moves D live
    assert at.session_state["dim"] == 10
    at.button(key="talk_next").click().run()
    assert _scene_param(at) == str(number + 1)
    at.button(key="talk_back").click().run()
    assert_clean(at)
    assert _scene_param(at) == str(number) and at.session_state["dim"] == 1000


def test_a_reveal_step_draws_the_theory_over_the_measurements_and_back_lands_on_it():
    deck = decks.load("full-series")
    number = next(s.number for s in deck.scenes if s.reveal.get("theory") == "true" and s.section == "angles")
    at = run_page(TALK, {"deck": "full-series", "scene": str(number)})
    assert_clean(at)
    assert at.session_state["theory"] is False, "the scene opens on the measurements alone"
    before = [c.proto.spec for c in charts(at)]
    at.button(key="talk_next").click().run()
    assert _scene_param(at) == str(number) and at.session_state["theory"] is True, "Next draws the theory"
    assert [c.proto.spec for c in charts(at)] == before, "over the drawn charts: their data, not new charts"
    at.button(key="talk_next").click().run()
    assert _scene_param(at) == str(number + 1)
    at.button(key="talk_back").click().run()
    assert_clean(at)
    assert _scene_param(at) == str(number) and at.session_state["theory"] is True, "Back lands on the last step"


def test_a_prediction_is_asked_before_its_figure_answers_it():
    """"Do four cubes a side hold the ball at D = 30?" is asked over two a side; Next stacks four and answers."""
    deck = decks.load("full-series")
    scene = next(s for s in deck.scenes if s.reveal.get("stack") == "4")
    at = run_page(TALK, {"deck": "full-series", "scene": str(scene.number)})
    assert_clean(at)
    assert at.session_state["stack"] == 2 and at.session_state["dim"] == 30, "the question over two a side"
    assert "k = 4" not in str(at.markdown.values) + str(at.caption.values), "nothing says four a side yet"
    before = [c.proto.spec for c in charts(at)]
    at.button(key="talk_next").click().run()
    assert_clean(at)
    assert _scene_param(at) == str(scene.number) and at.session_state["stack"] == 4, "Next stacks four a side"
    assert "25" in str(at.markdown.values), "the answer's D = (k + 1)² = 25 is shown"
    assert [c.proto.spec for c in charts(at)] == before, "the same charts, their rows redrawn"


def test_a_scenes_junk_or_unknown_control_gives_a_note_naming_the_scene(tmp_path, monkeypatch):
    text = ('title = "T"\n\n[[scene]]\npage = "curse_of_dimensionality"\nsection = "shells"\n'
            'title = "Shell"\ncontrols = { dim = "lots", eps = 0.01, bogus = 3 }\n')
    monkeypatch.setattr(decks, "TALKS", tmp_path)
    (tmp_path / "mine.toml").write_text(text)
    at = run_page(TALK, {"deck": "mine"})
    assert_clean(at)
    notes = warnings_text(at)
    assert "Scene 1 (“Shell”): `dim=lots`" in notes and "`bogus`" in notes, notes
    assert at.session_state["dim"] == 50


def test_a_broken_deck_file_shows_its_error(tmp_path, monkeypatch):
    monkeypatch.setattr(decks, "TALKS", tmp_path)
    (tmp_path / "broken.toml").write_text('title = "T"\n\n[[scene]]\npage = "nope"\nsection = "x"\ntitle = "X"\n')
    at = run_page(TALK, {"deck": "broken"})
    assert_clean(at)
    assert "broken.toml, scene 1 (line 3): unknown page 'nope'" in str(at.error[0].value)


def test_the_speaker_view_shows_notes_large_the_next_title_and_a_clock():
    at = run_page(TALK, {"deck": "ten-minutes", "scene": "1", "view": "speaker", "room": "app-test-speaker"})
    assert_clean(at)
    deck = decks.load("ten-minutes")
    shown = "\n".join(str(m.value) for m in at.markdown)
    assert f"**Next:** {deck.scene(2).title}" in shown
    assert deck.scene(1).notes.split("\n")[0][:40] in shown
    assert any(m.label == "Clock" for m in at.metric)
    from ui.talk import live

    assert live.where("ten-minutes", "app-test-speaker").scene == 1  # where the speaker opens, the talk is


def test_the_speakers_next_moves_the_room_and_a_follower_goes_there():
    from ui.talk import live

    speaker = run_page(TALK, {"deck": "ten-minutes", "scene": "1", "view": "speaker", "room": "app-test-follow"})
    follower = run_page(TALK, {"deck": "ten-minutes", "view": "follow", "room": "app-test-follow"})
    speaker.button(key="talk_next").click().run()
    assert live.where("ten-minutes", "app-test-follow").scene == 2
    follower.run()  # the poll's rerun, as the browser's timer would make it
    follower.run()
    assert _scene_param(follower) == "2"
    assert any("Following the speaker" in str(c.value) for c in follower.caption)
    follower.button(key="talk_next").click().run()  # a follower explores on their own ...
    assert _scene_param(follower) == "3" and live.where("ten-minutes", "app-test-follow").scene == 2
    follower.button(key="talk_rejoin").click().run()  # ... and rejoins
    follower.run()
    assert _scene_param(follower) == "2"


@pytest.mark.parametrize("query", [{"view": "boss"}, {"room": "a b"}])
def test_a_junk_view_or_room_gives_a_note(query):
    at = run_page(TALK, {"deck": "ten-minutes", "scene": "2", **query})
    assert_clean(at)
    assert "in the link" in warnings_text(at)
    assert _counter(at).startswith("**2 / ")


def test_the_title_scene_shows_a_qr_code_for_phones():
    at = run_page(TALK, {"deck": "ten-minutes", "scene": "1"})
    assert_clean(at)
    assert len(at.get("image")) >= 2  # beside the figure, and in the bar's "Phone" popover
    from ui.talk.scene import follow_link

    assert "view=follow" in follow_link(decks.load("ten-minutes"), "ten-minutes")


def test_a_talk_link_starts_the_servers_warm_up_with_its_scenes_page_first(monkeypatch):
    """A talk link is often a fresh server's first request: it starts the background compile (and the warm
    views) as a topic page does, the scene's page's engines first."""
    from ui import warmup
    from ui.registry import PAGES, spec

    started = []
    monkeypatch.setattr(warmup, "_STARTED", {})  # as on a fresh server (another test's run may have started it)
    monkeypatch.setattr(warmup, "start_background", lambda modules, **kwargs: started.append((modules, kwargs)))
    scene = next(s for s in decks.load("full-series").scenes if s.page == "lstm_backprop")
    at = run_page(TALK, {"deck": "full-series", "scene": str(scene.number)})
    assert_clean(at)
    modules, kwargs = started[0]
    engines = spec(scene.page).engines
    assert modules[:len(engines)] == engines
    assert set(modules) == {m for page in PAGES for m in page.engines}  # then every other page's
    scenes = tuple(f"talk?deck=full-series&scene={s.number}" for s in decks.load("full-series").scenes)
    assert kwargs["views"] == (*scenes, *(page.stem for page in PAGES))  # a speaker's first pass, then the pages


def test_junk_in_a_scene_link_falls_back_on_the_scenes_value():
    deck = decks.load("ten-minutes")
    scene = next(s for s in deck.scenes if "features" in s.controls)
    at = run_page(TALK, {"deck": "ten-minutes", "scene": str(scene.number), "features": "abc"})
    assert_clean(at)
    value = int(scene.controls["features"])
    assert at.session_state["features"] == value != 2  # the scene's, not the page's default
    assert "`features=abc`" in warnings_text(at) and f"using {value} instead" in warnings_text(at)


def test_a_repeated_scene_in_the_link_is_noted_and_the_last_one_opens():
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=TIMEOUT)
    at.query_params["deck"] = "ten-minutes"
    at.query_params["scene"] = ["2", "3"]
    at.switch_page(TALK)
    at.run()
    assert_clean(at)
    assert _scene_param(at) == "3" and "`scene=3` in the link appears 2 times" in warnings_text(at)
