"""Care plans and after-care: every write that spans rows, the timeline or other apps goes here."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from care_plans import messages, required
from care_plans.models import (
    AfterCareModel,
    CarePlan,
    FollowUp,
    ManagementReview,
    Meeting,
    NewNeed,
    PlanAction,
    ReminderSettings,
    SteeringGroup,
    SteeringGroupMember,
)
from care_plans.signals import followup_completed
from crm.models import AccountTeamAssignment, Delivery, Organisation
from crm.timeline import timeline_add, timeline_update_source
from kumppani.lib.workdays import add_working_days, due_after
from leads import services as lead_services
from leads.models import Lead, Need
from segments import care_models
from segments import services as segment_services

logger = logging.getLogger(__name__)

KEY_SEGMENTS = ("strategic", "key")
OPEN_PLAN_STATUSES = (CarePlan.Status.ACTIVE, CarePlan.Status.UNDER_REVIEW)


# --- After-care ----------------------------------------------------------------------------------------------


def aftercare_model_for(delivery) -> AfterCareModel | None:
    """The model made for the delivery's service type, else the default one."""
    models = AfterCareModel.objects.filter(is_active=True).prefetch_related("steps")
    return models.filter(service_type_id=delivery.service_type_id).first() or models.filter(is_default=True).first()


def followups_create_for_delivery(*, delivery, actor=None) -> list[FollowUp]:
    """Follow-ups for a completed delivery, one per step of its after-care model, owned by its responsible person.

    Safe to call twice: (delivery, step) is unique, so a repeated signal adds nothing.
    """
    # A care model may switch after-care off for its customers; without a model every delivery gets it.
    if care_models.after_care_off(delivery.organisation):
        return []
    model = aftercare_model_for(delivery)
    if model is None:
        return []
    end = delivery.end_date or timezone.localdate(delivery.completed_at or timezone.now())
    created = []
    for step in model.steps.all():
        follow_up = FollowUp(
            organisation_id=delivery.organisation_id,
            delivery=delivery,
            step=step,
            kind=FollowUp.Kind.AFTER_CARE,
            owner_id=delivery.responsible_id,
            due_date=due_after(end, step.days_after_end, working_days=step.working_days),
        )
        follow_up.set_title(messages.aftercare_title_message(step, delivery))
        if FollowUp.objects.filter(delivery=delivery, step=step).exists():
            continue
        try:
            with transaction.atomic():
                follow_up.save()
                timeline_add(
                    organisation=delivery.organisation,
                    kind="follow_up",
                    actor=actor,
                    source=follow_up,
                    **messages.followup_due_message(follow_up),
                )
        except IntegrityError:
            if FollowUp.objects.filter(delivery=delivery, step=step).exists():
                continue  # created by a concurrent call in the meantime
            raise
        created.append(follow_up)
    return created


# Deliveries whose end date passed this long ago without being marked done are left alone: after-care
# for them would arrive far too late to be useful (Kumppani's default).
ENDED_DELIVERY_LOOKBACK_DAYS = 30


def followups_create_for_ended_deliveries(*, today: datetime.date | None = None) -> int:
    """The nightly sweep: after-care for every recent delivery that should have it and has none.

    That is a delivery whose end date passed while nobody marked it done, and a delivery marked done whose
    `delivery_completed` receiver did not run to the end (a crash after the commit): the sweep repairs it by
    the next morning. Creating follow-ups is idempotent, so a delivery is never followed up twice.
    """
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=ENDED_DELIVERY_LOOKBACK_DAYS)
    unmarked = Q(
        status__in=[Delivery.Status.PLANNED, Delivery.Status.IN_PROGRESS], end_date__lt=today, end_date__gte=since
    )
    done = Q(status=Delivery.Status.DONE, completed_at__date__gte=since)
    candidates = (
        Delivery.objects.filter(unmarked | done)
        .exclude(pk__in=FollowUp.objects.filter(delivery__isnull=False).values("delivery_id"))
        .select_related("organisation", "service_type")
    )
    created = 0
    for delivery in candidates:
        # One delivery whose follow-ups cannot be made (a date beyond the calendar stored before dates were
        # bounded) must not deny after-care to every delivery after it: it is logged and left for a person.
        try:
            with transaction.atomic():
                created += len(followups_create_for_delivery(delivery=delivery))
        except (OverflowError, ValueError):
            logger.exception("No after-care for delivery %s: its dates cannot be computed", delivery.pk)
    return created


