"""Sentences of care plans and after-care (accounts.messages): follow-up titles, the timeline, reminders.

Imported from CarePlansConfig.ready(). Builders return {"code", "params"}; `manage.py messages_to_codes` uses the
prototypes below to read old rows back.
"""

from django.utils.translation import gettext_lazy as _

from accounts.messages import (
    build,
    choice,
    date,
    is_legacy,
    legacy_text,
    nested,
    register_choices,
    register_message,
    variants,
)
from accounts.messages import user as user_param
from care_plans.models import AfterCareStep, CarePlan, FollowUp, PlanAction, Referral
from reminders.models import Reminder

Stage = Reminder.Stage

for _code, _template in [
    # Follow-up titles
    ("care_plans.aftercare_title", _("%(step)s: %(delivery)s")),
    (
        "care_plans.manager_change_title",
        _("Tell the customer that %(new)s is now their account manager (was %(old)s)"),
    ),
    ("care_plans.annual_review_title", _("Annual review with the customer (the care model requires it)")),
    (
        "care_plans.steering_meeting_title",
        _("Steering group meeting (the care model requires one every %(months)s months)"),
    ),
    ("care_plans.progress_check_title", _("Progress check: %(delivery)s")),
    (
        "care_plans.responsible_change_title",
        _("Tell the customer that %(new)s is now responsible for %(delivery)s (was %(old)s)"),
    ),
    ("care_plans.referral_title", _("Referral to %(provider)s: ask how it went (%(need)s)")),
    ("care_plans.referral", _("Referred to %(provider)s: %(need)s (%(arrangement)s)")),
    ("care_plans.service_start", _("Service need and service promise recorded: %(delivery)s")),
    # The timeline
    ("care_plans.followup_due", _("Follow-up due %(date)s: %(title)s")),
    ("care_plans.followup_done", _("Follow-up done (%(channel)s): %(title)s")),
    ("care_plans.plan", _("Care plan (%(status)s)")),
    ("care_plans.plan_status", _("Care plan is now %(status)s")),
    ("care_plans.plan_reviewed", _("Care plan reviewed; next review %(date)s")),
    ("care_plans.action_done", _("Action done: %(title)s")),
    ("care_plans.management_review", _("Management reviewed the care plan on %(date)s")),
    ("care_plans.group_founded", _("Steering group founded: %(name)s")),
    ("care_plans.meeting", _("Steering group meeting: %(group)s")),
    # Reminders: what is due, at which stage
    ("care_plans.item.follow_up", _("Follow-up")),
    ("care_plans.item.plan_action", _("Planned action")),
    ("care_plans.item.plan_review", _("Care plan review")),
    ("care_plans.reminder.due_soon", _("%(kind)s due %(date)s: %(what)s")),
    ("care_plans.reminder.due_today", _("%(kind)s due today: %(what)s")),
    ("care_plans.reminder.overdue", _("%(kind)s overdue since %(date)s: %(what)s")),
    (
        "care_plans.reminder.escalated",
        _("Escalated: %(owner)s's %(kind_lower)s is overdue since %(date)s: %(what)s"),
    ),
]:
    register_message(_code, _template)

register_choices(CarePlan, "status")
register_choices(FollowUp, "channel")
register_choices(Referral, "arrangement")


# --- follow-up titles ----------------------------------------------------------------------------------------


def aftercare_title_message(step: AfterCareStep, delivery) -> dict:
    """An after-care step's title (in the reader's language) and the delivery it follows up."""
    return build("care_plans.aftercare_title", step=variants(step, "title"), delivery=delivery.title)


def manager_change_title_message(new_manager, old_manager) -> dict:
    return build("care_plans.manager_change_title", new=user_param(new_manager), old=user_param(old_manager))


def annual_review_title_message() -> dict:
    return build("care_plans.annual_review_title")


def steering_meeting_title_message(months: int) -> dict:
    return build("care_plans.steering_meeting_title", months=str(months))


def progress_check_title_message(delivery) -> dict:
    return build("care_plans.progress_check_title", delivery=delivery.title)


def responsible_change_title_message(delivery, new_responsible, old_responsible) -> dict:
    return build(
        "care_plans.responsible_change_title",
        delivery=delivery.title,
        new=user_param(new_responsible),
        old=user_param(old_responsible),
    )


def referral_title_message(referral) -> dict:
    return build("care_plans.referral_title", provider=referral.provider.name, need=referral.need)


