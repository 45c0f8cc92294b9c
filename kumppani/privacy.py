"""Where a person's data can be: the registry of models and text fields, and the search that finds them.

Erasing a contact person must reach every place their name, e-mail or phone was copied to or typed into,
and their data export must show the same places. Every app registers, in its `personal_data.py` imported from
its `AppConfig.ready()`, each model with the text fields that can hold such data and, where it has one, how
rows linked to the person directly are found (`linked(subject)` returns a `Q`). The historical table of a
registered model (django-simple-history) is searched too, with the same fields: its rows hold copies, and
an erasure that left them would be undone by a restore. `crm.erasure` turns a contact into a `Subject` and
does the erasing; `kumppani/tests/test_privacy_registry.py` fails when a model with a free-text field is
neither registered nor exempt with a reason.

Like kumppani.web, this module imports Django but no project app, so even the outbox registers here.
Apps still to come register their own rows: survey comments (feedback), import files, event registrations.
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

# A national phone number has at least this many digits after the prefix; shorter ones match too much.
MIN_PHONE_DIGITS = 6
SNIPPET_CONTEXT = 40


@dataclass(frozen=True)
class Subject:
    """The person searched for: every name, e-mail and phone they have had, and their row's id for `linked`."""

    pk: int
    names: tuple[tuple[str, str], ...] = ()  # (first, last)
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    model: type[models.Model]
    fields: tuple[str, ...]
    linked: Callable[[Subject], Q | None] | None = None
    history_of: type[models.Model] | None = None  # set on the derived entry of a historical table

    @property
    def label(self) -> str:
        return self.model._meta.label


_registry: dict[type[models.Model], Entry] = {}


def register(model: type[models.Model], fields: Iterable[str], *, linked=None) -> None:
    """`model`'s text `fields` can hold a person's data; `linked(subject)` finds rows about the person."""
    names = tuple(fields)
    for name in names:
        model._meta.get_field(name)  # a typo fails at start-up, not in an erasure
    _registry[model] = Entry(model, names, linked)


def history_model(model):
    """The simple-history model of `model`, or None."""
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def entries() -> list[Entry]:
    """Every registered model, then the historical table of each one that has history.

    History is derived when asked, not when registered, so a model that gains HistoricalRecords later is
    covered without touching its registration.
    """
    found = list(_registry.values())
    for entry in list(found):
        history = history_model(entry.model)
        if history is not None:
            found.append(Entry(history, entry.fields, entry.linked, history_of=entry.model))
    return found


def registered_fields() -> set[tuple[str, str]]:
    return {(entry.label, name) for entry in entries() for name in entry.fields}


# --- what to look for -----------------------------------------------------------------------------------


