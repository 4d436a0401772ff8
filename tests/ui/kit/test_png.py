"""The PNG writer: what it writes decodes (with Pillow, which comes with Streamlit) to the pixels given."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image

from ui.kit import png


def _read(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_a_grey_image_decodes_to_its_pixels_top_row_first():
    pixels = np.arange(12, dtype=np.uint8).reshape(3, 4) * 20
    image = _read(png.png(pixels))
    assert image.mode == "L" and image.size == (4, 3)
    assert (np.asarray(image) == pixels).all()


def test_a_colour_image_decodes_to_its_pixels():
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(5, 7, 3), dtype=np.uint8)
    image = _read(png.png(pixels))
    assert image.mode == "RGB" and (np.asarray(image) == pixels).all()


def test_a_data_url_carries_the_png_itself():
    data = png.png(np.zeros((2, 2), np.uint8))
    url = png.data_uri(data)
    assert url.startswith("data:image/png;base64,") and base64.b64decode(url.split(",", 1)[1]) == data


@pytest.mark.parametrize("pixels", [np.zeros((2, 2)), np.zeros((2, 2, 4), np.uint8), np.zeros(3, np.uint8)])
def test_anything_but_uint8_grey_or_rgb_is_refused(pixels):
    with pytest.raises(ValueError, match="uint8"):
        png.png(pixels)
