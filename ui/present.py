"""Presentation helpers shared by every page: sections, charts with captions and CSV, notes, links.

Presenter mode (``?present=1``) is the frame's job; :func:`presenter_css` holds its styling.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import altair as alt
import pandas as pd
import streamlit as st

from ui import play
from ui.kit import assets, style, tex
from ui.kit import charts as kit
from ui.kit import dot as dots
from ui.kit.specs import spec_of

PRESENTER_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 21px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.2rem; }
[data-testid="stCaptionContainer"], .browser-caption { font-size: 1.05rem; }  /* (ui.in_browser's too) */
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p, .browser-metric-value { font-size: 2.2rem; }
[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"] p,
button [data-testid="stMarkdownContainer"] p { font-size: 1rem; }
[data-testid="stButtonGroup"] [role="radiogroup"] { flex-wrap: wrap; }
h1 { font-size: 2.6rem !important; } h2 { font-size: 2.0rem !important; }
.katex { font-size: 1.2em !important; }  /* as large as the body text (1.2rem), at every width */
[data-testid="stMainBlockContainer"] { padding-top: 4.5rem; max-width: 100%; }
/* the opening row (ui.opening), not the rows inside it: its figure first and across the width, the
   introduction under it */
.st-key-opening > [data-testid="stLayoutWrapper"] > [data-testid="stHorizontalBlock"] {
  flex-direction: column-reverse; }
.st-key-opening > [data-testid="stLayoutWrapper"] > [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
  width: 100% !important; flex: 1 1 100% !important; }
</style>
"""


# Streamlit draws every text of a Graphviz chart at one small size (``* { font-size: … }`` in its
# container), while Graphviz sized the nodes for the ``fontsize`` the DOT asked for: the labels came
# out at about 60% of their boxes. These rules give each text the size Graphviz laid it out with.
DIAGRAM_CSS = "\n".join(
    f'[data-testid="stGraphVizChart"] svg text[font-size="{size}.00"] {{ font-size: {size}px; }}'
    for size in range(6, 33))

# A displayed formula is a horizontal scroll box (KaTeX's ``overflow-x: auto``) whose fractions and
# subscripts poked a few pixels out of it, so every formula became a scroll region a keyboard cannot
# reach (WCAG 2.1.1). Room above and below and hidden vertical overflow leave a box that scrolls only
# when a formula is really wider than the column, which the page layouts avoid.
FORMULA_CSS = ".katex-display { overflow-y: hidden; padding: 0.3em 0.25em; }"

# Keyboard focus always visible (WCAG 2.4.7): Streamlit rings its widgets, but not the sidebar's page
# links, and a chart's toolbar (fullscreen, CSV of a table) stays transparent until hovered, so Tab
# landed on buttons nobody could see. One ring in the accent colour for every focusable element.
FOCUS_CSS = """:is(a, button, summary, [tabindex]):focus-visible { outline: 2px solid #c2255c; outline-offset: 2px; }
[data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }"""

# A primary button draws its keyboard shortcut (``shortcut=``) in a faded pink on the accent, 2.9:1: white
# on the accent is 5.7:1.
SHORTCUT_CSS = 'button[kind="primary"] kbd { color: #ffffff !important; opacity: 1 !important; }'

# A chart's "CSV" button ends its caption's row and keeps its word's width (squeezed, in a half-width column on a
# 1024 px laptop, Streamlit cut it to "C…").
CSV_ROW = "csv_row_{name}"  # the key of the row that holds a chart's caption and its CSV button (show_chart)
# a row that does not wrap scrolls what sticks out of it (the caption's margin): it shows it instead, so the row
# is no scroll region a keyboard cannot reach
CSV_CSS = ('[data-testid="stDownloadButton"] button { min-width: max-content; }\n'
           '[class*="st-key-csv_row_"] { overflow: visible; }')

# Text for a screen reader only (a chart's live description beside its steady name, see ``show_chart``):
# in the reading order, not on the screen.
SR_ONLY_CSS = (".sr-only { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; "
               "overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }")

