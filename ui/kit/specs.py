"""Chart specs built once per input and shared by every session: Altair only when an input changed.

Building an Altair chart and turning it into Vega-Lite (``to_dict``, with its JSON-schema validation)
cost ~30 ms a chart, half a second for a page of fourteen, on every rerun, though a moved control changes
one or two charts. A chart builder decorated with :func:`cached_chart` returns a :class:`LazyChart`: a
key made from the builder's name and a fingerprint of its inputs (data frames and arrays by content),
and the recipe to build it. :func:`spec_of` looks the key up in one bounded cache per process; only on a
miss does it build the chart and convert it (the data as Arrow bytes, as Streamlit's own conversion does,
and without the schema validation, which the charts' unit tests do). So

    LazyChart key = (builder, fingerprint(args)),   spec = cache[key, view] or convert(build(args), view)

where ``view`` is the presenter-mode restyling, which is part of the key. A :class:`LazyChart` still
behaves as the Altair chart it stands for (attributes, ``|``, ``&``, ``+``), so tests and composition
use it as before; composing gives a plain, uncached Altair chart.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import nullcontext
from functools import partial, wraps
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

# Specs kept per process: bounded by the memory they hold (:func:`held_bytes`), and by a count. A page's
# spec is ~17 kB (the curse page's 20: 350 kB); every stop of its D slider, read and presented, ~1,600 specs,
# ~30 MB. (512 specs, the bound before, let a hand sweeping D evict each spec before its next use.)
MAX_ENTRIES = 4096
MAX_BYTES = 64 * 2**20
_TRANSFORMER = "app_arrow_dataset"

# Charts are painted on a canvas, not built as SVG (Streamlit's default below 2,000 marks a datum). Every SVG
# mark is a node of the page (the curse page: 4,200 of its 10,300), and the browser lays out, paints and sorts
# them into layers on every frame of every move, whether the chart changed or not: the clip slider's move spent
# 23–31 ms a move in layerizing alone with SVG, 6–8 ms with canvas; D with the Pac-Man panels in view settled in
# 0.87 of the time (benchmarks/README.md). A chart keeps its text alternative: Streamlit names the chart's box,
# not its marks. ``SVG_MARKS`` (a chart's ``usermeta``) keeps SVG for a chart whose marks are its interface.
RENDERER = "canvas"
SVG_MARKS = {"embedOptions": {"renderer": "svg"}}  # each mark a node with its own label, for a pointer and a reader
# A canvas chart's marks are not told to a reader one by one (Vega writes a mark's ARIA label into SVG only), yet
# Vega-Lite gives every mark a ``description`` channel, "left: " + format(datum.left, "") + "; density: " + …,
# which Vega computes for each mark on every update, in Streamlit's expression interpreter (it runs no compiled
# code): a seventh of the angle panels' update. ``config.aria = false`` leaves it out on a canvas.
UNSAID = {"aria": False}


# ---------------------------------------------------------------------------------------------- keys
def _feed(h, value: Any) -> None:
    """Feed ``value`` into the hash ``h``, with its type, so 1, 1.0, "1" and True differ."""
    h.update(type(value).__name__.encode())
    if value is None or isinstance(value, (bool, int, float, complex, str)):
        h.update(repr(value).encode())
    elif isinstance(value, bytes):
        h.update(value)
    elif isinstance(value, enum.Enum):
        h.update(f"{type(value).__qualname__}.{value.name}".encode())
    elif isinstance(value, np.generic):
        _feed(h, value.item())
    elif isinstance(value, np.ndarray):
        h.update(f"{value.dtype.str}{value.shape}".encode())
        h.update(np.ascontiguousarray(value).tobytes() if value.dtype != object else repr(value.tolist()).encode())
    elif isinstance(value, pd.DataFrame):
        h.update(repr((list(map(str, value.columns)), list(map(str, value.dtypes)))).encode())
        _feed_frame_values(h, value)
    elif isinstance(value, pd.Series):
        h.update(repr((str(value.name), str(value.dtype))).encode())
        _feed_frame_values(h, value)
    elif isinstance(value, (tuple, list, frozenset, set)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        h.update(str(len(items)).encode())
        for item in items:
            _feed(h, item)
    elif isinstance(value, dict):
        h.update(str(len(value)).encode())
        for key in sorted(value, key=repr):
            _feed(h, key)
            _feed(h, value[key])
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        h.update(type(value).__qualname__.encode())
        for field in dataclasses.fields(value):
            _feed(h, getattr(value, field.name))
    else:
        raise TypeError(f"a cached chart cannot key an input of type {type(value).__name__}; "
                        "pass plain numbers, strings, tuples, arrays, data frames or dataclasses")


def _feed_frame_values(h, frame: pd.DataFrame | pd.Series) -> None:
    """The index and every column's values, each in one piece: a NumPy column as its bytes, any other
    (text, categories, lists, nullable numbers) as the ``repr`` of its values with its dtype (a category's
    dtype names its categories in order).

    Few, long calls on purpose: pandas' ``hash_pandas_object`` made dozens of small ones a frame (many for
    Arrow-backed text), each of which lets go of the GIL, and with thirty sessions drawing pages at once
    every release waited ~5 ms to get it back."""
    index = frame.index
    h.update(repr((index.start, index.stop, index.step) if isinstance(index, pd.RangeIndex)
                  else (str(index.dtype), index.tolist())).encode())
    for column in ([frame] if isinstance(frame, pd.Series) else (column for _, column in frame.items())):
        if isinstance(column.dtype, np.dtype) and column.dtype.kind in "biufcmM":
            h.update(np.ascontiguousarray(column.to_numpy()).tobytes())
        else:
            h.update(repr((column.dtype, column.tolist())).encode())


def fingerprint(*values: Any) -> str:
    """A content hash of ``values`` (what a chart is built from): equal inputs, equal fingerprints."""
    h = hashlib.blake2b(digest_size=16)
    for value in values:
        _feed(h, value)
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------- charts
class LazyChart:
    """An Altair chart not built yet: its cache ``key`` and the recipe; built on first real use."""

    __slots__ = ("_build", "_chart", "key")

    def __init__(self, key: Hashable, build: Callable[[], alt.TopLevelMixin]):
        self.key = key
        self._build = build
        self._chart = None

    @property
    def chart(self) -> alt.TopLevelMixin:
        """The Altair chart (built once)."""
        if self._chart is None:
            self._chart = self._build()
        return self._chart

    def __getattr__(self, name: str):
        return getattr(self.chart, name)

    def __or__(self, other):
        return self.chart | altair_of(other)

    def __and__(self, other):
        return self.chart & altair_of(other)

    def __add__(self, other):
        return self.chart + altair_of(other)

    def __repr__(self) -> str:
        return f"LazyChart({self.key!r})"


def altair_of(chart) -> alt.TopLevelMixin:
    """The Altair chart behind ``chart`` (itself when it is one)."""
    return chart.chart if isinstance(chart, LazyChart) else chart


def cached_chart(builder: Callable[..., alt.TopLevelMixin]) -> Callable[..., LazyChart]:
    """Decorate a chart builder: calling it returns a :class:`LazyChart` keyed by its inputs, so an
    unchanged chart is neither rebuilt nor converted again (see the module's docstring)."""
    name = f"{builder.__module__}.{builder.__qualname__}"

    @wraps(builder)
    def lazy(*args, **kwargs) -> LazyChart:
        return LazyChart((name, fingerprint(args, kwargs)), partial(builder, *args, **kwargs))

    lazy.build = builder  # the undecorated builder
    return lazy


# ---------------------------------------------------------------------------------------------- specs
class _Cache:
    """A bounded least-recently-used map of specs, safe across sessions' threads; counts its misses."""

    def __init__(self):
        self._specs: OrderedDict[Hashable, tuple[dict, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0
        self.builds: dict[str, int] = {}  # builder name -> specs built (misses), for tests and benchmarks
        self.hits = 0

    def get(self, key):
        with self._lock:
            found = self._specs.get(key)
            if found is not None:
                self._specs.move_to_end(key)
                self.hits += 1
                return found[0]
        return None

    def put(self, key, spec: dict, size: int) -> None:
        with self._lock:
            if key in self._specs:
                return
            self._specs[key] = (spec, size)
            self.bytes += size
            builder = key[0][0] if isinstance(key[0], tuple) else str(key[0])
            self.builds[builder] = self.builds.get(builder, 0) + 1
            while self._specs and (len(self._specs) > MAX_ENTRIES or self.bytes > MAX_BYTES):
                _, (_, dropped) = self._specs.popitem(last=False)
                self.bytes -= dropped

    def __len__(self) -> int:
        return len(self._specs)

    def clear(self) -> None:
        with self._lock:
            self._specs.clear()
            self.bytes = 0
            self.builds.clear()
            self.hits = 0


CACHE = _Cache()
_CONVERT_LOCK = threading.Lock()  # Altair's theme and data transformer are process-wide settings


def _globals_lock():
    """Streamlit's own lock on Altair's global settings when it has one (it converts charts too)."""
    try:
        from streamlit.elements import vega_charts
    except ImportError:  # pragma: no cover - Streamlit always has it in the pinned version
        return _CONVERT_LOCK
    return getattr(vega_charts, "_altair_globals_lock", _CONVERT_LOCK)


REPEATS = 4  # a text column is sent as categories when each value repeats this often on average


def _labels_as_categories(data):
    """``data`` with each text column that repeats its values (a series, run or panel name on every row)
    as a pandas category: Arrow then sends each name once and an index per row (the LSTM backprop page's
    charts: 966 → 741 kB); the browser reads the same strings. Altair has inferred the encoding types already."""
    if not isinstance(data, pd.DataFrame):
        return data
    repeated = [name for name in data.columns if len(data) >= 2 * REPEATS
                and pd.api.types.is_string_dtype(data[name]) and not isinstance(data[name].dtype, pd.CategoricalDtype)
                and data[name].nunique() * REPEATS <= len(data)]
    return data.astype({name: "category" for name in repeated}) if repeated else data


INT_TYPES = (np.int8, np.int16, np.int32)


def _narrowed(data):
    """``data`` with each number column in the narrowest type that holds every value exactly: a float64
    column whose values are all float32 numbers (whole numbers, halves, bin edges such as 2.5) as
    float32, an int64 column as int8, int16 or int32 when its range fits. Lossless: the browser reads the
    same numbers (a measured value such as 0.1 stays float64)."""
    if not isinstance(data, pd.DataFrame) or data.empty or data.columns.duplicated().any():
        return data
    types = {}
    for name in data.columns:
        column = data[name]
        if column.dtype == np.float64:
            values = column.to_numpy()
            with np.errstate(over="ignore"):  # an exploded 10³⁰⁰ becomes inf here: not equal, stays float64
                single = values.astype(np.float32)
            if np.array_equal(single.astype(np.float64), values, equal_nan=True):
                types[name] = np.float32
        elif column.dtype == np.int64:
            lo, hi = column.min(), column.max()
            types[name] = next((t for t in INT_TYPES if np.iinfo(t).min <= lo and hi <= np.iinfo(t).max), np.int64)
    return data.astype(types) if types else data


def _arrow_dataset(data, datasets: dict[str, bytes]) -> dict:
    """Altair data transformer: a chart's data frame becomes Arrow bytes under a name (as Streamlit's),
    its repeated labels as categories (:func:`_labels_as_categories`) and its numbers in the narrowest
    exact type (:func:`_narrowed`)."""
    from streamlit import dataframe_util

    payload = dataframe_util.convert_anything_to_arrow_bytes(_narrowed(_labels_as_categories(data)))
    name = "data-" + hashlib.blake2b(payload, digest_size=12).hexdigest()
    datasets[name] = payload
    return {"name": name}


alt.data_transformers.register(_TRANSFORMER, _arrow_dataset)


def convert(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec Streamlit would send for ``chart``, its data as Arrow bytes, unvalidated, with
    the datasets named by their place (:func:`stable_names`), painted on a canvas (:func:`painted`)."""
    datasets: dict[str, bytes] = {}
    with _globals_lock():
        theme = alt.theme.enable("none") if alt.theme.active == "default" else nullcontext()
        with theme, alt.data_transformers.enable(_TRANSFORMER, datasets=datasets):
            spec = chart.to_dict(validate=False)
    existing = spec.get("datasets")
    spec["datasets"] = {**existing, **datasets} if isinstance(existing, dict) else datasets
    return stable_names(painted(spec))


def painted(spec: dict) -> dict:
    """``spec`` drawn by :data:`RENDERER` unless its ``usermeta`` names a renderer (:data:`SVG_MARKS`); on a
    canvas, without a description computed for each mark (:data:`UNSAID`)."""
    usermeta = spec.get("usermeta") if isinstance(spec.get("usermeta"), dict) else {}
    options = usermeta.get("embedOptions") if isinstance(usermeta.get("embedOptions"), dict) else {}
    if "renderer" not in options:
        spec["usermeta"] = {**usermeta, "embedOptions": {**options, "renderer": RENDERER}}
    if options.get("renderer", RENDERER) == "canvas":  # its marks unsaid (:data:`UNSAID`), unless it says otherwise
        config = spec.get("config") if isinstance(spec.get("config"), dict) else {}
        spec["config"] = {**UNSAID, **config}
    return spec


DATASET = re.compile(r"\"(data-[0-9a-f]{24,32})\"")  # ours (blake2b) or Altair's own (md5)


def stable_names(spec: dict) -> dict:
    """``spec`` with its Arrow datasets renamed ``data-0``, ``data-1``, … in the order the spec first
    names them, instead of by a hash of their content. Two frames of one chart whose data differ then
    have the same spec, and the browser can update the drawn chart's data in place. (Streamlit re-embeds
    a Vega view, ~0.1–0.3 s a chart here, when its spec text, its text alternative or the row count of a
    dataset changes: a chart that ▶ moves keeps all three.)"""
    datasets = spec.pop("datasets", {})
    text = json.dumps(spec)
    order = {name: f"data-{k}" for k, name in enumerate(dict.fromkeys(DATASET.findall(text)))
             if name in datasets}
    renamed = json.loads(DATASET.sub(lambda m: f'"{order.get(m.group(1), m.group(1))}"', text))
    renamed["datasets"] = {order.get(name, name): data for name, data in datasets.items()}
    return renamed


def spec_of(chart, view: Hashable = None, restyle: Callable[[alt.TopLevelMixin], alt.TopLevelMixin] | None = None
            ) -> dict:
    """The Vega-Lite spec of ``chart`` restyled by ``restyle`` (``view`` names the restyling in the key):
    from the cache for a :class:`LazyChart` seen before, else built, converted and (if lazy) kept.

    The result is shared: callers must not change it (Streamlit copies the top level before it edits)."""
    key = (chart.key, view) if isinstance(chart, LazyChart) else None
    if key is not None:
        found = CACHE.get(key)
        if found is not None:
            return found
    altair_chart = altair_of(chart)
    spec = convert(restyle(altair_chart) if restyle else altair_chart)
    if key is not None:
        CACHE.put(key, spec, held_bytes(spec))
    return spec


def held_bytes(spec: dict) -> int:
    """About the memory ``spec`` holds: its Arrow data, and twice the JSON text of the rest for its Python
    objects (the curse page's 20 specs: 345 kB held by measure, 353 kB by this)."""
    data = spec.get("datasets", {})
    arrow = sum(len(payload) for payload in data.values() if isinstance(payload, bytes))
    rest = {key: value for key, value in spec.items() if key != "datasets"}
    rest["datasets"] = {name: payload for name, payload in data.items() if not isinstance(payload, bytes)}
    return arrow + 2 * len(json.dumps(rest))
