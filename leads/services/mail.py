"""E-mail about leads: the context their templates (templates/emails/leads/) are rendered with."""

from django.contrib.auth import get_user_model

from kumppani.web.urls import absolute_url
from leads.models import Lead


def lead_mail_context(lead_id: int, recipient_id: int) -> dict:
    lead = Lead.objects.select_related("organisation", "passed_by", "unit").get(pk=lead_id)
    recipient = get_user_model().objects.get(pk=recipient_id)
    return {"lead": lead, "recipient": recipient, "url": absolute_url(lead.get_absolute_url())}


def lead_mail_render_context(stored: dict) -> dict:
    """The outbox's context provider for emails/leads/*: the stored ids become the lead and its recipient."""
    return lead_mail_context(stored["lead"], stored["recipient"])
