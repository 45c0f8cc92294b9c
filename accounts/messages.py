"""Text the system writes: a message code with JSON parameters, rendered when it is read, in the reader's language.

Timeline entries, notifications and lead events stored as translated text would show the writer's language to
every reader. So the writer stores a code and parameters, and each page renders them in its active language.

Registering. Each app declares its sentences in its own `messages.py` (imported from AppConfig.ready()), with a
lazily translated template, and the choice fields whose values it puts in parameters:

    register_message("leads.passed", _("%(need)s, passed by %(teacher)s"))
    register_choices(Lead, "need", "close_reason")

Parameters are JSON values, built with the helpers below:
- a plain string: a name or what a person typed (organisation names, titles, subjects), shown as it is;
- `choice(Lead, "need", value)` → {"choice": "leads.Lead.need", "value": "staff_training"}: the field's label;
- `date(value)` → {"date": "2026-05-04"}: Django's SHORT_DATE_FORMAT of the reader's language;
- `user(person)` → {"user": 7, "name": "Anna Asiakas"}: the person's current name when the page looked it up
  (`attach_names`, one query per list), else the name as written;
- `variants(obj, "name")` → {"text": {"fi": …, "en": …, "sv": …}}: data admins define per language (segment
  names, service types, after-care steps), in the reader's language with Finnish as the fallback;
- `nested(message)` → {"message": code, "params": {…}}: another message inside this one;
- `legacy_text(text)` → {"legacy": "…"}: text written before codes existed, shown as it is, marked Finnish.
A choice or nested message may carry "lower": true, lowercased for the middle of a sentence.

Writing. Services build `{"code": …, "params": …}` with small builders in their app's `messages.py` and pass it
on (`timeline_add(..., **interaction_message(interaction))`); `check_message` refuses unknown codes.

Reading. `render_message(code, params)` is plain text (mail, admin); `render_message_html` escapes every part and
wraps Finnish shown in place of the reader's language in `<span lang="fi">`. A row written before codes existed
has no code yet or the code LEGACY: its stored text is shown as it is, marked Finnish. `RenderedMessage` gives a
model `rendered` and `rendered_html` from its code, parameters and old text fields; `manage.py messages_to_codes`
reads old text back into codes (accounts.message_parsing).
"""

import datetime
import logging

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

LEGACY = "legacy"  # written as text before codes existed; the text is kept in the model's old column
FALLBACK_LANGUAGE = "fi"

_TEMPLATES: dict[str, str] = {}  # code → lazily translated template
_CHOICES: dict[str, dict] = {}  # "app.Model.field" → {value: lazily translated label}


def register_message(code: str, template) -> None:
    if code == LEGACY:
        raise ValueError(f"{LEGACY!r} is reserved for rows written before message codes")
    _TEMPLATES[code] = template


def message_template(code: str):
    """The registered (lazy) template of a code, or None."""
    return _TEMPLATES.get(code)


def registered_codes() -> list[str]:
    return sorted(_TEMPLATES)


def register_choices(model: type[models.Model], *field_names: str) -> None:
    for name in field_names:
        field = model._meta.get_field(name)
        _CHOICES[f"{model._meta.label}.{name}"] = dict(field.flatchoices)


def choice_labels(key: str) -> dict:
    """{value: lazy label} of a registered choice field."""
    return _CHOICES[key]


def check_message(code: str, params: dict | None) -> dict:
    """The parameters to store; unknown codes are a programming error, caught when writing, not when reading."""
    if code not in _TEMPLATES:
        raise LookupError(f"unknown message code {code!r}: register it in the app's messages.py")
    return dict(params or {})


# --- building parameters -------------------------------------------------------------------------------------


def choice(model: type[models.Model], field: str, value, *, lower: bool = False) -> dict:
    key = f"{model._meta.label}.{field}"
    if key not in _CHOICES:
        raise LookupError(f"register_choices({model.__name__}, {field!r}) before storing its values")
    param = {"choice": key, "value": getattr(value, "value", value)}
    if lower:
        param["lower"] = True
    return param


def date(value: datetime.date | datetime.datetime) -> dict:
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return {"date": value.isoformat()}


def user(person) -> dict:
    """A person by id and name; None gives an empty name (a prototype to read old rows with)."""
    if person is None:
        return {"user": None, "name": ""}
    return {"user": person.pk, "name": str(person)}


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def variants(obj, field: str) -> dict:
    return {"text": {language: getattr(obj, f"{field}_{language}", "") or "" for language in languages()}}


def nested(message: dict, *, lower: bool = False) -> dict:
    """A built message ({"code", "params"}) as a parameter of another."""
    param = {"message": message["code"], "params": message["params"]}
    if lower:
        param["lower"] = True
    return param


def legacy_text(text: str) -> dict:
    return {"legacy": text}


def build(code: str, **params) -> dict:
    """What builders return and writers take as keyword arguments: {"code": …, "params": …}."""
    return {"code": code, "params": params}


# --- data in several languages -------------------------------------------------------------------------------


