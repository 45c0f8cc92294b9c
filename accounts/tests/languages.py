"""Test helper: what a stored message says to a reader in each language."""

from django.utils import translation

LANGUAGES = ("fi", "en", "sv")


def in_languages(obj, attribute: str = "rendered") -> dict[str, str]:
    """{"fi": …, "en": …, "sv": …}: `obj.<attribute>` rendered with each language active."""
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = str(getattr(obj, attribute))
    return texts
