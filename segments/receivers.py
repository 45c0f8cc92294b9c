"""Reactions to crm's events."""

from segments import services


def on_agreement_saved(sender, agreement, **kwargs) -> None:
    """An ended or renewed agreement is reviewed at once rather than at the nightly check."""
    services.agreements_check()


def on_interaction_logged(sender, organisation, interaction, **kwargs) -> None:
    """A logged contact moves the next contact due date (crm has already stored last_contact_at)."""
    services.next_contact_refresh(organisation.pk)