def followup_create_for_manager_change(*, organisation, old_manager, new_manager, actor=None) -> FollowUp | None:
    """When the responsible person changes, the customer must be told in time (the after-care thesis, 2015)."""
    if old_manager is None or new_manager is None or old_manager == new_manager:
        return None
    days = ReminderSettings.load().manager_change_working_days
    title = messages.manager_change_title_message(new_manager, old_manager)
    with transaction.atomic():
        follow_up = FollowUp(
            organisation=organisation,
            kind=FollowUp.Kind.MANAGER_CHANGE,
            owner=new_manager,
            due_date=add_working_days(timezone.localdate(), days),
        )
        follow_up.set_title(title)
        follow_up.save()
        timeline_add(organisation=organisation, kind="follow_up", actor=actor, source=follow_up, **title)
    return follow_up


def followups_create_for_manager_changes() -> int:
    """The nightly repair of the manager-change receiver: a follow-up for each recent change that has none.

    `account_manager_changed` is sent after the commit, so its receiver can fail with the change already stored.
    The change itself is a durable row (the new `AccountTeamAssignment`, whose predecessor ended at the same
    moment): each one of the last ENDED_DELIVERY_LOOKBACK_DAYS without a manager-change follow-up for the new
    manager made since gets it now. A change whose follow-up exists is never followed up twice.
    """
    since = timezone.now() - datetime.timedelta(days=ENDED_DELIVERY_LOOKBACK_DAYS)
    Manager = AccountTeamAssignment.Role.MANAGER
    changes = (
        AccountTeamAssignment.objects.filter(role=Manager, valid_from__gte=since)
        .filter(
            Exists(
                AccountTeamAssignment.objects.filter(
                    organisation=OuterRef("organisation"), role=Manager, valid_to=OuterRef("valid_from")
                ).exclude(user=OuterRef("user"))
            )
        )
        .exclude(
            Exists(
                FollowUp.objects.filter(
                    organisation=OuterRef("organisation"),
                    kind=FollowUp.Kind.MANAGER_CHANGE,
                    owner=OuterRef("user"),
                    created_at__gte=OuterRef("valid_from"),
                )
            )
        )
        .select_related("organisation", "user", "assigned_by")
    )
    created = 0
    for change in changes:
        previous = (
            AccountTeamAssignment.objects.filter(
                organisation=change.organisation, role=Manager, valid_to=change.valid_from
            )
            .select_related("user")
            .first()
        )
        created += bool(
            followup_create_for_manager_change(
                organisation=change.organisation,
                old_manager=previous.user,
                new_manager=change.user,
                actor=change.assigned_by,
            )
        )
    return created


@transaction.atomic
def followup_complete(*, follow_up: FollowUp, actor, new_needs: list[str]) -> FollowUp:
    """Record the follow-up's answers (already set on `follow_up` by its form) and the new needs it found."""
    follow_up = _lock(FollowUp, follow_up)
    follow_up.status = FollowUp.Status.DONE
    follow_up.completed_at = timezone.now()
    follow_up.completed_by = actor
    follow_up.full_clean()
    follow_up.save()
    NewNeed.objects.bulk_create(
        NewNeed(follow_up=follow_up, organisation_id=follow_up.organisation_id, description=text[:500])
        for text in new_needs
        if text.strip()
    )
    timeline_add(
        organisation=follow_up.organisation,
        kind="follow_up",
        actor=actor,
        **messages.followup_done_message(follow_up),
        detail="\n".join(filter(None, [follow_up.went_customer, follow_up.need_reassessment, follow_up.feedback]))[
            :500
        ],
        url=follow_up.get_absolute_url(),
    )
    if follow_up.kind == FollowUp.Kind.ANNUAL_REVIEW:
        required.required_items_create(organisation_ids=[follow_up.organisation_id])  # the next one
    # After the commit, robust: a reaction above (a feedback survey) must not fail a follow-up that was recorded.
    transaction.on_commit(lambda: followup_completed.send_robust(sender=FollowUp, follow_up=follow_up, actor=actor))
    return follow_up


def _lock(model, obj):
    """Reload `obj` locked, keeping the unsaved field values the form set on it."""
    locked = model.objects.select_for_update().get(pk=obj.pk)
    for field in model._meta.concrete_fields:
        setattr(locked, field.attname, getattr(obj, field.attname))
    return locked


