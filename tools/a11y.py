#!/usr/bin/env python3
"""Accessibility audit of a running app: axe-core violations, and screenshots under colour-vision deficiencies.

    python tools/a11y.py audit  [--base URL] [PATH ...]       # axe-core at 1400×1000, then presenter mode at 1024×768
    python tools/a11y.py vision [--base URL] [--out DIR] [PATH ...]  # one PNG per page and deficiency

``audit`` prints every violation (rule, impact, elements) and exits 1 when one is serious or critical,
the rule the browser test ``tests/e2e/test_accessibility.py`` enforces. ``vision`` renders each page as
Chromium simulates deuteranopia, protanopia, tritanopia and achromatopsia
(``Emulation.setEmulatedVisionDeficiency``), for a person to look at: two meanings must not merge.
Needs Playwright, Debian's chromium (or ``$CHROMIUM_PATH``) and ``axe-playwright-python``; start the app
first (``streamlit run streamlit_app.py``).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys

PAGES = ("/", "/curse_of_dimensionality", "/rnn_prerequisites", "/simple_rnn", "/history",
         "/lstm_forward", "/lstm_backprop")
VIEWS = (((1400, 1000), ""), ((1024, 768), "present=1"))  # a laptop, and a projector in presenter mode
DEFICIENCIES = ("deuteranopia", "protanopia", "tritanopia", "achromatopsia")
BLOCKING = ("serious", "critical")
APP_IDLE = ('[data-testid="stApp"][data-test-script-state="notRunning"]'
            '[data-test-connection-state="CONNECTED"]')
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def with_query(path: str, query: str) -> str:
    """``path`` with ``query`` appended to its query string."""
    if not query:
        return path
    return f"{path}{'&' if '?' in path else '?'}{query}"


def open_settled(browser, url: str, size: tuple[int, int]):
    """A new page at ``url`` once its script run finished and its charts had a moment to draw."""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    page.goto(url)
    page.wait_for_selector(APP_IDLE, timeout=180_000)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=180_000)
    page.wait_for_timeout(1000)
    return page


def page_height(page, most: int = 16_000) -> int:
    """The height of the whole page: Streamlit scrolls its main area, not the document, so a "full
    page" screenshot needs a viewport that tall."""
    inner = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    return min(int(inner) + 100, most)


def violations(page) -> list[dict]:
    """axe-core's violations on ``page`` (WCAG 2.0/2.1 A and AA rules and best practices)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def report(found: list[dict]) -> str:
    """One line per violation and up to three of its elements."""
    lines = []
    for v in found:
        lines.append(f"  {v['impact']:<9} {v['id']}: {v['help']} ({len(v['nodes'])} elements)")
        for node in v["nodes"][:3]:
            message = (node.get("any") or node.get("all") or node.get("none") or [{"message": ""}])[0]["message"]
            lines.append(f"      {node['html'][:110]}\n        {message[:160]}")
    return "\n".join(lines)


def blocking(found: list[dict]) -> list[dict]:
    """The violations WCAG AA cannot pass with: serious or critical."""
    return [v for v in found if v["impact"] in BLOCKING]


def audit(browser, base: str, paths) -> int:
    failed = 0
    for size, query in VIEWS:
        for path in paths:
            page = open_settled(browser, base + with_query(path, query), size)
            found = violations(page)
            page.close()
            failed += bool(blocking(found))
            print(f"{size[0]}×{size[1]} {with_query(path, query)}: {len(found)} violations")
            if found:
                print(report(found))
    return 1 if failed else 0


def vision(browser, base: str, paths, out: pathlib.Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        page = open_settled(browser, base + path, (1400, 1000))
        page.set_viewport_size({"width": 1400, "height": page_height(page)})  # the page scrolls inside
        page.wait_for_timeout(1000)  # charts redraw at the new size
        session = page.context.new_cdp_session(page)
        stem = path.strip("/").split("?")[0] or "home"
        for kind in DEFICIENCIES:
            session.send("Emulation.setEmulatedVisionDeficiency", {"type": kind})
            page.wait_for_timeout(300)
            target = out / f"{stem}-{kind}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target)
        page.close()
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("audit", "vision"))
    parser.add_argument("paths", nargs="*", default=list(PAGES))
    parser.add_argument("--base", default="http://localhost:8501")
    parser.add_argument("--out", default="vision", help="folder for the vision screenshots")
    args = parser.parse_intermixed_args(argv)  # page paths may come before or after the options
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)
        try:
            if args.what == "audit":
                return audit(browser, args.base.rstrip("/"), args.paths)
            return vision(browser, args.base.rstrip("/"), args.paths, pathlib.Path(args.out))
        finally:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
