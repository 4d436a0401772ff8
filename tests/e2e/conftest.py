"""Browser tests: a real ``streamlit run`` server and Playwright driving Debian's Chromium.

Chromium is found at ``$CHROMIUM_PATH``, ``/usr/bin/chromium`` or Playwright's own download; with none,
the tests skip with a reason, unless ``REQUIRE_BROWSER=1`` (CI) turns that into a failure.
The server fixture follows Streamlit's own e2e tests: start headless, poll ``/_stcore/health``.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT

SERVER_START_TIMEOUT = 60
RUN_TIMEOUT_MS = 180_000  # a cold numba compile of a page can take ~20 s; CI machines are slow
EXPECT_TIMEOUT_MS = 30_000  # an ``expect`` left at its default: one warm rerun, on a CI machine running two servers
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SERVER_LOG = ROOT / ".e2e-server.log"  # what the server prints (a traceback in a run, among others)
RUN_LOG = ROOT / ".e2e-section-runs.log"  # the server appends each section run here (ui.frame.RUN_LOG)
FAILURES = ROOT / ".e2e-failures"  # a failed test leaves here what each of its browser pages showed
FILL_MS = 100  # a still page draws its next section left for later after this long (ui.in_view; 1.5 s served)
LATER = 'div[class*="st-key-in_view_later_"]'  # a section drawn as its header alone, its figures left for later


def logged_runs() -> list[str]:
    """The section runs in the run log, in order (a line: name and seconds), whole runs of a page left out."""
    from ui.frame import WHOLE_RUN

    return [line.split()[0] for line in RUN_LOG.read_text().splitlines()
            if line.strip() and not line.split()[0].endswith(WHOLE_RUN)]
APP_IDLE = ('[data-testid="stApp"][data-test-script-state="notRunning"]'
            '[data-test-connection-state="CONNECTED"]')


def _require_browser() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1"


def _skip_or_fail(reason: str):
    if _require_browser():
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def chromium_path(playwright) -> str | None:
    """The first Chromium that exists: $CHROMIUM_PATH, Debian's, then Playwright's own."""
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"]
    with contextlib.suppress(Exception):  # Playwright's own browser may not be installed
        candidates.append(playwright.chromium.executable_path)
    return next((c for c in candidates if c and pathlib.Path(c).exists()), None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy in time")


@pytest.fixture(scope="session")
def app_server():
    """Base URL of a ``streamlit run streamlit_app.py`` serving this checkout."""
    port = _free_port()
    log = open(SERVER_LOG, "w")  # noqa: SIM115 (closed at teardown)
    RUN_LOG.write_text("")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "APP_SECTION_RUN_LOG": str(RUN_LOG), "APP_SECTION_FRAGMENTS": "1",
             "APP_WARM_VIEWS": "0",  # the run log counts the tests' runs alone (test_warm_views: the warm-up's)
             "APP_IN_VIEW_FILL_MS": str(FILL_MS)})
    url = f"http://localhost:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _skip_or_fail("playwright is not installed")
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as p:
        path = chromium_path(p)
        if path is None:
            _skip_or_fail("no Chromium found (set CHROMIUM_PATH or apt-get install chromium)")
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh 1400×1000 page; collects page errors for :func:`assert_no_errors`."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def wait_for_app(page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until the script run finished and nothing is still loading (as Streamlit's e2e tests)."""
    page.wait_for_selector(APP_IDLE, timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=timeout_ms)


def assert_no_errors(page) -> None:
    """No Streamlit exception box and no uncaught JavaScript error."""
    exceptions = page.locator('[data-testid="stException"]').all_inner_texts()
    assert not exceptions, exceptions
    assert not page.errors, page.errors


def open_page(page, base_url: str, path: str, *, whole: bool = True) -> None:
    """Open ``base_url + path`` and wait for the run to finish; when ``whole``, also until every section left
    for later is drawn (``ui.in_view``: a fresh page draws its first section, then the others one by one while
    it is still, every ``FILL_MS`` here)."""
    page.goto(base_url + path)
    wait_for_app(page)
    if whole:
        wait_for_whole_page(page)


