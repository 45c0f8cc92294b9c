"""The survey invitation and its reminder: contact mail of the kind "surveys" (crm.preferences), so each carries
the one-click opt-out and is not sent to someone who refused surveys after it was queued. The answer link's
token is issued here, at render time, and never stored."""

import datetime

from django.urls import reverse
from django.utils import timezone

from crm.models import ContactPreference
from crm.preferences import register_contact_mail
from feedback.models import Invitation
from kumppani.web.urls import absolute_url
from links.services import link_token_issue


def survey_mail_context(stored: dict, contact) -> dict:
    invitation = Invitation.objects.select_related("survey", "organisation", "link", "delivery").get(
        pk=stored["invitation"]
    )
    token = link_token_issue(invitation.link)
    return {
        "invitation": invitation,
        "survey": invitation.survey,
        "organisation": invitation.organisation,
        "answer_url": absolute_url(reverse("feedback_answer", args=[token])),
        # The last day it works (a link expiring at midnight works the day before).
        "closes_at": timezone.localdate(invitation.link.expires_at - datetime.timedelta(seconds=1)),
    }


def register() -> None:
    register_contact_mail("emails/feedback", kind=ContactPreference.Kind.SURVEYS, provider=survey_mail_context)