def _reader_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE)[:2]


def pick_variant(texts: dict) -> tuple[str, str]:
    """(text, its language): the reader's language, else Finnish, else whatever exists."""
    reader = _reader_language()
    for language in (reader, FALLBACK_LANGUAGE, *texts):
        if texts.get(language):
            return texts[language], language
    return "", reader


def localised(obj, field: str) -> str:
    """`obj.<field>_<reader's language>`, Finnish when that is empty."""
    return pick_variant(variants(obj, field)["text"])[0]


def localised_html(obj, field: str) -> SafeString:
    return _variant_html(variants(obj, field)["text"])


def _variant_html(texts: dict) -> SafeString:
    text, language = pick_variant(texts)
    if language != _reader_language():
        return format_html('<span lang="{}">{}</span>', language, text)
    return escape(text)


# --- rendering -----------------------------------------------------------------------------------------------


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return ""  # a parameter the template gained later than the row


def _param(value, html: bool, names: dict) -> str:
    if isinstance(value, dict):
        text = _typed_param(value, html, names)
        if value.get("lower"):
            text = text.lower()
        return mark_safe(text) if html else text
    text = "" if value is None else str(value)
    return escape(text) if html else text


def _typed_param(value: dict, html: bool, names: dict) -> str:
    if "choice" in value:
        label = _CHOICES.get(value["choice"], {}).get(value.get("value"), value.get("value"))
        return escape(str(label)) if html else str(label)
    if "date" in value:
        try:
            text = date_format(datetime.date.fromisoformat(value["date"]), "SHORT_DATE_FORMAT")
        except (TypeError, ValueError):
            text = str(value["date"])
        return escape(text) if html else text
    if "user" in value:
        name = names.get(value["user"]) or value.get("name", "")
        return escape(name) if html else name
    if "text" in value:
        texts = value["text"] if isinstance(value["text"], dict) else {}
        return _variant_html(texts) if html else pick_variant(texts)[0]
    if "message" in value:
        return _render(value["message"], value.get("params"), html, names)
    if "legacy" in value:
        text = str(value["legacy"])
        return format_html('<span lang="{}">{}</span>', FALLBACK_LANGUAGE, text) if html else text
    return escape(str(value)) if html else str(value)


def _render(code: str, params, html: bool, names: dict) -> str:
    template = _TEMPLATES.get(code)
    if template is None:
        logger.warning("message code %r is not registered", code)
        return escape(code) if html else code
    values = _Values({name: _param(value, html, names) for name, value in (params or {}).items()})
    text = str(template)
    try:
        return (escape(text) if html else text) % values
    except (TypeError, ValueError):
        logger.warning("message %r does not fit its parameters", code)
        return escape(text) if html else text


def is_legacy(code: str) -> bool:
    return not code or code == LEGACY


def render_message(code: str, params: dict | None, *, legacy: str = "", names: dict | None = None) -> str:
    """Plain text in the active language; a legacy row gives its stored text. `names`: {user id: current name}."""
    if is_legacy(code):
        return legacy
    return _render(code, params, False, names or {})


def render_message_html(code: str, params: dict | None, *, legacy: str = "", names: dict | None = None) -> SafeString:
    """Escaped HTML in the active language; Finnish shown for another language is marked lang="fi"."""
    if is_legacy(code):
        return format_html('<span lang="{}">{}</span>', FALLBACK_LANGUAGE, legacy) if legacy else SafeString("")
    return mark_safe(_render(code, params, True, names or {}))


def mentioned_users(params) -> set[int]:
    """Ids of the people a message's parameters name, nested messages included."""
    ids: set[int] = set()
    for value in (params or {}).values():
        if isinstance(value, dict):
            if value.get("user"):
                ids.add(value["user"])
            if "message" in value:
                ids |= mentioned_users(value.get("params"))
    return ids


def attach_names(rows) -> list:
    """Look up, in one query, the current names of the people the rows' messages name; returns the rows."""
    from django.contrib.auth import get_user_model

    rows = list(rows)
    ids = set().union(*(mentioned_users(row._message()[1]) for row in rows))
    names = {}
    if ids:
        names = {person.pk: str(person) for person in get_user_model().objects.filter(pk__in=ids)}
    for row in rows:
        row.message_names = names
    return rows


class RenderedMessage:
    """A model that stores a message: name its code, parameters and old-text fields in `message_fields`.

    People are shown by their current name when a list was passed through `attach_names`, else as written.
    """

    message_fields: tuple[str, str, str] = ("code", "params", "text")
    message_names: dict | None = None

    def _message(self) -> tuple[str, dict, str]:
        code, params, legacy = self.message_fields
        return getattr(self, code), getattr(self, params), getattr(self, legacy)

    @property
    def rendered(self) -> str:
        code, params, legacy = self._message()
        return render_message(code, params, legacy=legacy, names=self.message_names)

    @property
    def rendered_html(self) -> SafeString:
        code, params, legacy = self._message()
        return render_message_html(code, params, legacy=legacy, names=self.message_names)
