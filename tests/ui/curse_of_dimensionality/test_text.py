"""ui/curse_of_dimensionality/text.py: captions that read the numbers they are given."""

import pandas as pd

from ui.curse_of_dimensionality import text


def test_knn_caption_reads_the_first_and_last_point_of_the_curve():
    knn = pd.DataFrame({"features": [2, 10, 1026], "accuracy": [0.962, 0.7, 0.514]})
    caption = text.knn_caption(knn)
    assert "from 96% with the two features to 51% with 1,026" in caption


def test_ratio_caption_names_the_last_hit_and_where_the_exact_line_ends():
    table = pd.DataFrame({"D": [1, 2, 3], "hits": [200_000, 156_000, 0]})
    inside = text.ratio_caption(table, 20, 10, 200_000, 300)
    assert "200,000 points" in inside and "at least 10 times" in inside and "last hit is at D = 2" in inside
    assert inside.endswith("goes on.")
    beyond = text.ratio_caption(table, 5000, 10, 200_000, 300)
    assert "to D = 300 (ρ_D for D = 5,000 is in the formula below)." in beyond


def test_radius_caption_puts_the_measured_share_beside_the_theory():
    caption = text.radius_caption(50, 0.01, 5000, 0.3951)
    assert "5,000 uniform points of the 50-ball" in caption
    assert "39.5% of them lie in the shell (theory 39.5%)" in caption