def wait_for_whole_page(page, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
    """Wait until no section of the page is left for later, and the runs that drew them are over."""
    page.wait_for_function(f"() => !document.querySelector('{LATER}')", timeout=timeout_ms)
    wait_for_app(page, timeout_ms)


def view_link_text(page) -> str:
    """The sidebar's link to this view: its popover opened, the link read, the popover closed."""
    from ui.present import VIEW_LINK_LABEL

    page.get_by_test_id("stSidebar").get_by_role("button", name=VIEW_LINK_LABEL).click()
    code = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode")
    code.wait_for(timeout=RUN_TIMEOUT_MS)
    text = code.inner_text()
    page.keyboard.press("Escape")
    code.wait_for(state="detached", timeout=RUN_TIMEOUT_MS)
    return text


def wait_for_link(page, part: str, timeout_ms: int = RUN_TIMEOUT_MS) -> str:
    """Wait until the sidebar's link to this view holds ``part``; the link."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        text = view_link_text(page)
        if part in text or time.monotonic() > deadline:
            assert part in text, text
            return text
        page.wait_for_timeout(250)


def slider_thumb(page, key: str):
    """The focusable thumb (an ``input type=range``) of the slider whose widget key is ``key``."""
    return page.locator(f'.st-key-{key} input[type="range"]').first


def slider_value(page, key: str) -> str:
    """The value the slider with widget key ``key`` shows (its ``aria-valuetext``)."""
    return slider_thumb(page, key).get_attribute("aria-valuetext")


def press_on_slider(page, key: str, *keys: str) -> None:
    """Focus a slider's thumb and press keys (e.g. "ArrowRight"); the app reruns on release."""
    thumb = slider_thumb(page, key)
    thumb.focus()
    for k in keys:
        page.keyboard.press(k)


def scroll_to_drawn(locator) -> None:
    """Scroll ``locator`` into view and wait for the browser to draw it: what is far from the window is not laid
    out or painted (``content-visibility: auto``), so its text is not rendered (``innerText`` is empty) and the
    pointer cannot hit it until the frame after it comes near."""
    locator.scroll_into_view_if_needed()
    locator.evaluate("e => new Promise(done => { const go = () => e.checkVisibility({contentVisibilityAuto: true}) "
                     "? done() : requestAnimationFrame(go); go(); })")


def read_down(page, sections) -> None:
    """Scroll to each of ``sections`` (names) in turn and wait until it is redrawn: a page's main control (D, T)
    redraws the sections in view, and the others as they scroll in, faded until then (``ui.in_view``)."""
    import re

    from playwright.sync_api import expect

    for section in sections:
        box = page.locator(f".st-key-in_view_{section}")
        box.evaluate("e => e.scrollIntoView({block: 'start'})")
        expect(box).not_to_have_class(re.compile(r"\bin-view-stale\b"), timeout=RUN_TIMEOUT_MS)
        wait_for_app(page)


def assert_answered_in_browser(page, key: str, value: str, charts: int, section: str) -> None:
    """After moves of the control ``key`` answered in the browser (``ui.in_browser``) to ``value``: the inputs of
    the parameter of its ``charts`` charts read it, the address bar names it and no section ran; opening the
    view link then asks the server for it, a run of ``section``."""
    from playwright.sync_api import expect

    bound = page.locator(f'.vega-bindings input[name="browser_{key}"]')
    expect(bound).to_have_count(charts)
    for each in bound.all():
        expect(each).to_have_value(value)
    expect(page).to_have_url(re.compile(rf"[?&]{key}={re.escape(value)}(&|$)"))  # in the link to share
    page.wait_for_timeout(500)
    assert logged_runs() == []  # no run of any section
    assert f"{key}={value}" in wait_for_link(page, f"{key}={value}")
    assert any(name.endswith(f".{section}") for name in logged_runs())


def hold_answers(page) -> dict:
    """Route the page's websocket through the test: while ``held["on"]``, the server's messages wait in
    ``held["queue"]`` (a slow network); the browser's go out at once. :func:`release_answers` sends them on."""
    held = {"on": False, "queue": [], "route": None}

    def route(ws):
        server = ws.connect_to_server()
        held["route"] = ws
        server.on_message(lambda message: held["queue"].append(message) if held["on"] else ws.send(message))

    page.route_web_socket(re.compile(r"/_stcore/stream"), route)
    return held


def release_answers(held) -> None:
    held["on"] = False
    for message in held["queue"]:
        held["route"].send(message)
    held["queue"].clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """Where the server's log stood when the test began (see :func:`pytest_runtest_makereport`)."""
    item.server_log_start = SERVER_LOG.stat().st_size if SERVER_LOG.exists() else 0
    yield


def server_log_since(start: int, limit: int = 6000) -> str:
    """What the server printed from byte ``start`` on: its last ``limit`` characters."""
    if not SERVER_LOG.exists():
        return ""
    with SERVER_LOG.open("rb") as log:
        log.seek(start)
        text = log.read().decode(errors="replace")
    return text[-limit:]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails, keep what its pages showed (a screenshot and the HTML of each open page) in
    ``FAILURES/<test>/``, and say where in the report; and put in the report what the server printed during the
    test (a traceback in a run shows there and nowhere else): a flaky failure can then be read after the run."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    printed = server_log_since(getattr(item, "server_log_start", 0))
    if printed.strip():
        report.sections.append(("the server printed", printed))
    pages = [item.funcargs["page"]] if "page" in item.funcargs else []
    if "browser" in item.funcargs:
        pages += [p for context in item.funcargs["browser"].contexts for p in context.pages if p not in pages]
    if pages:
        where = _keep_pages(item.name, pages)
        report.sections.append(("browser pages", f"what the pages showed: {where}"))


def _keep_pages(name: str, pages) -> pathlib.Path:
    where = FAILURES / "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:120]
    where.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(pages):
        with contextlib.suppress(Exception):  # a page that crashed or closed keeps what it can
            (where / f"page{number}.url").write_text(page.url)
            page.screenshot(path=str(where / f"page{number}.png"), full_page=True)
            (where / f"page{number}.html").write_text(page.content())
    return where
