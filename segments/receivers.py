"""Reactions to crm's events."""

from kumppani.publish import publish_after_commit
from segments import services
from segments.tasks import check_agreements_task


def on_agreement_saved(sender, agreement, **kwargs) -> None:
    """An ended or renewed agreement is reviewed at once rather than at the nightly check (queued: the check
    reads every strategic customer, which is no work for the request)."""
    publish_after_commit(check_agreements_task)
    if agreement.is_active():
        services.strategic_candidate_suggest(agreement.organisation_id)


def on_interaction_logged(sender, organisation, interaction, **kwargs) -> None:
    """A logged contact moves the next contact due date (crm has already stored last_contact_at)."""
    services.next_contact_refresh(organisation.pk)
