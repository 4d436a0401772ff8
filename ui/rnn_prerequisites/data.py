"""The sequences page's bounded caches: the seeded weather record and the in-order / shuffled demo,
and the record's windows (how many, where one starts and ends)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from engine import rnn, sequences

RECORD_HOURS = 240  # ten days of weather: 1,440 steps
ORDER_HIDDEN = 16
UNITS = sequences.UNITS
FEATURES = sequences.FEATURES  # the record's columns after ``hour``, in the panels' order


@st.cache_data(max_entries=16, show_spinner=False)
def weather(seed: int) -> pd.DataFrame:
    """The seeded weather record (wide: ``hour`` and one column per feature)."""
    return sequences.weather_record(record_steps(), seed)


def record_steps() -> int:
    """Length N of the weather record in steps."""
    return sequences.steps_for_hours(RECORD_HOURS)


def window_count(seq_len: int, stride: int) -> int:
    """How many windows of ``seq_len`` steps, one every ``stride`` steps, the record holds."""
    return sequences.window_count(record_steps(), seq_len, stride)


def window_start(window: int, stride: int) -> int:
    """The first step (0-based) of window number ``window`` (1-based)."""
    return (window - 1) * stride


def window_hours(start: int, seq_len: int) -> tuple[float, float]:
    """The hours at which the window of ``seq_len`` steps from step ``start`` begins and ends."""
    first = start / sequences.STEPS_PER_HOUR
    return first, first + seq_len / sequences.STEPS_PER_HOUR


def weather_long(record: pd.DataFrame) -> pd.DataFrame:
    """(``hour``, ``feature``, ``value``) rows for the small-multiple chart."""
    return record.melt(id_vars="hour", var_name="feature", value_name="value")


@dataclass(frozen=True)
class OrderDemo:
    frame: pd.DataFrame  # t, value, order: the temperature in both orders
    rnn_original: float
    rnn_shuffled: float
    blind_original: float
    blind_shuffled: float
    n_steps: int
    in_order: bool  # the shuffle left every step in place (possible for very short windows)


@st.cache_data(max_entries=32, show_spinner=False)
def order_demo(start: int, seq_len: int, seed: int) -> OrderDemo:
    """The window of ``seq_len`` steps from step ``start`` (standardised over the record), fed in order
    and shuffled to both models."""
    record = weather(seed)
    values = sequences.standardize(record[list(sequences.FEATURES)].to_numpy())
    x = values[start:start + seq_len]  # (L, F)
    params = rnn.init_rnn(len(sequences.FEATURES), ORDER_HIDDEN, 1, seed, recurrent_scale=0.9)
    res = sequences.order_test(params, x, seed)
    t = np.arange(1, len(x) + 1)
    frame = pd.concat([pd.DataFrame({"t": t, "value": x[:, 0], "order": "in time order"}),
                       pd.DataFrame({"t": t, "value": x[res.permutation, 0], "order": "shuffled"})])
    return OrderDemo(frame, float(res.rnn_original[0]), float(res.rnn_shuffled[0]),
                     float(res.blind_original[0]), float(res.blind_shuffled[0]), len(x),
                     bool(len(x) > 1 and np.array_equal(res.permutation, np.arange(len(x)))))


# ---------------------------------------------------------------------------------------------- tensors
CHANNELS = ("red", "green", "blue")


def toy_picture(height: int = 6, width: int = 8) -> np.ndarray:
    """A (3, H, W) toy picture of 0–255 ints: blue sky over green ground, a yellow sun top right."""
    picture = np.empty((3, height, width), dtype=np.int64)
    rows = np.arange(height)[:, None]
    ground = rows >= height - 2
    picture[0] = np.where(ground, 40, 110)
    picture[1] = np.where(ground, 150, 170)
    picture[2] = np.where(ground, 50, 230)
    picture[0, 0:2, width - 2:] = 250
    picture[1, 0:2, width - 2:] = 210
    picture[2, 0:2, width - 2:] = 40
    return picture


def picture_long(picture: np.ndarray) -> pd.DataFrame:
    """(``channel``, ``row``, ``column``, ``value``) rows of a (3, H, W) picture, rows and columns 1-based."""
    c, h, w = picture.shape
    ch, r, col = np.meshgrid(np.arange(c), np.arange(h), np.arange(w), indexing="ij")
    return pd.DataFrame({"channel": np.array(CHANNELS)[ch.ravel()], "row": r.ravel() + 1,
                         "column": col.ravel() + 1, "value": picture.ravel()})


def picture_pixels(picture: np.ndarray) -> pd.DataFrame:
    """(``row``, ``column``, ``colour``) rows: each pixel's #rrggbb from its three channels."""
    _, h, w = picture.shape
    r, col = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    colour = [f"#{picture[0, i, j]:02x}{picture[1, i, j]:02x}{picture[2, i, j]:02x}"
              for i, j in zip(r.ravel(), col.ravel(), strict=True)]
    return pd.DataFrame({"row": r.ravel() + 1, "column": col.ravel() + 1, "colour": colour})


