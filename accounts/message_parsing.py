"""Reading text written before message codes back into a code and parameters (`manage.py messages_to_codes`).

A prototype is a built message ({"code", "params"}) whose parameters show their types: a choice of some field, a
date, a person, per-language data, a nested message, plain text. `parse(text, prototype)` tries the code's template
in each language as a pattern, and reads what each placeholder matched back by its prototype's type: a choice from
its label in that language (any case), a date from d.m.Y, a person by name (the prototype's id when the name is
the same), per-language data when it equals one of the prototype's variants, a nested message recursively. So the
parameters are those of the time of writing, not of today. It returns the message, or None when the text is not
that sentence.
"""

import datetime
import functools
import re

from django.conf import settings
from django.utils import translation

from accounts.messages import build, choice_labels, message_template

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")
_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


class _NoMatch(Exception):
    pass


@functools.cache
def _patterns(code: str, language: str, ignore_case: bool) -> tuple[re.Pattern, ...]:
    """The template as a pattern, placeholders shortest first, then longest first (names may hold ': ')."""
    template = message_template(code)
    if template is None:
        return ()
    with translation.override(language):
        text = str(template)
    patterns = []
    for lazy in ("?", ""):
        parts, seen, position = [], set(), 0
        for found in _PLACEHOLDER.finditer(text):
            parts.append(re.escape(text[position : found.start()]))
            name = found.group(1)
            if name is None:
                parts.append("%")
            elif name in seen:
                parts.append(f"(?P={name})")
            else:
                seen.add(name)
                parts.append(f"(?P<{name}>.+{lazy})")
            position = found.end()
        parts.append(re.escape(text[position:]))
        patterns.append(re.compile("".join(parts), re.DOTALL | (re.IGNORECASE if ignore_case else 0)))
    return tuple(patterns)


@functools.cache
def _labels(key: str, language: str) -> dict[str, object]:
    with translation.override(language):
        return {str(label).lower(): value for value, label in choice_labels(key).items()}


def _read(captured: str, prototype, language: str):
    if not isinstance(prototype, dict):
        return captured
    if "choice" in prototype:
        labels = _labels(prototype["choice"], language)
        if captured.lower() not in labels:
            raise _NoMatch
        return {**prototype, "value": labels[captured.lower()]}
    if "date" in prototype:
        found = _DATE.fullmatch(captured)
        if found is None:
            raise _NoMatch
        day, month, year = (int(part) for part in found.groups())
        try:
            return {"date": datetime.date(year, month, day).isoformat()}
        except ValueError as exc:
            raise _NoMatch from exc
    if "user" in prototype:
        return {"user": prototype["user"] if captured == prototype.get("name") else None, "name": captured}
    if "text" in prototype:
        if captured not in {text for text in prototype["text"].values() if text}:
            raise _NoMatch
        return prototype
    if "message" in prototype:
        nested = _parse(
            captured, prototype["message"], prototype.get("params") or {}, language, bool(prototype.get("lower"))
        )
        if nested is None:
            raise _NoMatch
        return {**prototype, "params": nested}
    if "legacy" in prototype:
        return {"legacy": captured}
    return captured


def _parse(text: str, code: str, prototype: dict, first_language: str, ignore_case: bool = False) -> dict | None:
    languages = [first_language, *(lang for lang, _name in settings.LANGUAGES if lang != first_language)]
    for language in languages:
        for pattern in _patterns(code, language, ignore_case):
            found = pattern.fullmatch(text)
            if found is None:
                continue
            try:
                return {
                    name: _read(captured, prototype.get(name), language) for name, captured in found.groupdict().items()
                }
            except _NoMatch:
                continue
    return None


def parse(text: str, prototype: dict) -> dict | None:
    """The message `text` says if it is the prototype's sentence in some language, else None."""
    params = _parse(text.strip(), prototype["code"], prototype["params"], settings.LANGUAGE_CODE)
    return None if params is None else build(prototype["code"], **params)


def parse_any(text: str, prototypes: list[dict]) -> dict | None:
    """The first prototype the text is; None when it is none of them."""
    for prototype in prototypes:
        message = parse(text, prototype)
        if message is not None:
            return message
    return None
