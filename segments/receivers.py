"""Reactions to crm's events."""

from segments import services


def on_interaction_logged(sender, organisation, interaction, **kwargs) -> None:
    """A logged contact moves the next contact due date (crm has already stored last_contact_at)."""
    services.next_contact_refresh(organisation.pk)