def _need_lead(need: NewNeed, actor) -> Lead:
    lead = Lead(
        organisation_id=need.organisation_id,
        need=Need.OTHER,
        description=_("Found in after-care (%(follow_up)s): %(need)s")
        % {"follow_up": need.follow_up.display_title, "need": need.description},
    )
    return lead_services.lead_pass(lead=lead, actor=actor)


@transaction.atomic
def need_to_lead(*, need: NewNeed, actor):
    """One click: the need becomes a lead, routed like any other (to the customer's account manager)."""
    need = NewNeed.objects.select_for_update().select_related("follow_up").get(pk=need.pk)
    if need.lead_id:
        return None
    lead = _need_lead(need, actor)
    need.lead = lead
    need.converted_at = timezone.now()
    need.save(update_fields=["lead", "converted_at"])
    return lead


@transaction.atomic
def need_to_offer(*, need: NewNeed, actor):
    """One click: the customer was just contacted about the need, so it goes straight to a draft offer."""
    need = NewNeed.objects.select_for_update().select_related("follow_up").get(pk=need.pk)
    if need.offer_id:
        return None
    lead = need.lead if need.lead_id else _need_lead(need, actor)
    if lead.state in (Lead.State.NEW, Lead.State.ASSIGNED):
        lead = lead_services.lead_mark_contacted(lead=lead, actor=actor, note=need.follow_up.display_title)
    if lead.state == Lead.State.CONTACTED:
        lead = lead_services.lead_qualify(lead=lead, actor=actor)
    offer = lead_services.lead_convert_to_offer(lead=lead, actor=actor)
    need.lead = lead
    need.offer = offer
    need.converted_at = timezone.now()
    need.save(update_fields=["lead", "offer", "converted_at"])
    return offer


# --- Care plans ----------------------------------------------------------------------------------------------


def care_model_for(organisation):
    """The customer's care model (segments.care_models decides which), or None."""
    return care_models.care_model_for(organisation)


def effective_contact_interval(plan: CarePlan) -> int | None:
    """Months between contacts: the plan's own rhythm, else the customer's care model's."""
    if plan.contact_interval_months:
        return plan.contact_interval_months
    model = care_model_for(plan.organisation)
    return getattr(model, "contact_interval_months", None) if model else None


def plan_contact_interval():
    """The months of the customer's open care plan's own rhythm (an expression for segments' next contact)."""
    plans = CarePlan.objects.filter(
        organisation=OuterRef("pk"), status__in=OPEN_PLAN_STATUSES, contact_interval_months__isnull=False
    )
    return Subquery(plans.values("contact_interval_months")[:1])


def plan_required(organisation) -> bool:
    model = care_model_for(organisation)
    return bool(getattr(model, "requires_care_plan", False))


@transaction.atomic
def plan_save(*, plan: CarePlan, actor, services=None) -> CarePlan:
    creating = plan.pk is None
    plan.full_clean()
    plan.save()
    if services is not None:
        plan.services_to_offer.set(services)
    # The plan's own contact rhythm, where set, drives the customer's next contact (segments.services).
    segment_services.next_contact_refresh(plan.organisation_id)
    message = messages.plan_message(plan)
    if creating:
        timeline_add(organisation=plan.organisation, kind="care_plan", actor=actor, source=plan, **message)
    else:
        timeline_update_source(source=plan, **message)
    return plan


@transaction.atomic
def plan_set_status(*, plan: CarePlan, status: str, actor) -> CarePlan:
    plan = CarePlan.objects.select_for_update().get(pk=plan.pk)
    plan.status = status
    plan.full_clean()
    plan.save(update_fields=["status", "updated_at"])
    segment_services.next_contact_refresh(plan.organisation_id)  # a closed plan's rhythm no longer applies
    timeline_add(
        organisation=plan.organisation,
        kind="care_plan",
        actor=actor,
        url=plan.get_absolute_url(),
        **messages.plan_status_message(plan),
    )
    return plan