# ---------------------------------------------------------------------------------------------- dense layer
DENSE_OUTPUTS = 2
WORD_VECTORS = {"dog": (1.0, 0.0), "cat": (0.0, 1.0)}  # the article's (dog, cat) one-hot


@st.cache_data(max_entries=32, show_spinner=False)
def dense_demo(words: tuple[str, ...], permutation: tuple[int, ...], seed: int) -> sequences.DenseSymmetry:
    """The article's words as one-hot steps through a seeded dense layer, reordered by ``permutation``."""
    x = np.array([WORD_VECTORS[w] for w in words])
    W, b = sequences.init_dense(DENSE_OUTPUTS, x.size, seed)
    return sequences.dense_symmetry(W, b, x, list(permutation))


def ctc(frames: str) -> sequences.CTCCollapse:
    """The CTC collapse of a frame-level string (cheap: no cache)."""
    return sequences.ctc_collapse(frames)


CTC_ROWS = ("frames", "runs merged", "blanks dropped")


def ctc_cells(res: sequences.CTCCollapse) -> pd.DataFrame:
    """The collapse as cells over the frames (``row``, ``start``, ``end`` in frames, ``symbol``, ``blank``):
    one cell a frame, then one a run spanning its frames, then the runs that are not blanks: which frames
    each output character came from."""
    rows, start = [], 0
    for k, ch in enumerate(res.frames):
        rows.append((CTC_ROWS[0], k, k + 1, ch))
    for ch, n in res.runs:
        rows.append((CTC_ROWS[1], start, start + n, ch))
        if ch != sequences.BLANK:
            rows.append((CTC_ROWS[2], start, start + n, ch))
        start += n
    cells = pd.DataFrame(rows, columns=["row", "start", "end", "symbol"])
    cells["blank"] = cells["symbol"] == sequences.BLANK
    cells["shown"] = cells["symbol"].replace({" ": "␣"})
    return cells


# ---------------------------------------------------------------------------------------------- spreadsheet
SHEET_PARTS = ("vector", "matrix", "tensor")


def spreadsheet(sheets: int, rows: int, cols: int, seed: int) -> pd.DataFrame:
    """The article's spreadsheet picture as numbers: a (sheets, rows, cols) tensor of seeded digits, its
    front sheet the matrix and that sheet's first column the vector. Long rows (``part``, ``sheet``,
    ``row``, ``column``, ``value``), 1-based, sheet 1 at the front."""
    values = np.random.default_rng(seed).integers(0, 10, size=(sheets, rows, cols))
    s, r, c = np.meshgrid(np.arange(sheets), np.arange(rows), np.arange(cols), indexing="ij")
    tensor = pd.DataFrame({"part": "tensor", "sheet": s.ravel() + 1, "row": r.ravel() + 1,
                           "column": c.ravel() + 1, "value": values.ravel()})
    matrix = tensor[tensor["sheet"] == 1].assign(part="matrix")
    vector = matrix[matrix["column"] == 1].assign(part="vector")
    return pd.concat([vector, matrix, tensor], ignore_index=True)


