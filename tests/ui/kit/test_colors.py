"""ui/kit/colors.py: the value colours every page shares."""

from ui.kit.colors import value_color


def test_value_color_endpoints_midpoint_clamp_and_nan():
    assert value_color("f", 0.0) == "#f4f4f4"
    assert value_color("f", 1.0) == "#1b7837"
    assert value_color("f", 7.0) == "#1b7837"  # clamped
    assert value_color("c", 0.0) == "#f7f7f7"
    assert value_color("c", -1.0) == "#2166ac"
    assert value_color("y", 1.0) == "#b2182b"
    assert value_color("c", float("nan")) == "#ffffff"
    # halfway between grey f4 and green 1b/78/37, channel by channel
    assert value_color("i", 0.5) == "#" + "".join(
        f"{round((a + b) / 2):02x}" for a, b in ((0xF4, 0x1B), (0xF4, 0x78), (0xF4, 0x37)))




def test_ink_is_white_on_dark_fills_and_black_on_light_ones():
    from ui.kit.colors import ink

    assert ink("#1b7837") == "#ffffff" and ink("#2166ac") == "#ffffff"
    assert ink("#f4f4f4") == "#111111" and ink("#fde0c5") == "#111111"
