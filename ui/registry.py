"""The pages of the app: each topic page's title, navigation entry, engines and the article it teaches.

A plain registry (no Streamlit): the frame draws the navigation from it, the warm-up compiles the engines it
lists (then opens each page's views, and when the server is idle the stops of a page's main control), and the
talk deck checks its scenes against it.
"""

from __future__ import annotations

import importlib
import pathlib
from dataclasses import dataclass
from types import ModuleType

from ui.kit.numbers import nice_values

ROOT = pathlib.Path(__file__).resolve().parent.parent
GROUP_CURSE = "Curse of dimensionality"
GROUP_RNN = "RNN & LSTM"

# The articles this app teaches: one per topic page, all by one author on one blog, in two series.
AUTHOR = "Yasuto Tamura"
BLOG = "Data Science Blog (DATANOMIQ)"
SERIES_CURSE = "Illustrative introductions on dimension reduction"
SERIES_RNN = "A gentle introduction to the tiresome part of understanding RNN"

# The curse page's dimension slider: its stops (1 … 10,000, roughly logarithmic) and where it starts
DIM_STOPS: tuple[int, ...] = tuple(nice_values(1, 10_000))
DIM_DEFAULT = 50


@dataclass(frozen=True)
class Article:
    """A source article: its title and the series it belongs to."""

    title: str
    series: str

    def short(self) -> str:
        """The article in a sentence: title, author and blog."""
        return f"“{self.title}” by {AUTHOR} ({BLOG})"

    def citation(self) -> str:
        """The article as a reference line (Markdown)."""
        return f"{AUTHOR}, “{self.title}”, in the series *{self.series}*, {BLOG}."


def sweep(key: str, stops: tuple[int, ...], default: int) -> tuple[str, ...]:
    """The queries that set the control ``key`` to each of its ``stops`` but ``default``, nearest the default
    first (where a hand on the slider goes first), each as a reader opens it and in presenter mode:
    ``dim=60``, ``dim=60&present=1``, ``dim=40``, …"""
    here = stops.index(default)
    order = sorted((i for i in range(len(stops)) if i != here), key=lambda i: (abs(i - here), i < here))
    return tuple(f"{key}={stops[i]}{mode}" for i in order for mode in ("", "&present=1"))


@dataclass(frozen=True)
class PageSpec:
    stem: str
    title: str
    nav: str
    icon: str
    group: str
    blurb: str
    engines: tuple[str, ...] = ()
    article: Article | None = None  # the article the page teaches
    # the main control's key, stops and default, for the views the server draws while idle (``ui.idle``):
    # every stop (the sweep) and the stops next to a visitor's
    stops: tuple[str, tuple[int, ...], int] | None = None

    @property
    def sweep(self) -> tuple[str, ...]:
        """The queries of this page a fresh server opens when idle, after every page's default."""
        return sweep(*self.stops) if self.stops else ()

    @property
    def path(self) -> str:
        return "streamlit_app.py" if self.stem == "home" else f"pages/{self.stem}.py"


HOME = PageSpec("home", "Dimensions & LSTMs, live", "Home", ":material/home:", "", "The series map.")
PAGES: tuple[PageSpec, ...] = (
    PageSpec("curse_of_dimensionality", title="Spiky cubes, Pac-Man walking, empty M&M's",
             nav="Spiky cubes & empty M&M's", icon=":material/deployed_code:", group=GROUP_CURSE,
             blurb="Grids that outgrow their data, spiky cubes, nearly orthogonal random vectors, volume "
                   "in a thin shell, distances that stop meaning anything.",
             engines=("geometry",),
             article=Article("Spiky cubes, Pac-Man walking, empty M&M’s chocolate: curse of dimensionality",
                             SERIES_CURSE),
             stops=("dim", DIM_STOPS, DIM_DEFAULT)),
    PageSpec("rnn_prerequisites", title="Sequence data and RNN task types", nav="Sequences & task types",
             icon=":material/timeline:", group=GROUP_RNN,
             blurb="Sequence tensors, why dense layers and CNNs don't fit sequences, one-to-many, "
                   "many-to-one, many-to-many, seq2seq, bidirectional.",
             engines=("sequences", "rnn"),
             article=Article("Prerequisites for understanding RNN at a more mathematical level", SERIES_RNN)),
    PageSpec("simple_rnn", title="Simple RNN and back-propagation through time", nav="Simple RNN & BPTT",
             icon=":material/repeat:", group=GROUP_RNN,
             blurb="Forward propagation unfolded, BPTT step by step, truncation, vanishing and exploding "
                   "gradients.",
             engines=("rnn",),
             article=Article("Simple RNN: the first foothold for understanding LSTM", SERIES_RNN)),
    PageSpec("history", title="A brief history of neural nets", nav="A brief history",
             icon=":material/history_edu:", group=GROUP_RNN,
             blurb="Booms and winters on a timeline you can explore; the perceptron fails XOR, backprop "
                   "solves it.",
             engines=("xor",),
             article=Article("A brief history of neural nets: everything you should know before learning LSTM",
                             SERIES_RNN)),
    PageSpec("lstm_forward", title="LSTM forward propagation, gate by gate", nav="LSTM forward",
             icon=":material/memory:", group=GROUP_RNN,
             blurb="Step an LSTM through time and watch every gate, the cell highway and the peepholes.",
             engines=("lstm",),
             article=Article("Understanding LSTM forward propagation in two ways", SERIES_RNN)),
    PageSpec("lstm_backprop", title="LSTM back-propagation and gradient clipping", nav="LSTM backprop & clipping",
             icon=":material/call_split:", group=GROUP_RNN,
             blurb="Chain rules on a graph, gradients through time, clipping on the cliff and in training.",
             engines=("lstm", "rnn", "clipping", "cliff", "training", "chainrule", "gradflow"),
             article=Article("LSTM back propagation: following the flows of variables", SERIES_RNN)),
)


# The talk deck (pages/talk.py): not a topic page, so not in PAGES (nor in the navigation or the cards).
TALK = PageSpec("talk", "Talk", "Talk", ":material/co_present:", "", "The series as a talk, scene by scene.")


def sources_markdown() -> str:
    """The source articles, series by series, each with the page that teaches it (Markdown)."""
    lines = []
    for series in (SERIES_CURSE, SERIES_RNN):
        lines.append(f"*{series}*, by {AUTHOR}, {BLOG}:")
        lines += [f"- “{page.article.title}” → **{page.nav}**" for page in PAGES
                  if page.article and page.article.series == series]
        lines.append("")
    return "\n".join(lines)


def spec(stem: str) -> PageSpec:
    """The registry entry of a page (``"home"`` for the home page)."""
    if stem == "home":
        return HOME
    if stem == TALK.stem:
        return TALK
    for page in PAGES:
        if page.stem == stem:
            return page
    raise ValueError(f"unknown page {stem!r}; known: {[p.stem for p in PAGES]}")


def sections_of(stem: str) -> ModuleType:
    """The ``ui/<stem>/sections.py`` module of topic page ``stem`` (its ``SECTIONS``, ``page_controls``):
    the talk deck draws any page's sections without importing another page's package by name."""
    spec(stem)  # an unknown stem raises here, never imports an arbitrary module
    if stem in ("home", TALK.stem):
        raise ValueError(f"page {stem!r} has no sections")
    return importlib.import_module(f"ui.{stem}.sections")


def existing_pages() -> list[PageSpec]:
    """The pages whose files exist in this checkout, in series order."""
    return [page for page in PAGES if (ROOT / page.path).exists()]