def referral_message(referral) -> dict:
    return build(
        "care_plans.referral",
        provider=referral.provider.name,
        need=referral.need,
        arrangement=choice(Referral, "arrangement", referral.arrangement, lower=True),
    )


def service_start_message(delivery) -> dict:
    return build("care_plans.service_start", delivery=delivery.title)


def management_review_message(review) -> dict:
    return build("care_plans.management_review", date=date(review.reviewed_on))


def follow_up_title(follow_up: FollowUp):
    """The follow-up's title as a parameter of another sentence."""
    if is_legacy(follow_up.title_code):
        return legacy_text(follow_up.title)
    return nested(build(follow_up.title_code, **follow_up.title_params))


def follow_up_title_prototypes(follow_up: FollowUp) -> list[dict]:
    """What an old follow-up's title may say: its step and delivery, or a change of account manager."""
    if follow_up.step_id and follow_up.delivery_id:
        return [aftercare_title_message(follow_up.step, follow_up.delivery)]
    if follow_up.kind == FollowUp.Kind.MANAGER_CHANGE:
        return [manager_change_title_message(None, None)]
    return []


# --- the timeline --------------------------------------------------------------------------------------------


def followup_due_message(follow_up: FollowUp) -> dict:
    return build("care_plans.followup_due", date=date(follow_up.due_date), title=follow_up_title(follow_up))


def followup_done_message(follow_up: FollowUp) -> dict:
    return build(
        "care_plans.followup_done",
        channel=choice(FollowUp, "channel", follow_up.channel or "phone", lower=True),
        title=follow_up_title(follow_up),
    )


def follow_up_prototypes(follow_up: FollowUp) -> list[dict]:
    prototypes = [followup_due_message(follow_up), followup_done_message(follow_up)]
    if not is_legacy(follow_up.title_code):
        prototypes.append(build(follow_up.title_code, **follow_up.title_params))
    return prototypes


def plan_message(plan: CarePlan) -> dict:
    return build("care_plans.plan", status=choice(CarePlan, "status", plan.status, lower=True))


def plan_status_message(plan: CarePlan) -> dict:
    return build("care_plans.plan_status", status=choice(CarePlan, "status", plan.status, lower=True))


def plan_reviewed_message(plan: CarePlan) -> dict:
    return build("care_plans.plan_reviewed", date=date(plan.review_date))


def plan_prototypes(plan: CarePlan) -> list[dict]:
    prototypes = [plan_message(plan), plan_status_message(plan)]
    if plan.review_date:
        prototypes.append(plan_reviewed_message(plan))
    return prototypes


def action_done_message(action: PlanAction) -> dict:
    return build("care_plans.action_done", title=action.title)


def group_founded_message(group) -> dict:
    return build("care_plans.group_founded", name=group.name)


def meeting_message(meeting) -> dict:
    return build("care_plans.meeting", group=meeting.group.name)


# --- reminders -----------------------------------------------------------------------------------------------

ITEM_KINDS = {
    FollowUp: "care_plans.item.follow_up",
    PlanAction: "care_plans.item.plan_action",
    CarePlan: "care_plans.item.plan_review",
}
REMINDER_CODES = {
    Stage.DUE_SOON: "care_plans.reminder.due_soon",
    Stage.DUE_TODAY: "care_plans.reminder.due_today",
    Stage.OVERDUE: "care_plans.reminder.overdue",
    Stage.ESCALATED: "care_plans.reminder.escalated",
}


def _item_what(item):
    if isinstance(item, FollowUp):
        return follow_up_title(item)
    if isinstance(item, PlanAction):
        return item.title
    return item.organisation.name


def reminder_stage_message(stage: str, item, due) -> dict:
    kind = build(ITEM_KINDS[type(item)])
    params = {"kind": nested(kind), "date": date(due), "what": _item_what(item)}
    if stage == Stage.ESCALATED:
        params.update(kind_lower=nested(kind, lower=True), owner=user_param(item.owner))
    return build(REMINDER_CODES[stage], **params)


def reminder_message(reminder: Reminder, item) -> dict:
    """A reminder's in-app notice: the item's kind, its stage and due date, and what it is about."""
    return reminder_stage_message(reminder.stage, item, reminder.due_date)


def reminder_prototypes(item) -> list[dict]:
    due = getattr(item, "due_date", None) or getattr(item, "review_date", None)
    if due is None:
        return []
    return [reminder_stage_message(stage, item, due) for stage in Stage]
