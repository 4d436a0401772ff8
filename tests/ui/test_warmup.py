"""ui/warmup.py: the background compile starts once per process and compiles what it is given."""

import socket

from ui import compile_pool, idle, warmup
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


def test_after_the_views_the_thread_draws_idle_views_each_after_a_quiet_wait(monkeypatch):
    monkeypatch.setattr(compile_pool, "cpu_quota", lambda: None)
    monkeypatch.setattr(warmup, "IDLE", idle.IdleViews())
    events = []
    monkeypatch.setattr(idle, "wait_quiet", lambda window: events.append(f"quiet {window}"))
    monkeypatch.setattr(warmup, "open_views", lambda stream, pages: events.append(pages[0])
                        or [warmup.Visit(pages[0], elements=9)])
    warmup.prefetch(["curse?dim=60"], "curse")  # a visitor came while the thread compiled
    visited = []
    warmup._warm((), ("history", "curse"), ("dim=60", "dim=60&present=1"), "ws://x", [], visited, None)
    assert events == ["history", "curse", f"quiet {idle.NEAR_QUIET_S}", "curse?dim=60",
                      f"quiet {idle.QUIET_S}", "dim=60", f"quiet {idle.QUIET_S}", "dim=60&present=1"]
    assert [v.page for v in visited] == ["history", "curse", "curse?dim=60", "dim=60", "dim=60&present=1"]
    events.clear()
    warmup._warm((), ("history",), ("dim=60",), None, [], [], None)  # no stream: nothing opened
    assert events == []


def test_a_container_allowed_less_than_a_core_draws_no_idle_views(monkeypatch):
    assert warmup.may_draw_idle_views(2.0) and warmup.may_draw_idle_views(1.0) and not warmup.may_draw_idle_views(0.5)
    monkeypatch.setattr(compile_pool, "cpu_quota", lambda: 0.25)  # a small cloud container
    assert not warmup.may_draw_idle_views()
    monkeypatch.setattr(warmup, "IDLE", idle.IdleViews())
    events = []
    monkeypatch.setattr(idle, "wait_quiet", lambda window: events.append("quiet"))
    monkeypatch.setattr(warmup, "open_views", lambda stream, pages: events.append(pages[0]) or [warmup.Visit(pages[0])])
    warmup._warm((), ("history",), ("dim=60",), "ws://x", [], [], None)
    assert events == ["history"]  # the default views, nothing more


def test_the_sweep_is_every_stop_of_d_but_the_default_nearest_first_read_then_presented():
    from ui.frame import sweep_views
    from ui.registry import DIM_DEFAULT, DIM_STOPS, sweep

    queries = sweep("dim", DIM_STOPS, DIM_DEFAULT)
    assert queries[:6] == ("dim=60", "dim=60&present=1", "dim=40", "dim=40&present=1", "dim=70", "dim=70&present=1")
    read = [q for q in queries if not q.endswith("&present=1")]
    assert sorted(int(q.split("=")[1]) for q in read) == sorted(set(DIM_STOPS) - {DIM_DEFAULT})
    assert [q + "&present=1" for q in read] == [q for q in queries if q.endswith("&present=1")]
    assert queries[-2:] == ("dim=10000", "dim=10000&present=1")  # the stop farthest from 50
    assert sweep_views() == tuple(f"curse_of_dimensionality?{q}" for q in queries)  # no other page sweeps


def test_the_servers_own_views_say_so_in_their_user_agent():
    import asyncio

    from websockets.asyncio.server import serve

    seen = []

    async def handler(ws):
        seen.append(ws.request.headers.get("User-Agent"))
        await ws.close()

    async def main():
        async with serve(handler, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            await warmup._open(f"ws://127.0.0.1:{port}/_stcore/stream", "history", 10)

    import threading

    # a thread of its own: this test's thread may run a loop already (Playwright's, after the browser tests)
    thread = threading.Thread(target=lambda: asyncio.run(main()))
    thread.start()
    thread.join(timeout=60)
    assert seen == [warmup.OWN_AGENT]
