"""Every date people enter lies between 1.1.2000 and ten years ahead (interactions: one year), in every form.

The walk fails when a form of ours, a list filter or a model field a form edits has a date field without the
bound, so a new form cannot forget it.
"""

import datetime
import importlib

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.utils import timezone

from kumppani.web.dates import (
    EARLIEST_DATE,
    BoundedDateField,
    DateInRange,
    has_date_bound,
    latest_date,
)

pytestmark = pytest.mark.django_db

OURS = ("outbox", "accounts", "links", "reminders", "crm", "leads", "segments", "care_plans", "kumppani")
DATE_FIELDS = (forms.DateField, forms.DateTimeField)
# Dates no person enters, each with the reason
EXEMPT = {
    "last_login": "Django's own user timestamp, set when the user logs in (the admin's user form shows it)",
    "date_joined": "Django's own user timestamp, set when the account is made",
}


def _subclasses(base):
    for cls in base.__subclasses__():
        yield cls
        yield from _subclasses(cls)


def _ours(cls) -> bool:
    return cls.__module__.split(".")[0] in OURS and ".tests" not in cls.__module__


def _load_forms() -> None:
    for config in apps.get_app_configs():
        if config.name.split(".")[0] not in OURS:
            continue
        for module in ("forms", "filters", "admin"):
            try:
                importlib.import_module(f"{config.name}.{module}")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.{module}":
                    raise


def _unbounded(form_class) -> list[str]:
    """The date fields of a form class (and of an instance, where one can be made bare) with no bound."""
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    fields = dict(form_class.base_fields)
    try:
        fields.update(form_class().fields)  # fields added in __init__
    except Exception:
        pass
    missing = []
    for name, field in fields.items():
        if not isinstance(field, DATE_FIELDS) or has_date_bound(field) or name in EXEMPT:
            continue
        model_field = _model_field(model, name)
        if model_field is not None and has_date_bound(model_field):
            continue  # the ModelForm's model validation refuses it, next to the field
        missing.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    return missing


def _model_field(model, name):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def test_every_form_date_field_is_bounded():
    _load_forms()
    form_classes = [cls for cls in _subclasses(forms.BaseForm) if _ours(cls)]
    assert form_classes
    missing = [name for cls in form_classes for name in _unbounded(cls)]
    assert not missing, f"date fields without the 2000…+10 years bound: {missing}"


def test_every_list_filter_date_is_bounded():
    _load_forms()
    missing = []
    for filterset in (cls for cls in _subclasses(django_filters.FilterSet) if _ours(cls)):
        for name, list_filter in filterset.base_filters.items():
            if issubclass(list_filter.field_class, DATE_FIELDS) and not issubclass(
                list_filter.field_class, BoundedDateField
            ):
                missing.append(f"{filterset.__name__}.{name}")
    assert not missing, missing


# Dates a person types, on the models (so the admin and the services are bound too)
PEOPLE_ENTER = {
    "crm.Delivery": ("start_date", "end_date"),
    "crm.PartnershipAgreement": ("start_date", "end_date"),
    "crm.Interaction": ("occurred_at",),
    "crm.ContactPreference": ("date",),
    "leads.Offer": ("valid_until",),
    "leads.Lead": ("visited_on",),
    "care_plans.CarePlan": ("review_date",),
    "care_plans.PlanAction": ("due_date",),
    "care_plans.Meeting": ("starts_at",),
    "care_plans.FollowUp": ("due_date",),
}


@pytest.mark.parametrize(("model", "field"), [(m, f) for m, fields in PEOPLE_ENTER.items() for f in fields])
def test_model_dates_people_enter_are_bounded(model, field):
    assert has_date_bound(apps.get_model(model)._meta.get_field(field))


def test_interactions_are_at_most_a_year_ahead():
    validators = apps.get_model("crm.Interaction")._meta.get_field("occurred_at").validators
    assert DateInRange(1) in validators


def test_the_range():
    today = timezone.localdate()
    bound = DateInRange()
    bound(EARLIEST_DATE)
    bound(latest_date())
    for outside in (datetime.date(1999, 12, 31), latest_date() + datetime.timedelta(days=1), datetime.date(9999, 1, 1)):
        with pytest.raises(forms.ValidationError):
            bound(outside)
    with pytest.raises(forms.ValidationError):
        DateInRange(1)(timezone.now() + datetime.timedelta(days=367))
    assert latest_date(10, today=datetime.date(2026, 2, 28)) == datetime.date(2036, 2, 28)
    assert latest_date(1, today=datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
    assert today <= latest_date(1)


def test_the_message_names_the_range_in_the_readers_format():
    from django.utils import translation

    with translation.override("fi"), pytest.raises(forms.ValidationError) as refused:
        DateInRange()(datetime.date(9999, 12, 31))
    message = refused.value.messages[0]
    assert "1.1.2000" in message
    assert f"{latest_date().year}" in message
