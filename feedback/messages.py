"""Sentences of feedback (accounts.messages): the timeline, follow-up titles and reminders.

Imported from FeedbackConfig.ready(). Builders return {"code", "params"}.
"""

from django.utils.translation import gettext_lazy as _

from accounts.messages import build, choice, date, nested, register_choices, register_message, variants
from accounts.messages import user as user_param
from feedback.models import Invitation, LoopAction, LoopRule, Response, Survey
from reminders.models import Reminder

Stage = Reminder.Stage

for _code, _template in [
    # The timeline
    ("feedback.answered", _("Feedback answer %(score)s/10 (%(category)s)")),
    ("feedback.direct", _("Direct feedback logged (%(tone)s)")),
    ("feedback.invited", _("Feedback survey sent: %(kind)s")),
    ("feedback.not_sent", _("Feedback survey not sent: %(reason)s")),
    ("feedback.action_closed", _("Feedback follow-up closed: %(title)s")),
    # Titles and My work
    ("feedback.action_title", _("%(what)s: %(organisation)s")),
    ("feedback.tone.positive", _("positive")),
    ("feedback.tone.negative", _("negative")),
    # Reminders of a feedback follow-up
    ("feedback.reminder.due_soon", _("Feedback follow-up due %(date)s: %(what)s")),
    ("feedback.reminder.due_today", _("Feedback follow-up due today: %(what)s")),
    ("feedback.reminder.overdue", _("Feedback follow-up overdue since %(date)s: %(what)s")),
    ("feedback.reminder.escalated", _("Escalated: %(owner)s's feedback follow-up is overdue since %(date)s: %(what)s")),
]:
    register_message(_code, _template)

register_choices(Response, "category")
register_choices(Invitation, "reason")
register_choices(Survey, "kind")


def answered_message(response: Response) -> dict:
    return build(
        "feedback.answered", score=response.score, category=choice(Response, "category", response.category, lower=True)
    )


def direct_message(response: Response) -> dict:
    tone = build("feedback.tone.positive" if response.positive else "feedback.tone.negative")
    return build("feedback.direct", tone=nested(tone))


def invited_message(invitation: Invitation) -> dict:
    return build("feedback.invited", kind=choice(Survey, "kind", invitation.survey.kind))


def not_sent_message(invitation: Invitation) -> dict:
    return build("feedback.not_sent", reason=choice(Invitation, "reason", invitation.reason))


def action_title_message(rule: LoopRule, organisation) -> dict:
    return build("feedback.action_title", what=variants(rule, "title"), organisation=organisation.name)


def action_closed_message(action: LoopAction) -> dict:
    return build("feedback.action_closed", title=nested(action_title_message(action.rule, action.organisation)))


REMINDER_CODES = {
    Stage.DUE_SOON: "feedback.reminder.due_soon",
    Stage.DUE_TODAY: "feedback.reminder.due_today",
    Stage.OVERDUE: "feedback.reminder.overdue",
    Stage.ESCALATED: "feedback.reminder.escalated",
}


def reminder_message(reminder: Reminder, action: LoopAction) -> dict:
    params = {
        "date": date(reminder.due_date),
        "what": nested(action_title_message(action.rule, action.organisation)),
    }
    if reminder.stage == Stage.ESCALATED:
        params["owner"] = user_param(action.owner)
    return build(REMINDER_CODES[reminder.stage], **params)
