"""ui/warmup.py: the background compile starts once per process and compiles what it is given."""

import socket

from ui import compile_pool, warmup
from ui.frame import engine_modules
from ui.registry import PAGES


def test_background_compile_runs_once_and_reports_each_module(monkeypatch):
    monkeypatch.setenv(compile_pool.WORKERS, "0")  # in the background thread, in order (workers: test_compile_pool)
    first = warmup.start_background(("history", "no_such_engine", "rng"), name="test-once")
    again = warmup.start_background(("xor",), name="test-once")
    assert again is first  # one thread per process, however many sessions start
    first.join(timeout=120)
    assert not first.is_alive()
    assert [module for module, _ in first.compiled] == ["history", "rng"]  # a missing module is skipped
    assert all(seconds >= 0 for _, seconds in first.compiled)


def test_the_background_compiles_every_pages_engines_once_the_requested_page_first():
    modules = engine_modules()
    assert len(modules) == len(set(modules))
    assert {m for page in PAGES for m in page.engines} == set(modules)
    first = engine_modules(first=("training", "cliff"))
    assert first[:2] == ("training", "cliff") and sorted(first) == sorted(modules)


def test_the_warm_up_opens_views_on_the_servers_own_stream(monkeypatch):
    from streamlit.testing.v1.util import patch_config_options

    monkeypatch.delenv(warmup.WARM_VIEWS, raising=False)
    with patch_config_options({"server.port": 8765, "server.address": None, "server.baseUrlPath": "",
                               "server.sslCertFile": None, "global.appTest": False}):
        assert warmup.own_stream() == "ws://127.0.0.1:8765/_stcore/stream"
    with patch_config_options({"server.port": 80, "server.address": "0.0.0.0", "server.baseUrlPath": "/talks/",
                               "server.sslCertFile": None, "global.appTest": False}):
        assert warmup.own_stream() == "ws://127.0.0.1:80/talks/_stcore/stream"
    with patch_config_options({"server.port": 80, "server.address": "::1", "server.baseUrlPath": "",
                               "server.sslCertFile": None, "global.appTest": False}):
        assert warmup.own_stream() == "ws://[::1]:80/_stcore/stream"


def test_no_views_are_opened_when_turned_off_under_apptest_or_behind_tls(monkeypatch):
    from streamlit.testing.v1.util import patch_config_options

    plain = {"server.port": 8765, "server.address": None, "server.baseUrlPath": "", "server.sslCertFile": None,
             "global.appTest": False}
    monkeypatch.setenv(warmup.WARM_VIEWS, "0")
    with patch_config_options(plain):
        assert warmup.own_stream() is None
    monkeypatch.delenv(warmup.WARM_VIEWS)
    with patch_config_options({**plain, "global.appTest": True}):
        assert warmup.own_stream() is None  # AppTest runs a script with no server behind it
    with patch_config_options({**plain, "server.sslCertFile": "cert.pem"}):
        assert warmup.own_stream() is None


def test_a_server_that_cannot_be_reached_is_a_visit_with_a_problem_never_an_exception():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    visits = warmup.open_views(f"ws://127.0.0.1:{port}/_stcore/stream", ("history", ""), timeout=10)
    assert [v.page for v in visits] == ["history", ""]
    assert all(v.problem and v.elements == 0 for v in visits)


def test_without_a_stream_the_thread_compiles_and_opens_nothing():
    thread = warmup.start_background(("xor",), name="test-no-stream", views=("history",), stream=None)
    thread.join(timeout=120)
    assert [m for m, _ in thread.compiled] == ["xor"] and thread.visited == []


def test_views_can_be_opened_from_a_thread_that_runs_an_event_loop():
    import asyncio
    import threading

    seen = []

    async def inside_a_loop():
        seen.extend(warmup.open_views("ws://127.0.0.1:9/_stcore/stream", ("history",), timeout=5))

    # a thread of its own: this test's thread may run a loop already (Playwright's, after the browser tests)
    thread = threading.Thread(target=lambda: asyncio.run(inside_a_loop()))  # asyncio.run inside it would raise
    thread.start()
    thread.join(timeout=60)
    (visit,) = seen
    assert visit.page == "history" and visit.problem


def test_a_view_is_asked_for_by_its_path_and_query():
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.ParseFromString(warmup._request("talk?deck=full-series&scene=2"))
    assert (msg.rerun_script.page_name, msg.rerun_script.query_string) == ("talk", "deck=full-series&scene=2")
    msg.ParseFromString(warmup._request("history"))
    assert (msg.rerun_script.page_name, msg.rerun_script.query_string) == ("history", "")


def test_the_warm_views_are_every_topic_page_and_the_default_decks_scenes_in_the_starters_order():
    from ui.frame import warm_views
    from ui.talk import deck as decks

    pages = tuple(page.stem for page in PAGES)
    scenes = tuple(f"talk?deck=full-series&scene={n}" for n in range(1, len(decks.load("full-series")) + 1))
    assert warm_views() == (*pages, *scenes)
    assert warm_views(talk_first=True) == (*scenes, *pages)


def test_once_started_a_page_run_does_not_list_the_views_again(monkeypatch):
    from ui import frame

    monkeypatch.setitem(warmup._STARTED, "engine", object())
    monkeypatch.setattr(frame, "warm_views", lambda *a, **k: (_ for _ in ()).throw(AssertionError("listed again")))
    monkeypatch.setattr(warmup, "own_stream", lambda: (_ for _ in ()).throw(AssertionError("asked again")))
    frame.start_engine_warm_up(("rnn",))  # a lookup, nothing more
    assert warmup.started()
