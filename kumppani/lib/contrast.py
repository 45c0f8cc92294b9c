"""WCAG contrast of badge colours (Django-free)."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_for(background: str) -> str:
    """White or near-black text, whichever contrasts more with the badge background (WCAG)."""
    try:
        white = contrast_ratio(background, "#ffffff")
        black = contrast_ratio(background, "#212529")
    except (ValueError, IndexError):
        return "#ffffff"
    return "#ffffff" if white >= black else "#212529"
