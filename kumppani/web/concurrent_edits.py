"""Concurrent edits: the second of two people saving one record sees what the first changed, and decides.

An edit form (a ModelForm with `VersionedFormMixin`, on a model with django-simple-history) carries the version
it was loaded at, the id of the record's latest history row, in a hidden field. The view saves through
`save_versioned(form, save)`: it locks the row (SELECT … FOR UPDATE), so two saves of one record run one after
the other, and compares the version. When someone saved a field of this form since it was loaded, nothing is
saved: the form comes back with, per such field, the stored value (who changed it and when) beside the one
typed, and the person keeps theirs or takes the other's, field by field, and saves again. What changed only in
fields the form does not show (values the system keeps) is no conflict; nothing is lost silently either way.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django import forms
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

T = TypeVar("T")

VERSION_FIELD = "edit_version"
CHOICE_PREFIX = "edit_keep_"
MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class Conflict:
    """One field someone else changed since the form was loaded, and what this person typed there."""

    name: str
    label: str
    input_name: str
    theirs: str
    mine: str
    changed_by: str
    changed_at: datetime.datetime
    you_changed: bool

    @property
    def default_choice(self) -> str:
        # A field this person did not touch takes the other's value unless they say otherwise.
        return MINE if self.you_changed else THEIRS


def version_of(instance: models.Model) -> str:
    """The id of the record's latest history row ("" for a row without history)."""
    latest = instance.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return str(latest) if latest is not None else ""


class VersionedFormMixin:
    """Put first in a ModelForm's bases: adds the version field and applies "take theirs" choices."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.edit_conflicts: list[Conflict] = []
        if self.instance.pk is not None:
            self.fields[VERSION_FIELD] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=version_of(self.instance)
            )

    def _post_clean(self):
        # Before the instance is built from cleaned_data it still holds the stored values, i.e. theirs.
        for name in self._taken_theirs():
            self.cleaned_data[name] = _stored_value(self.instance, name)
        super()._post_clean()

    def _taken_theirs(self) -> list[str]:
        if not self.is_bound or VERSION_FIELD not in self.fields:
            return []
        return [
            name
            for name in _compared_fields(self)
            if name in self.cleaned_data and self.data.get(self.add_prefix(CHOICE_PREFIX + name)) == THEIRS
        ]


def save_versioned(form: forms.ModelForm, save: Callable[[], T]) -> T | None:
    """Run `save()` unless someone changed this form's fields since it was loaded; then return None.

    On a conflict the form gets `edit_conflicts` and the current version, so rendering it again asks the person.
    """
    with transaction.atomic():
        if not lock_and_compare(form):
            return save()
    return None


def lock_and_compare(form: forms.ModelForm) -> list[Conflict]:
    """Lock the form's row and list what others changed since the form's version; call it in a transaction.

    The lock lasts until that transaction ends, so the check and the save that follows are one step: a second
    save waits here, then sees the first. On a conflict the form gets `edit_conflicts` and the current version.
    """
    token = (form.cleaned_data.get(VERSION_FIELD) or "") if VERSION_FIELD in form.fields else ""
    if not token.isdigit():
        # A new record, or a post that names no version (not from the form, which always does): nothing to compare.
        return []
    instance = form.instance
    type(instance)._default_manager.select_for_update().filter(pk=instance.pk).values_list("pk").first()
    latest = version_of(instance)
    conflicts = [] if latest == token else _conflicts(form, token)
    if conflicts:
        form.edit_conflicts = conflicts
        data = form.data.copy()
        data[form.add_prefix(VERSION_FIELD)] = latest
        form.data = data
    return conflicts


class AdminVersionedFormMixin(VersionedFormMixin):
    """The admin's change form: its view runs in one transaction, so the check can be part of validation."""

    def clean(self):
        data = super().clean()
        if self.instance.pk is not None and lock_and_compare(self):
            raise forms.ValidationError(
                _("Someone else saved this while you were editing: choose below, field by field, and save again.")
            )
        return data


def _compared_fields(form) -> list[str]:
    tracked = {field.name for field in form.instance.history.model.tracked_fields}
    names = []
    for name in form.fields:
        if name == VERSION_FIELD or name not in tracked:
            continue
        field = form.instance._meta.get_field(name)
        if not isinstance(field, models.FileField):  # uploads are kept apart from this comparison
            names.append(name)
    return names


def _conflicts(form, token: str) -> list[Conflict]:
    names = _compared_fields(form)
    history = form.instance.history.select_related("history_user").order_by("history_id")
    base = history.filter(history_id=token).first()
    if base is None:
        return []  # a version of another record: nothing to compare with
    previous = base
    changed_in: dict[str, object] = {}
    records = history.filter(history_id__gt=base.history_id)
    for record in records:
        for change in record.diff_against(previous, included_fields=names).changes:
            changed_in[change.field] = record
        previous = record
    conflicts = []
    for name, record in changed_in.items():
        field = form.instance._meta.get_field(name)
        theirs = getattr(previous, field.attname)
        mine = _raw(form.cleaned_data.get(name))
        if mine == theirs:
            continue  # both wrote the same value: nothing to decide
        user = record.history_user
        conflicts.append(
            Conflict(
                name=name,
                label=str(form.fields[name].label or field.verbose_name),
                input_name=form.add_prefix(CHOICE_PREFIX + name),
                theirs=_display(field, theirs),
                mine=_display(field, mine),
                changed_by=(user.get_full_name() or str(user)) if user else _("someone"),
                changed_at=record.history_date,
                you_changed=mine != getattr(base, field.attname),
            )
        )
    order = list(form.fields)
    return sorted(conflicts, key=lambda conflict: order.index(conflict.name))


def _raw(value):
    return value.pk if isinstance(value, models.Model) else value


def _stored_value(instance: models.Model, name: str):
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(instance, name).all())
    return getattr(instance, name)


def _display(field: models.Field, value) -> str:
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return str(formats.localize(value))
