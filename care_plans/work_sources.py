"""care_plans' items on the My work page (registered in apps.py as query sources: crm.my_work builds only the
rows a page shows). Archived customers are hidden from all but admins (accounts.access): their items leave My
work too."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.access import not_archived
from care_plans.models import CarePlan, FollowUp, PlanAction
from crm.my_work import WorkItem


def follow_up_rows(user, horizon):
    return (
        not_archived(FollowUp.objects.filter(owner=user, status=FollowUp.Status.OPEN, due_date__lte=horizon), user)
        .select_related("organisation")
        .only("pk", "title", "title_code", "title_params", "due_date", "kind", "organisation__id", "organisation__name")
    )


def follow_up_item(row) -> WorkItem:
    return WorkItem(
        title=row.display_title,
        due=row.due_date,
        kind="follow_up",
        kind_label=_("Follow-up"),
        url=row.get_absolute_url(),
        organisation=row.organisation,
        done_url=row.get_absolute_url(),
        done_label=_("Record the follow-up"),
        done_method="get",
    )


def plan_action_rows(user, horizon):
    return (
        not_archived(PlanAction.objects.filter(owner=user, status=PlanAction.Status.OPEN, due_date__lte=horizon), user)
        .select_related("organisation")
        .only("pk", "title", "due_date", "plan_id", "meeting_id", "organisation__id", "organisation__name")
    )


def plan_action_item(row) -> WorkItem:
    return WorkItem(
        title=row.title,
        due=row.due_date,
        kind="plan_action",
        kind_label=_("Planned action"),
        url=row.get_absolute_url(),
        organisation=row.organisation,
        done_url=reverse("care_plans:action_done", args=[row.pk]),
        done_label=_("Mark done"),
    )


def plan_review_rows(user, horizon):
    plans = CarePlan.objects.filter(
        owner=user, status__in=[CarePlan.Status.ACTIVE, CarePlan.Status.UNDER_REVIEW], review_date__lte=horizon
    )
    return (
        not_archived(plans, user)
        .select_related("organisation")
        .only("pk", "review_date", "organisation__id", "organisation__name")
    )


def plan_review_item(row) -> WorkItem:
    return WorkItem(
        title=_("Review the care plan of %(name)s") % {"name": row.organisation.name},
        due=row.review_date,
        kind="plan_review",
        kind_label=_("Care plan review"),
        url=row.get_absolute_url(),
        organisation=row.organisation,
        done_url=reverse("care_plans:plan_reviewed", args=[row.pk]),
        done_label=_("Mark reviewed"),
    )
