"""The register's places for a person's data (kumppani.privacy). The contact's own row is erased by crm.erasure."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from crm.models import (
    Contact,
    Delivery,
    Interaction,
    Organisation,
    PartnershipAgreement,
    RetentionDecision,
    TimelineEntry,
)
from kumppani.privacy import register


def _about_the_contact(subject) -> Q:
    return Q(source_type=ContentType.objects.get_for_model(Contact), source_id=subject.pk)


# Other contacts are registered too: a namesake, or the same person entered twice at another customer.
register(Contact, ["first_name", "last_name", "title", "work_role", "email", "phone"], linked=lambda s: Q(pk=s.pk))
register(Interaction, ["subject", "notes"], linked=lambda s: Q(contacts=s.pk))
register(TimelineEntry, ["message_params", "summary", "detail"], linked=_about_the_contact)
# An individual customer's name and address are a person's data; a company's description may name people.
register(Organisation, ["name", "street_address", "description"])
register(Delivery, ["title", "notes"])
register(PartnershipAgreement, ["title", "notes"])
register(RetentionDecision, ["reason"], linked=lambda s: Q(contact=s.pk))