def part_shape(part: str, sheets: int, rows: int, cols: int) -> tuple[int, ...]:
    """The shape of one part of the spreadsheet picture: (rows,), (rows, cols) or (sheets, rows, cols)."""
    return {"vector": (rows,), "matrix": (rows, cols), "tensor": (sheets, rows, cols)}[part]


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as Python writes it: (3,), (3, 4), (2, 3, 4)."""
    return f"({shape[0]},)" if len(shape) == 1 else "(" + ", ".join(str(n) for n in shape) + ")"


# ---------------------------------------------------------------------------------- the CNN's semantic vector
# Chollet's dog-or-cat network (Deep Learning with Python, §5.2): four blocks of a 3 × 3 convolution (no
# padding) and a 2 × 2 max-pool, with 32, 64, 128 and 128 filters, then Flatten, Dense(512), Dense(1).
CONV_FILTERS = (32, 64, 128, 128)
DENSE_UNITS = 512


def feature_side(side: int) -> int:
    """The side of the last feature maps a ``side`` × ``side`` photo leaves after the four blocks (150 → 7);
    0 when the photo is too small for them (a 3 × 3 convolution needs 3 pixels, a 2 × 2 pool 2)."""
    n = side
    for _ in CONV_FILTERS:
        n -= 2  # 3 × 3 convolution, no padding
        if n < 2:
            return 0
        n //= 2  # 2 × 2 max-pool, stride 2
    return n


def semantic_length(side: int) -> int:
    """How many numbers the flattened feature maps (the semantic vector) hold: 128 · 7² = 6,272 at 150."""
    return CONV_FILTERS[-1] * feature_side(side) ** 2


# ---------------------------------------------------------------------------------- one sentence, three languages
# The page's own sentence (the article's three sentences are pictures that did not survive in its text).
# Each token: (word as written, romanisation or "", concept). Tokens that translate each other share a
# concept and so a toy vector; every other token has its own.
SENTENCE_LANGUAGES = ("English", "German", "Japanese")
SENTENCES = {
    "cat": {
        "English": (("The", "", "the"), ("cat", "", "CAT"), ("chased", "", "CHASE"), ("the", "", "the"),
                    ("dog", "", "DOG")),
        "German": (("Die", "", "die"), ("Katze", "", "CAT"), ("hat", "", "hat"), ("den", "", "den"),
                   ("Hund", "", "DOG"), ("gejagt", "", "CHASE")),
        "Japanese": (("猫", "neko", "CAT"), ("が", "ga", "ga"), ("犬", "inu", "DOG"), ("を", "o", "o"),
                     ("追いかけ", "oikake", "CHASE"), ("まし", "mashi", "mashi"), ("た", "ta", "ta")),
    },
    "dog": {
        "English": (("The", "", "the"), ("dog", "", "DOG"), ("chased", "", "CHASE"), ("the", "", "the"),
                    ("cat", "", "CAT")),
        "German": (("Den", "", "den"), ("Hund", "", "DOG"), ("hat", "", "hat"), ("die", "", "die"),
                   ("Katze", "", "CAT"), ("gejagt", "", "CHASE")),
        "Japanese": (("犬", "inu", "DOG"), ("を", "o", "o"), ("猫", "neko", "CAT"), ("が", "ga", "ga"),
                     ("追いかけ", "oikake", "CHASE"), ("まし", "mashi", "mashi"), ("た", "ta", "ta")),
    },
}
EMBED_DIM = 4  # d: entries of each toy word vector


def sentence_concepts() -> tuple[str, ...]:
    """Every concept of the sentences, in a fixed order (the order the toy vectors are drawn in)."""
    seen = dict.fromkeys(c for order in SENTENCES.values() for lang in SENTENCE_LANGUAGES
                         for *_, c in order[lang])
    return tuple(seen)


def word_vectors(first: str, seed: int) -> pd.DataFrame:
    """The sentence with ``first`` ("cat" or "dog") named first, in each language, as one toy vector of d
    entries per token: long rows (``language``, ``t``, ``token``, ``reading``, ``dim``, ``value``), with
    values in [−1, 1] to one decimal, seeded, the same for tokens that translate each other."""
    if first not in SENTENCES:
        raise ValueError(f"first must be one of {sorted(SENTENCES)}, got {first!r}")
    concepts = sentence_concepts()
    table = np.round(np.random.default_rng(seed).uniform(-1, 1, size=(len(concepts), EMBED_DIM)), 1)
    vectors = {c: table[k] + 0.0 for k, c in enumerate(concepts)}  # + 0.0: no "−0.0"
    rows = [(lang, t, word, reading, dim + 1, float(vectors[concept][dim]))
            for lang in SENTENCE_LANGUAGES
            for t, (word, reading, concept) in enumerate(SENTENCES[first][lang], start=1)
            for dim in range(EMBED_DIM)]
    return pd.DataFrame(rows, columns=["language", "t", "token", "reading", "dim", "value"])
