"""Every model of ours with a free-text field is in the personal-data registry, or exempt for a stated reason.

Free text, the rule: every TextField and JSONField, and every CharField (EmailField, URLField and SlugField
included) without choices whose max_length is 50 or more. Shorter or choice fields hold codes. Historical
tables (django-simple-history) of our models count: their rows hold copies of the live rows' text.
"""

from django.apps import apps
from django.db import models

from kumppani.privacy import entries, history_model, registered_fields

OUR_APPS = {
    "outbox",
    "accounts",
    "links",
    "reminders",
    "crm",
    "leads",
    "segments",
    "care_plans",
    "feedback",
    "roadmap",
    "kumppani",
}

# (model label, field): why it cannot hold a contact person's data.
EXEMPT = {
    # Codes and keys the system writes.
    ("outbox.OutgoingEmail", "template"): "a template path",
    ("outbox.OutgoingEmail", "dedupe_key"): "a key made of ids",
    ("accounts.Notification", "code"): "a message code",
    ("accounts.Notification", "url"): "a path inside the app",
    ("crm.TimelineEntry", "message_code"): "a message code",
    ("crm.TimelineEntry", "url"): "a path inside the app",
    ("leads.LeadEvent", "code"): "a message code",
    ("care_plans.FollowUp", "title_code"): "a message code",
    ("links.PublicLinkToken", "token_hash"): "a hash",
    ("care_plans.CalendarFeed", "token"): "a random token",
    ("accounts.User", "password"): "a password hash",
    # Staff's own data: users are the organisation's staff, never a customer's contact person.
    ("accounts.User", "first_name"): "staff",
    ("accounts.User", "last_name"): "staff",
    ("accounts.User", "email"): "staff",
    ("accounts.User", "title"): "staff",
    ("accounts.User", "phone"): "staff",
    ("accounts.SubmittedForm", "path"): "a path inside the app",
    ("accounts.SubmittedForm", "result_url"): "a path inside the app",
    ("kumppani.BeatScheduleDefault", "name"): "a periodic task's name",
    ("kumppani.BeatScheduleDefault", "values"): "a periodic task's schedule values",
    # Reference data that admins define: units, places, industries, service types, segments, care models.
    ("accounts.OrgUnit", "name"): "reference data",
    ("crm.Municipality", "name_fi"): "reference data",
    ("crm.Municipality", "name_sv"): "reference data",
    ("crm.Municipality", "region"): "reference data",
    ("crm.Industry", "name_fi"): "reference data",
    ("crm.Industry", "name_en"): "reference data",
    ("crm.Industry", "name_sv"): "reference data",
    ("crm.ServiceType", "code"): "reference data",
    ("crm.ServiceType", "name_fi"): "reference data",
    ("crm.ServiceType", "name_en"): "reference data",
    ("crm.ServiceType", "name_sv"): "reference data",
    ("crm.ContactRole", "code"): "reference data",
    ("crm.ContactRole", "name_fi"): "reference data",
    ("crm.ContactRole", "name_en"): "reference data",
    ("crm.ContactRole", "name_sv"): "reference data",
    ("crm.Organisation", "post_office"): "a place name",
    ("crm.Organisation", "website"): "a customer's web address",
    ("care_plans.AfterCareModel", "name"): "reference data",
    ("care_plans.AfterCareStep", "title_fi"): "reference data",
    ("care_plans.AfterCareStep", "title_en"): "reference data",
    ("care_plans.AfterCareStep", "title_sv"): "reference data",
    ("care_plans.CarePlan", "channels"): "a list of channel codes",
    **{
        ("segments.Segment", f"{name}_{lang}"): "reference data"
        for name in ("name", "definition", "goal")
        for lang in ("fi", "en", "sv")
    },
    **{
        ("segments.CareModel", f"{name}_{lang}"): "reference data"
        for name in ("rhythm", "target_measures", "notes")
        for lang in ("fi", "en", "sv")
    },
    # Surveys, their questions and the loop's rules are admin-written reference data; a baseline names a source.
    ("feedback.Survey", "name"): "reference data",
    **{
        (model, f"{name}_{lang}"): "reference data"
        for model, names in (
            ("feedback.Survey", ("recommend", "why")),
            ("feedback.Question", ("text", "choices")),
            ("feedback.LoopRule", ("title",)),
        )
        for name in names
        for lang in ("fi", "en", "sv")
    },
    ("feedback.NpsBaseline", "source"): "reference data",
    # The roadmap's own text, which admins define: names, the vision, goals and indicators, never about a contact.
    **{
        (f"roadmap.{model}", f"{name}_{lang}"): "roadmap text admins define"
        for model, names in (("Roadmap", ("name", "vision")), ("Theme", ("name",)), ("Goal", ("text",)))
        for name in names
        for lang in ("fi", "en", "sv")
    },
    **{("roadmap.Indicator", f"name_{lang}"): "roadmap text admins define" for lang in ("fi", "en", "sv")},
    ("roadmap.Roadmap", "key"): "a code",
    ("roadmap.EvidenceLink", "url"): "a web address",
    ("roadmap.Snapshot", "parts"): "figures the nightly snapshot computes",
    # Written by the suggestion engine from figures (headcount, deliveries, NPS), never from names.
    ("segments.SegmentChange", "explanations"): "machine-written from figures",
    ("segments.Suggestion", "facts"): "machine-written from figures",
    ("segments.Suggestion", "explanation"): "machine-written from figures",
}
# Written by simple-history from code, never typed in Kumppani.
HISTORY_FIELDS = {"history_change_reason"}


def _is_free_text(field) -> bool:
    if isinstance(field, models.TextField | models.JSONField):
        return True
    return isinstance(field, models.CharField) and not field.choices and (field.max_length or 0) >= 50


def _free_text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        live = getattr(model, "instance_type", None)  # a historical model's live model
        for field in model._meta.concrete_fields:
            if not _is_free_text(field):
                continue
            if live is not None:
                if field.name in HISTORY_FIELDS:
                    continue
                try:
                    live_field = live._meta.get_field(field.name)
                except Exception:
                    continue
                if not _is_free_text(live_field):
                    continue  # a file path or a code on the live model
                yield model, live, field
            else:
                yield model, None, field


def test_every_free_text_field_is_registered_or_exempt():
    registered = registered_fields()
    missing = []
    for model, live, field in _free_text_fields():
        label = (live or model)._meta.label
        if (model._meta.label, field.name) in registered or (label, field.name) in EXEMPT:
            continue
        missing.append(f"{model._meta.label}.{field.name}")
    assert missing == [], (
        "Register these with kumppani.privacy.register in the app's personal_data.py, or add them to EXEMPT "
        f"with the reason they never hold a person's data: {missing}"
    )


def test_every_exemption_names_a_real_field():
    for label, name in EXEMPT:
        apps.get_model(label)._meta.get_field(name)


def test_history_of_every_registered_model_is_searched():
    searched = {entry.model for entry in entries()}
    for entry in entries():
        history = history_model(entry.model)
        if entry.history_of is None and history is not None:
            assert history in searched
