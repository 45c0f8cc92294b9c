"""feedback's items on the My work page (registered in apps.py): open follow-ups of answers, and surveys that
could not be sent (with the reason) on the person's customers."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import not_archived
from accounts.messages import render_message
from crm.my_work import WorkItem
from feedback import messages
from feedback.models import Invitation, LoopAction

LIMIT = 200
NOT_SENT_DAYS = 30  # a note older than this has been seen or no longer matters


def loop_actions(user, today, horizon) -> list[WorkItem]:
    rows = (
        not_archived(LoopAction.objects.filter(owner=user, status=LoopAction.Status.OPEN, due_date__lte=horizon), user)
        .select_related("organisation", "rule", "response")
        .order_by("due_date", "pk")[:LIMIT]
    )
    return [
        WorkItem(
            title=render_message(**messages.action_title_message(row.rule, row.organisation)),
            due=row.due_date,
            kind="feedback_action",
            kind_label=_("Feedback follow-up"),
            url=row.get_absolute_url(),
            organisation=row.organisation,
            done_url=row.get_absolute_url(),
            done_label=_("Close the loop"),
            done_method="get",
        )
        for row in rows
    ]


def surveys_not_sent(user, today, horizon) -> list[WorkItem]:
    since = datetime.datetime.combine(today - datetime.timedelta(days=NOT_SENT_DAYS), datetime.time.min)
    rows = (
        not_archived(
            Invitation.objects.filter(
                organisation__account_manager=user,
                status=Invitation.Status.NOT_SENT,
                reason=Invitation.Reason.NO_CONTACT,
                dismissed_at__isnull=True,
                created_at__date__gte=since.date(),
            ),
            user,
        )
        .select_related("organisation", "survey")
        .order_by("-created_at")[:LIMIT]
    )
    return [
        WorkItem(
            title=render_message(**messages.not_sent_message(row)),
            due=None,
            kind="survey_not_sent",
            kind_label=_("Survey not sent"),
            url=row.organisation.get_absolute_url(),
            organisation=row.organisation,
            done_url=reverse("feedback:invitation_dismiss", args=[row.pk]),
            done_label=_("Seen"),
        )
        for row in rows
    ]