# A chart laid out wider than its column (the Pac-Man and distance panels side by side, ~630–750 px) ran past
# a phone's screen and was cut at its edge, panels missing. Such a chart is drawn scaled down to the column
# (its canvas or SVG keeps its aspect ratio: Vega sets a canvas's height inline); a chart that fits is drawn as
# before.
WIDE_CHART_CSS = ('[data-testid="stVegaLiteChart"] { max-width: 100%; }\n'
                  '[data-testid="stVegaLiteChart"] svg.marks { max-width: 100%; height: auto; }\n'
                  '[data-testid="stVegaLiteChart"] canvas.marks { max-width: 100%; height: auto !important; }')

PAGE_CSS = (f"<style>\n{DIAGRAM_CSS}\n{FORMULA_CSS}\n{FOCUS_CSS}\n{SHORTCUT_CSS}\n{CSV_CSS}\n{SR_ONLY_CSS}\n"
            f"{WIDE_CHART_CSS}\n{style.HIDE_CSS}\n</style>")

PRESENTING = "_presenting"  # session key: presenter mode is on (kept across pages of one session)
ARTICLE = "_article"  # session key: the article the current page teaches, title, author and blog (the frame sets it)


IN_SCENE = "_in_scene"  # session key: this run draws a talk scene (the frame sets it)


def in_scene() -> bool:
    """Whether this run draws a section as a talk scene, where its header, idea paragraph and CSV buttons
    are left out (the scene has its own title and no room for them)."""
    return bool(st.session_state.get(IN_SCENE, False))


def is_presenting() -> bool:
    """Whether this session is in presenter mode (set by the frame)."""
    return bool(st.session_state.get(PRESENTING, False))


def page_css() -> None:
    """Diagram labels at the sizes their DOT source gives and formulas that need no scroll bar; and canvas
    charts painted again in the page's font once it has arrived (``assets/chart_fonts.js``), taking no room."""
    st.html(PAGE_CSS)
    st.html(f'<script>{assets.script("chart_fonts.js")}</script><span class="{style.HOLDER}"></span>',
            unsafe_allow_javascript=True)


def presenter_css() -> None:
    """Larger type for projectors (applies to this session only)."""
    st.html(PRESENTER_CSS)


# Streamlit wraps a keyed container in a layout wrapper of the same height: the wrapper is what sticks.
STICKY_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> .st-key-{key}) {{ position: sticky; top: 3.75rem; z-index: 990; }}
.st-key-{key} {{ background: #ffffff; padding: 0.25rem 0 0.5rem;
  border-bottom: 1px solid rgba(49, 51, 63, 0.15); }}
