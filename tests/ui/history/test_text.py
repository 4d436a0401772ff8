"""ui/history/text.py: the charts' text alternatives say what each chart shows, with the run's numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from engine import history
from ui.history import data as ch
from ui.history import text as ht


@pytest.fixture(scope="module")
def everything():
    return history.load_events()


def _points(outputs, targets=(0, 1, 1, 0)) -> pd.DataFrame:
    right = ["yes" if (o > 0.5) == (t == 1) else "no" for o, t in zip(outputs, targets, strict=True)]
    return pd.DataFrame({"x1": [0.0, 0.0, 1.0, 1.0], "x2": [0.0, 1.0, 0.0, 1.0], "target": [str(t) for t in targets],
                         "output": outputs, "right": right})


def test_timeline_description_counts_the_shown_events_years_eras_and_selection(everything):
    eras = history.eras_frame()
    total = len(everything)
    said = ht.timeline_description(everything, total, eras, None)
    years = everything["date"].dt.year
    assert said.startswith(f"Timeline of all {total} events from {years.min()} to {years.max()}")
    assert f"Algorithms {(everything['category'] == 'algorithm').sum()}" in said and "No event selected." in said
    boom = eras[eras["kind"] == "boom"].iloc[0]
    assert f"{boom['start_year']}–{boom['end_year']}" in said  # the eras' years come from the data
    hardware = everything[everything["category"] == "hardware"]
    lstm = history.event_by_id("lstm")
    said = ht.timeline_description(hardware, total, eras, lstm)
    assert f"{len(hardware)} of {total} events" in said and "(Hardware " in said and "Algorithms" not in said
    assert f"Selected: {lstm['title']} ({lstm['when']}, {lstm['era_name']}), not among the events shown." in said
    assert "no event (none of" in ht.timeline_description(everything[:0], total, eras, None)


def test_region_descriptions_name_the_line_and_the_corners():
    assert ht.line([1.17, 1.13], -2.04) == "1.17 x₁ + 1.13 x₂ − 2.04"
    assert ht.line([-0.5, -0.001], 0.004) == "−0.50 x₁ + 0.00 x₂ + 0.00"  # no "−0.00"
    said = ht.perceptron_description("XOR", _points([1.0, 1.0, 0.0, 0.0]), [0.17, 0.13], 0.96, 50, False)
    assert "on XOR after 50 epochs" in said and "0.17 x₁ + 0.13 x₂ + 0.96 = 0 (outside the square" in said
    assert "2 of 4 corners right: right at (0, 1), (1, 1); wrong at (0, 0), (1, 0)" in said
    said = ht.mlp_description("AND", 1, 50, _points([0.04, 0.05, 0.46, 0.49], (0, 0, 0, 1)))
    assert "1 hidden unit on AND after 50 epochs" in said and "(1, 0) 0.46, (1, 1) 0.49" in said
    assert "3 of 4 corners right" in said and "wrong at (1, 1)" in said


def test_training_descriptions_follow_the_run():
    per = pd.DataFrame({"epoch": range(1, 6), "accuracy": [0.5, 0.75, 0.5, 0.75, 0.5]})
    net = pd.DataFrame({"epoch": [1, 5, 10, 15], "accuracy": [0.5, 0.75, 1.0, 1.0]})
    said = ht.accuracy_description("XOR", per, net, 15)
    assert "the perceptron (solid line) over 5 epochs ends at 50%, best 75%" in said
    assert "net (dashed line) over 15 epochs reaches 100% at epoch 10" in said
    assert "ends at 75%" in ht.accuracy_description("XOR", per, net[:2], 5)
    loss = pd.DataFrame({"epoch": [1, 2], "loss": [0.693, 0.1]})
    assert "over 2,000 epochs: from 0.693 at epoch 1 down to 0.00118" in ht.loss_description(loss, 2000, 0.00118)


def test_gradient_description_reads_each_curve_at_layer_one():
    every, firsts = ch.gradients_by_depth(1.0, 42)
    grads, first = every[every["depth"] == 20], firsts[20]
    said = ht.gradient_description(20, 1.0, grads, first)
    bound = grads[(grads["layer"] == 1) & (grads["curve"] == ht.GRADIENT_CURVES[1])]["ratio"].iloc[0]
    assert "layers 1 to 20" in said and "weight scale 1:" in said
    assert f"measured ratio (solid, circles) is {ht.text_sci(first, 3)}" in said
    assert f"(dashed, squares) {ht.text_sci(bound, 3)}" in said
    assert said != ht.gradient_description(30, 1.0, every[every["depth"] == 30], firsts[30])
    gone = grads[~((grads["layer"] == 1) & (grads["curve"] == ht.GRADIENT_CURVES[2]))]
    assert "(dotted, triangles) 0 (underflow)" in ht.gradient_description(20, 1.0, gone, first)


# ------------------------------------------------------------------ the article's story and its eras

# The order of the article's history section (series-curse-rnn-lstm, "A brief history of neural nets"), read
# paragraph by paragraph: 1, first boom: translation hype, the Mark I perceptron, Minsky's critique, the first
# winter, the frame problem, the Chinese room and symbol grounding (named, then omitted), HAL 9000; 2, second
# boom and winter: the Neocognitron, LeCun's zip-code CNN (1989), backpropagation, LeCun's 1998 net, the second
# winter's vanishing gradients, the LSTM (1997), then the Web (1993), then "instead we got Xbox console";
# 3, games and GPUs: Jurassic Park and Toy Story, then Star Wars, then Vertigo, Final Fantasy VII, the NV20
# (GeForce 3), CUDA, the rivals TPU and FPGA; 4, pre-training of deep belief nets, then ReLU, Adam, dropout,
# batch normalisation.
ARTICLE_ORDER = [
    "georgetown-ibm", "mark-i-perceptron", "perceptrons-book", "lighthill", "frame-problem", "chinese-room",
    "symbol-grounding", "hal-9000",
    "neocognitron", "zip-code-cnn", "backprop", "lenet-5", "hochreiter-thesis", "lstm", "www-public-domain", "xbox",
    "jurassic-park", "star-wars", "vertigo", "final-fantasy-vii", "geforce-3", "cuda", "tpu", "fpga",
    "deep-belief-nets", "relu",
]


def test_the_storyline_follows_the_article_and_names_events_that_exist(everything):
    ids = set(everything["id"])
    assert set(ht.STORY_IDS) <= ids and len(set(ht.STORY_IDS)) == len(ht.STORY_IDS)
    assert list(ht.STORY_IDS) == ARTICLE_ORDER
    for event_id in ("hochreiter-thesis", "lstm", "www-public-domain"):  # inside the second winter (the article)
        assert history.event_by_id(event_id)["era"] == "winter2"
    card = ht.event_card(history.event_by_id("lstm"))
    assert f"step {ht.story_step('lstm')} of {len(ht.STORYLINE)}" in card
    assert "storyline" not in ht.event_card(history.event_by_id("svm"))
    assert all(len(ht.story_button(i)) <= 24 for i in range(len(ht.STORYLINE)))  # fits a button at 1024 px


def test_the_storyline_steps_name_what_the_article_tells_inside_them():
    said = {event_id: words for event_id, _, words in ht.STORYLINE}
    assert "Dennett" in said["frame-problem"] and "Toy Story" in said["jurassic-park"]
    assert "forget gate and peepholes" in said["lstm"] and "autoencoders" in said["deep-belief-nets"]
    relu = said["relu"]  # the article's list, in its order
    assert relu.index("ReLU") < relu.index("Adam") < relu.index("dropout") < relu.index("batch normalisation")
    years = [int(history.event_by_id(event_id)["year"]) for event_id in ht.STORY_IDS]
    assert years != sorted(years) and "not always the order of the dates" in ht.STORY_HINT  # the hint stays true


def test_era_texts_follow_the_eras_and_infer_nothing_from_the_choice_of_events(everything):
    eras = history.eras_frame()
    caption = ht.timeline_caption(everything, len(everything), eras)
    assert "quiet" not in caption and "funding" not in caption and "not a measure of the field" in caption
    winter2 = next(e for e in history.ERAS if e.key == "winter2")
    said = f"{winter2.start}–{winter2.end}"
    assert said in caption and said.replace("–", " to ") in ht.TIMELINE[1] and "1987–1993" in ht.TIMELINE[1]
    assert "1987–1993" in caption
    assert "1980–1990" in ht.timeline_description(everything, len(everything), eras, None)


def test_depth_is_n_not_d_on_this_page():
    assert r"\delta_n" in ht.GRADIENT_FORMULA and "_D" not in ht.GRADIENT_FORMULA
    assert "<i>n</i> = 7 layers" in ht.gradient_line(7, 1e-4) and "<sub><i>n</i></sub>" in ht.gradient_line(7, 1e-4)
    assert "δ_D" not in ht.gradient_description(7, 1.0, pd.DataFrame({"layer": [1], "ratio": [1e-4],
                                                                        "curve": ["measured"]}), 1e-4)
    assert "n−l" in ht.GRADIENT_CURVES[2] and "sum_n" not in ht.mlp_formula(4, 0.1)
