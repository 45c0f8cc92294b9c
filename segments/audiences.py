"""Who a mailing reaches: the contacts of an audience, as one small API that campaigns and surveys share.

An audience is a set of organisations; its recipients are their contacts who may receive the kind of mail
(`crm.preferences.contacts_reachable`: active, not anonymised, with an address; marketing kinds only with
consent, surveys unless refused). Each function returns a queryset, so a caller can count, page or iterate it
and nothing is fetched until it does:

    from segments import audiences
    contacts = audiences.segment_contacts("key", kind=ContactPreference.Kind.NEWSLETTERS_AND_CAMPAIGNS)
    contacts = audiences.care_model_contacts(care_model, kind=…)
    contacts = audiences.organisation_contacts(any_organisation_queryset, kind=…)  # e.g. a saved filter's qs

Archived customers are never an audience. Pass `organisations=visible_organisations(user)` to keep a person's
audience to the customers they may see.
"""

from django.db.models import QuerySet

from crm.models import Contact, Organisation
from crm.preferences import contacts_reachable
from segments.care_models import CARE_MODEL_ID, with_care_model


def _base(organisations: QuerySet | None) -> QuerySet:
    base = Organisation.objects.all() if organisations is None else organisations
    return base.filter(is_archived=False)


def organisation_contacts(organisations: QuerySet, *, kind: str) -> QuerySet:
    """The reachable contacts of these organisations (any queryset: a segment, a filter, a saved search)."""
    contacts = Contact.objects.filter(organisation__in=_base(organisations).values("pk"))
    return contacts_reachable(contacts, kind).order_by("organisation_id", "last_name", "first_name", "pk")


def segment_organisations(code: str, *, organisations: QuerySet | None = None) -> QuerySet:
    """The customers of a segment ("" for the unclassified)."""
    return _base(organisations).filter(segment=code)


def segment_contacts(code: str, *, kind: str, organisations: QuerySet | None = None) -> QuerySet:
    return organisation_contacts(segment_organisations(code, organisations=organisations), kind=kind)


def care_model_organisations(care_model, *, organisations: QuerySet | None = None) -> QuerySet:
    """The customers that follow this care model (segments.care_models decides: their own, group + segment,
    group)."""
    return with_care_model(_base(organisations)).filter(**{CARE_MODEL_ID: care_model.pk})


def care_model_contacts(care_model, *, kind: str, organisations: QuerySet | None = None) -> QuerySet:
    return organisation_contacts(care_model_organisations(care_model, organisations=organisations), kind=kind)