@transaction.atomic
def plan_mark_reviewed(*, plan: CarePlan, actor) -> CarePlan:
    plan = CarePlan.objects.select_for_update().get(pk=plan.pk)
    interval = ReminderSettings.load().plan_review_interval_days
    plan.last_reviewed_at = timezone.now()
    plan.review_date = timezone.localdate() + datetime.timedelta(days=interval)
    if plan.status == CarePlan.Status.UNDER_REVIEW:
        plan.status = CarePlan.Status.ACTIVE
    plan.save(update_fields=["last_reviewed_at", "review_date", "status", "updated_at"])
    timeline_add(
        organisation=plan.organisation,
        kind="care_plan",
        actor=actor,
        url=plan.get_absolute_url(),
        **messages.plan_reviewed_message(plan),
    )
    return plan


@transaction.atomic
def management_review_record(*, plan: CarePlan, reviewed_on, note: str, actor) -> ManagementReview:
    """Management reviewed the plan in its meeting: the date, a note, who recorded it; on the timeline too."""
    review = ManagementReview(plan=plan, reviewed_on=reviewed_on, note=note.strip(), recorded_by=actor)
    review.full_clean()
    review.save()
    timeline_add(
        organisation=plan.organisation,
        kind="care_plan",
        actor=actor,
        url=plan.get_absolute_url(),
        detail=review.note[:500],
        **messages.management_review_message(review),
    )
    return review


@transaction.atomic
def action_save(*, action: PlanAction, actor) -> PlanAction:
    if action.plan_id and not action.organisation_id:
        action.organisation_id = action.plan.organisation_id
    elif action.meeting_id and not action.organisation_id:
        action.organisation_id = action.meeting.group.organisation_id
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_complete(*, action: PlanAction, actor) -> PlanAction:
    updated = PlanAction.objects.filter(pk=action.pk, status=PlanAction.Status.OPEN).update(
        status=PlanAction.Status.DONE, completed_at=timezone.now()
    )
    action.refresh_from_db()
    if updated:
        timeline_add(
            organisation=action.organisation,
            kind="care_plan",
            actor=actor,
            url=action.get_absolute_url(),
            **messages.action_done_message(action),
        )
    return action


def plan_coverage(segments=KEY_SEGMENTS) -> list[dict]:
    """Per segment: customers, those with an active plan, and the share (for the segment overview)."""
    rows = (
        Organisation.objects.filter(is_archived=False, segment__in=segments)
        .values("segment")
        .annotate(
            customers=Count("pk", distinct=True),
            with_plan=Count("pk", filter=Q(care_plans__status__in=OPEN_PLAN_STATUSES), distinct=True),
        )
    )
    by_segment = {row["segment"]: row for row in rows}
    result = []
    for code in segments:
        row = by_segment.get(code, {"customers": 0, "with_plan": 0})
        share = round(100 * row["with_plan"] / row["customers"]) if row["customers"] else None
        result.append({"segment": code, "customers": row["customers"], "with_plan": row["with_plan"], "share": share})
    return result


def plan_coverage_by_segment(organisations) -> dict[str, str]:
    """The segment overview's "care plan coverage" column: share of key and strategic customers with a plan."""
    rows = (
        organisations.filter(segment__in=KEY_SEGMENTS)
        .values("segment")
        .annotate(
            customers=Count("pk", distinct=True),
            with_plan=Count("pk", filter=Q(care_plans__status__in=OPEN_PLAN_STATUSES), distinct=True),
        )
    )
    return {row["segment"]: f"{round(100 * row['with_plan'] / row['customers'])} %" for row in rows if row["customers"]}


# --- Steering groups -----------------------------------------------------------------------------------------


@transaction.atomic
def group_save(*, group: SteeringGroup, actor) -> SteeringGroup:
    creating = group.pk is None
    group.full_clean()
    group.save()
    if creating:
        timeline_add(
            organisation=group.organisation,
            kind="steering_group",
            actor=actor,
            source=group,
            **messages.group_founded_message(group),
        )
    return group


@transaction.atomic
def member_save(*, member: SteeringGroupMember, actor) -> SteeringGroupMember:
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def meeting_save(*, meeting: Meeting, actor) -> Meeting:
    creating = meeting.pk is None
    if creating:
        meeting.created_by = actor
    meeting.full_clean()
    meeting.save()
    message = messages.meeting_message(meeting)
    if creating:
        timeline_add(
            organisation=meeting.group.organisation,
            kind="steering_group",
            actor=actor,
            occurred_at=meeting.starts_at,
            source=meeting,
            **message,
        )
    else:
        timeline_update_source(source=meeting, occurred_at=meeting.starts_at, **message)
    required.steering_meeting_held(meeting=meeting, actor=actor)
    return meeting
