"""The register's sentences on the timeline, and the builders its services write them with (accounts.messages).

Imported from CrmConfig.ready(). A builder takes the row the sentence is about and returns {"code", "params"};
`manage.py messages_to_codes` uses the same builders to read old rows back.
"""

from django.utils.translation import gettext_lazy as _

from accounts.messages import build, choice, register_choices, register_message, user, variants
from crm.models import AccountTeamAssignment, Contact, Delivery, Interaction, PartnershipAgreement

for _code, _template in [
    ("crm.organisation_added", _("Customer added to the register")),
    ("crm.organisation_imported", _("Customer added to the register (import)")),
    ("crm.organisation_archived", _("Customer archived")),
    ("crm.organisation_restored", _("Customer restored from the archive")),
    ("crm.team_member", _("%(role)s: %(user)s")),
    ("crm.team_role_removed", _("%(role)s removed")),
    ("crm.agreement", _("Partnership agreement: %(title)s")),
    ("crm.contact_added", _("New contact person: %(name)s")),
    ("crm.contact_anonymised", _("A contact person was anonymised")),
    # What a person logged: its kind and the subject they typed.
    ("crm.interaction", _("%(kind)s: %(subject)s")),
    ("crm.delivery", _("%(service_type)s: %(title)s (%(status)s)")),
    ("crm.delivery_completed", _("Delivery completed: %(title)s")),
]:
    register_message(_code, _template)

register_choices(AccountTeamAssignment, "role")
register_choices(Interaction, "kind")
register_choices(Delivery, "status")


def team_member_message(role: str, person) -> dict:
    return build("crm.team_member", role=choice(AccountTeamAssignment, "role", role), user=user(person))


def team_role_removed_message(role: str) -> dict:
    return build("crm.team_role_removed", role=choice(AccountTeamAssignment, "role", role))


def agreement_message(agreement: PartnershipAgreement) -> dict:
    return build("crm.agreement", title=agreement.title)


def contact_added_message(contact: Contact) -> dict:
    return build("crm.contact_added", name=contact.full_name)


def interaction_message(interaction: Interaction) -> dict:
    return build("crm.interaction", kind=choice(Interaction, "kind", interaction.kind), subject=interaction.subject)


def delivery_message(delivery: Delivery) -> dict:
    return build(
        "crm.delivery",
        service_type=variants(delivery.service_type, "name"),
        title=delivery.title,
        status=choice(Delivery, "status", delivery.status, lower=True),
    )


def delivery_completed_message(delivery: Delivery) -> dict:
    return build("crm.delivery_completed", title=delivery.title)


def sourceless_prototypes() -> list[dict]:
    """Sentences written without a source row (what old rows of any kind may say when nothing links them)."""
    return [
        build("crm.organisation_added"),
        build("crm.organisation_imported"),
        build("crm.organisation_archived"),
        build("crm.organisation_restored"),
        team_member_message(AccountTeamAssignment.Role.MANAGER, None),
        team_role_removed_message(AccountTeamAssignment.Role.MANAGER),
        build("crm.contact_anonymised"),
    ]