</style>"""


def sticky_bar(key: str):
    """A container that stays at the top of the page while it scrolls (under Streamlit's header), for
    the one control every section of a page depends on; draw into it with ``with``."""
    st.html(STICKY_CSS.format(key=key))
    return st.container(key=key)


HEAD_ONLY = "_section_head_only"  # session key: the section drawing now stops after its header (ui.in_view)


class HeadOnly(Exception):
    """Raised by :func:`section` after the header when the frame draws a section's header alone, leaving
    its figures for later (a fresh page draws what is in view first, :mod:`ui.in_view`)."""


def section(title: str, idea: str) -> None:
    """A section header and its idea in a few plain sentences (neither in a talk scene); the section stops
    here (:class:`HeadOnly`) when the frame asked for its header alone."""
    _headed(st.header, title, idea, divider="gray")


def subsection(title: str, idea: str) -> None:
    """A part of a section with a header of its own (smaller, no rule) and its idea: as :func:`section`."""
    _headed(st.subheader, title, idea)


def _headed(header: Callable[..., object], title: str, idea: str, **kwargs) -> None:
    """``header(title)`` and ``idea`` (neither in a talk scene), then :class:`HeadOnly` when the frame asked
    for the header alone."""
    if in_scene():
        return
    header(title, **kwargs)
    st.markdown(idea)
    if st.session_state.get(HEAD_ONLY):
        raise HeadOnly


# Markdown's marks, as HTML character references: text in a markdown body that must be read as written
MARKDOWN_MARKS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]~|$:"} | {"\n": " "})


def literal_html(text: str) -> str:
    """``text`` inside an HTML element of a markdown body, to be read as written: ``&``, ``<`` and ``>``
    escaped, every inline mark of Markdown, its formulas and emoji codes (``_ * ` [ ] ~ | $ \\ :``) as a
    character reference, a line break as a space (a new line could start a new block).

    Streamlit reads the body, HTML included, as Markdown: a description saying ``‖·‖_F`` opened an
    emphasis that the caption after it closed at ``a_t h_{``, and half a caption came out in italics."""
    return html.escape(text, quote=False).translate(MARKDOWN_MARKS)


def plain_chart(chart: alt.TopLevelMixin, *, description: str, label: str | None = None) -> str:
    """A chart with no caption or CSV of its own (a panel above the one ``show_chart`` draws), in the
    presenter's fonts when presenting, so stacked panels share one look. ``description`` is its text
    alternative (see :func:`show_chart`).

    ``label``, for a panel a frequent control moves through its data: its steady accessible name (a new
    one would make the browser build the chart anew). The description is then returned, for the caller
    to say in the caption of the stack's last chart (``show_chart``'s ``description``); else "" is."""
    _draw(chart, grow=False, alt=label or description)
    return description if label else ""


def fixed_chart(chart, *, description: str, where=None) -> None:
    """A chart at its own width and in its own fonts (it sizes itself for the projector), no caption or
    CSV; its spec comes from the cache like every other chart's."""
    (where or st).vega_lite_chart(spec=spec_of(chart), width="content", theme=None, alt=description)


def _draw(chart, *, grow: bool, **kwargs):
    """Send ``chart`` (an Altair chart or a cached one, see :mod:`ui.kit.specs`) full width, in the
    presenter's fonts when presenting; its spec is built only when its inputs or the mode changed."""
    if is_presenting():  # Streamlit's chart theme would override the larger fonts
        spec = spec_of(chart, ("present", grow),
                       lambda c: projector_fonts(projector_height(c) if grow else c))
        return st.vega_lite_chart(spec=spec, width="stretch", theme=None, **kwargs)
    return st.vega_lite_chart(spec=spec_of(chart, "read", readable_labels), width="stretch", theme="streamlit",
                              **kwargs)


# The ink of a chart's axis, legend and panel labels on the light page: Streamlit's chart theme greys them to
# #808495, 3.7:1 on white, under WCAG AA's 4.5:1 for text (its own captions here are 4.9:1). Ticks are 12 px,
# so a step darker than the captions: 6.0:1. The chart's spec carries it (Streamlit's theme fills in only what
# a spec leaves out); presenter mode's charts are drawn without that theme, in Vega's black. The page is always
# light: the app's theme is (.streamlit/config.toml), and its menu (toolbarMode "viewer") offers no other.
LABEL_INK = "#646362"
READ_TITLE_PX = 16  # a title written from data (``kit.TITLE_TEXT``), as Streamlit's theme sets a chart's title (1rem)


def readable_labels(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """``chart`` with its axis, legend and facet labels and titles in :data:`LABEL_INK`, and a title written
    from data (``kit.TITLE_TEXT``) as large as a chart's own."""
    ink = {"labelColor": LABEL_INK, "titleColor": LABEL_INK}
    return _title_text(chart.configure_axis(**ink).configure_legend(**ink).configure_header(**ink), READ_TITLE_PX)


def _title_text(configured: alt.TopLevelMixin, size: int) -> alt.TopLevelMixin:
    """``configured`` (a chart given a config of its own) with a title written from data
    (``kit.TITLE_TEXT``) at ``size`` px, where the chart's config sets no text size (Vega-Lite writes a
    ``config.text`` size into each mark, over any style): Altair has no ``configure_style``."""
    configured.config.style = {kit.TITLE_TEXT: {"fontSize": size}}
    return configured


def diagram(dot: str, *, description: str, width: str = "stretch", where=None) -> None:
    """A Graphviz diagram with a text alternative: what it shows, with today's numbers, for a screen
    reader (the accessible name of the figure around the SVG). The graph's name carries an invisible mark
    of its content (:func:`ui.kit.dot.marked`), so a redraw with new DOT is a plain redraw, not a morph
    the browser spends seconds preparing."""
    (where or st).graphviz_chart(dots.marked(dot), width=width, alt=description)


OPENING = "The page's opening figure. "  # heads the text alternative of a figure a section also draws


def captioned(caption: str, description: str | None = None) -> dict:
    """``st.caption``'s arguments for ``caption``, headed by ``description`` for screen readers only (a chart's
    live description, when its accessible name is a steady label: see :func:`show_chart`)."""
    if not description:
        return {"body": caption}
    return {"body": f'<span class="sr-only">{literal_html(description)} </span>{caption}', "unsafe_allow_html": True}


def show_chart(chart: alt.TopLevelMixin, data: pd.DataFrame | None, *, name: str,
               caption: str | Callable[[], None], description: str, label: str | None = None,
               key: str | None = None, on_select: str = "ignore",
               selection_mode=None, grow: bool = True):
    """Draw ``chart`` full width, say what to notice, and offer the data behind it as CSV.

    ``description`` is the chart's text alternative, the accessible name of the drawing: what it shows with
    today's numbers ("Angles between 10,000 random pairs at D = 50: 90° ± 8.1°"), where the caption
    says what to notice.

    ``label`` is for a chart a frequent control moves (D, t, τ) only through its data: a steady name of
    what it shows, which becomes the accessible name, while ``description`` is said right after the
    chart, for screen readers only, at the head of its caption. Streamlit puts the accessible name into
    the chart's spec, and a new spec makes the browser build the chart anew (~60 ms each here), where
    the same spec with new data is updated in place.

    ``caption`` may be a function that draws it: ``ui.in_browser.frames`` of a chart a control answered in the
    browser moves (its caption, headed by its description, at every value), in the caption's place.

    The CSV is written only when someone clicks (a callable), not on every rerun. Presenter mode and a talk
    scene leave it out: on a projector it took room from the caption's row, and each button, with the row
    that holds it, is two more parts for every session of an audience to build and draw.
    ``grow=False`` keeps the chart's height in presenter mode (the last of a stack of panels drawn by
    ``plain_chart``).

    Returns Streamlit's selection state when ``on_select="rerun"``, else None.
    """
    playing = st.session_state.get(play.PLAYING)
    kwargs = {"key": key, "alt": label or (playing_alt(name) if playing else description)}
    if on_select != "ignore":
        kwargs.update(on_select=on_select, selection_mode=selection_mode)
    state = _draw(chart, grow=grow, **kwargs)
    said = caption if callable(caption) else (lambda: st.caption(**captioned(caption, description if label else None)))
    # no CSV for a room, nor for a chart without data: the caption alone, across the chart's width
    if in_scene() or is_presenting() or data is None or not len(data):
        said()
        return state if on_select != "ignore" else None
    # one row, one block: a row of columns is three blocks (and two more inside them), and Streamlit's browser
    # redraws every block of the page, drawn anew or not, as each run starts and ends (benchmarks/README.md)
    with st.container(horizontal=True, wrap=False, vertical_alignment="center", gap="medium",
                      key=CSV_ROW.format(name=key or name)):
        said()
        st.download_button("CSV", lambda: data.to_csv(index=False), file_name=f"{name}.csv", mime="text/csv",
                           key=f"csv_{key or name}", help="Download the numbers behind this chart",
                           on_click="ignore")
    return state if on_select != "ignore" else None


def playing_alt(name: str) -> str:
    """A chart's text alternative while ▶ plays: the same at every frame. Streamlit rebuilds a drawn chart
    whose text alternative changed (~0.1–0.3 s here) but updates one whose spec and text are the same in
    place; the numbers come back with ⏸."""
    return f"Chart “{name.replace('_', ' ')}”, playing: pause to read its numbers."


PROJECTOR_LABEL_PX = 19  # chart text in presenter mode: axis ticks, legend entries, panel labels
PROJECTOR_TITLE_PX = 20  # axis, legend and chart titles (body text is 25 px)


PROJECTOR_EXTRA_HEIGHT_PX = 80  # Streamlit sizes a chart "fit": its height holds the axes and legend too


def projector_height(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """A chart of a set height made taller, so the larger axis and legend text leave its plot area as
    tall as on a laptop (else a 260 px loss curve shrinks to a 100 px strip and its axis title is cut)."""
    def numeric(c) -> float | None:
        height = getattr(c, "height", alt.Undefined)
        return float(height) if isinstance(height, (int, float)) and not isinstance(height, bool) else None

    heights = [numeric(chart)] + [numeric(layer) for layer in getattr(chart, "layer", [])]
    heights = [h for h in heights if h is not None]
    if not heights or isinstance(chart, alt.FacetChart):
        return chart
    return chart.properties(height=max(heights) + PROJECTOR_EXTRA_HEIGHT_PX)


def projector_fonts(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Larger axis, legend, title and panel text for presenter mode.

    Tick labels keep a gap between them (``labelSeparation``; Vega drops every other label until they
    do) and legend labels may be long ("centre-ball diameter √D − 1" would be cut at 160 px)."""
    label, title = PROJECTOR_LABEL_PX, PROJECTOR_TITLE_PX
    return (chart.configure_axis(labelFontSize=label, titleFontSize=title, labelSeparation=8,
                                 labelOverlap=True)  # time-step axes of 200 steps thin out, not smear
            .configure_legend(labelFontSize=label, titleFontSize=title, labelLimit=400, symbolSize=160)
            .configure_header(labelFontSize=label, titleFontSize=title)
            .configure_title(fontSize=title)
            .configure_text(fontSize=label - 2))  # (a title written from data too: config.text outranks a style)


def formula(latex: str) -> None:
    """A displayed formula (KaTeX); on a projector, where formulas are as large as the body text, one line
    per top-level part (the parts its ``\\qquad`` / ``,\\quad`` separate), so it fits a 1024 px screen."""
    st.latex(tex.gathered(latex) if is_presenting() else latex)


def correction(text: str) -> None:
    """A note where the app corrects or departs from the article, naming the article."""
    article = st.session_state.get(ARTICLE)
    source = f" {article}" if article else ""
    st.info(f"**On the article{source}:** {text}", icon=":material/edit_note:")


def budget_note(text: str) -> None:
    """Say on screen that a work budget capped what was computed."""
    st.caption(f":material/speed: **Budget:** {text}")


def overflow_note(text: str) -> None:
    """Show overflow / NaN as what it is, e.g. "the gradient exploded to inf"."""
    st.warning(text, icon=":material/warning:")


def references(items: Iterable[str]) -> None:
    """A collapsed list of sources."""
    with st.expander("References"):
        st.markdown("\n".join(f"- {item}" for item in items))


def view_link(url: str, params: Mapping[str, object]) -> str:
    """The address of this page with ``params`` as its query string (what "copy link" copies)."""
    parts = urlsplit(url)
    query = urlencode({k: v for k, v in params.items() if not str(k).startswith("_")}, doseq=True)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


VIEW_LINK_LABEL = "Link to this view"


def view_link_box(slot, params: Mapping[str, object]) -> None:
    """Draw the link to this view (from ``params``) with a copy button into ``slot`` (an ``st.empty``), in a
    popover: the browser draws a popover's content when it is opened, and the code box (its highlighter and
    its font) cost every fresh tab 0.25–0.9 s here, for a link that is copied now and then."""
    try:
        url = st.context.url or ""
    except Exception:  # AppTest and older servers have no browser URL
        url = ""
    link = view_link(url, params) if url else "?" + urlencode(dict(params))
    with slot.container(), st.popover(VIEW_LINK_LABEL, icon=":material/link:", width="stretch",
                                      help="This page with every control as it is now: a link to share, or "
                                           "to open a talk on"):
        st.caption("Copy it with the button at the right:")
        st.code(link, language=None, wrap_lines=True)