def phone_digits(phone: str) -> str:
    """The national significant number: digits only, without +358, 00358 or the trunk 0."""
    digits = re.sub(r"\D", "", phone or "")
    for prefix in ("00358", "358", "0"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= MIN_PHONE_DIGITS:
            return digits[len(prefix) :]
    return digits


def _name_pattern(first: str, second: str) -> str:
    return r"\s+".join(re.escape(word) for word in f"{first} {second}".split())


def patterns(subject: Subject) -> dict[str, str]:
    """Regular expressions valid in both PostgreSQL (ARE) and Python, by what they find.

    The full name in either order ("Maija Mehiläinen", "Mehiläinen Maija") with any spacing, the e-mail, and
    the phone written with +358, 00358 or 0 and spaces, dashes, dots or brackets between its digits.
    """
    names, emails, phones = set(), set(), set()
    for first, last in subject.names:
        if first.strip() and last.strip():
            names.add(_name_pattern(first, last))
            names.add(_name_pattern(last, first))
    emails = {re.escape(email.strip()) for email in subject.emails if email.strip()}
    for phone in subject.phones:
        national = phone_digits(phone)
        if len(national) >= MIN_PHONE_DIGITS:
            spaced = r"[\s().-]*".join(national)
            phones.add(rf"(?:\+358|00358|358|0)[\s().-]*{spaced}(?![0-9])")
    found = {kind: "|".join(sorted(found)) for kind, found in (("name", names), ("email", emails), ("phone", phones))}
    return {kind: pattern for kind, pattern in found.items() if pattern}


def combined_pattern(subject: Subject) -> str:
    return "|".join(f"(?:{p})" for p in patterns(subject).values())


# --- hits -----------------------------------------------------------------------------------------------


@dataclass
class Hit:
    """One field of one row that mentions the person, with every match in it."""

    entry: Entry
    pk: int
    field: str
    text: str
    kinds: list[str] = field(default_factory=list)
    linked: bool = False
    obj: models.Model | None = None

    @property
    def key(self) -> str:
        return f"{self.entry.label}:{self.pk}:{self.field}"

    @property
    def verbose_field(self) -> str:
        return str(self.entry.model._meta.get_field(self.field).verbose_name)

    @property
    def model_name(self) -> str:
        if self.entry.history_of is not None:
            # Said in our words: simple-history's own name ("historical …") has no Finnish or Swedish.
            return _("%(name)s (earlier version)") % {"name": self.entry.history_of._meta.verbose_name}
        return str(self.entry.model._meta.verbose_name)

    @property
    def record_id(self):
        """The id of the row the hit is about: for a history row, its original row's."""
        return getattr(self.obj, "id", self.pk) if self.entry.history_of else self.pk

    def snippets(self, subject: Subject) -> list[tuple[str, str, str]]:
        """(before, match, after) around each match, for the admin to see what would be replaced."""
        result = []
        for match in re.finditer(combined_pattern(subject), self.text, flags=re.IGNORECASE):
            before = self.text[max(0, match.start() - SNIPPET_CONTEXT) : match.start()]
            after = self.text[match.end() : match.end() + SNIPPET_CONTEXT]
            result.append((before, match.group(0), after))
        return result


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _is_json(model, name: str) -> bool:
    return isinstance(model._meta.get_field(name), models.JSONField)


def _linked_ids(entry: Entry, subject: Subject, queryset) -> set:
    linked_q = entry.linked(subject) if entry.linked else None
    if linked_q is None:
        return set()
    if entry.history_of is not None:
        live = entry.history_of._base_manager.filter(linked_q).values("pk")
        return set(queryset.filter(id__in=live).values_list("pk", flat=True))
    return set(queryset.filter(linked_q).values_list("pk", flat=True))


def _search_entry(entry: Entry, subject: Subject, pattern: str, compiled: dict) -> list[Hit]:
    model = entry.model
    queryset = model._base_manager.all()
    condition = Q()
    for name in entry.fields:
        if _is_json(model, name):
            alias = f"_{name}_text"
            queryset = queryset.alias(**{alias: Cast(name, models.TextField())})
            condition |= Q(**{f"{alias}__iregex": pattern})
        else:
            condition |= Q(**{f"{name}__iregex": pattern})
    rows = list(queryset.filter(condition).order_by("pk"))
    if not rows:
        return []
    linked_ids = _linked_ids(entry, subject, model._base_manager.filter(pk__in=[row.pk for row in rows]))
    hits = []
    for obj in rows:
        for name in entry.fields:
            text = _as_text(getattr(obj, name))
            kinds = [kind for kind, regex in compiled.items() if regex.search(text)]
            if kinds:
                hits.append(Hit(entry, obj.pk, name, text, kinds, linked=obj.pk in linked_ids, obj=obj))
    return hits


def search(subject: Subject, *, exclude: Callable[[Entry], Q | None] | None = None) -> list[Hit]:
    """Every registered field of every row (history rows included) that mentions the subject.

    One query per registered table: an OR of case-insensitive regular expressions over its fields (JSON
    cast to text), so the scan stays in PostgreSQL. `exclude(entry)` may leave rows out (the contact's own
    row, which is erased anyway).
    """
    found = patterns(subject)
    if not found:
        return []
    pattern = combined_pattern(subject)
    compiled = {kind: re.compile(p, re.IGNORECASE) for kind, p in found.items()}
    hits = []
    for entry in entries():
        entry_hits = _search_entry(entry, subject, pattern, compiled)
        skip = exclude(entry) if exclude else None
        if skip is not None and entry_hits:
            skipped = set(entry.model._base_manager.filter(skip).values_list("pk", flat=True))
            entry_hits = [hit for hit in entry_hits if hit.pk not in skipped]
        hits.extend(entry_hits)
    return hits


def _replace_in(value, regex, placeholder: str):
    if isinstance(value, str):
        return regex.sub(placeholder, value)
    if isinstance(value, list):
        return [_replace_in(item, regex, placeholder) for item in value]
    if isinstance(value, dict):
        return {key: _replace_in(item, regex, placeholder) for key, item in value.items()}
    return value


def replace(subject: Subject, hits: Iterable[Hit], placeholder: str) -> int:
    """Overwrite every match in the given hits with `placeholder`; returns the number of matches replaced.

    Written with `update()`, so no new history row copies the text again.
    """
    regex = re.compile(combined_pattern(subject), re.IGNORECASE)
    count = 0
    for hit in hits:
        manager = hit.entry.model._base_manager
        value = manager.values_list(hit.field, flat=True).get(pk=hit.pk)
        count += len(regex.findall(_as_text(value)))
        manager.filter(pk=hit.pk).update(**{hit.field: _replace_in(value, regex, placeholder)})
    return count
