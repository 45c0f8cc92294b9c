"""Segment writes: classification with its history, next contact due dates, suggestions, agreement checks.

Only this module writes crm's stored Organisation.segment and Organisation.next_contact_due.
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, IntegerField, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.messages import build, languages
from crm.models import CustomerGroup, Delivery, Interaction, Organisation, PartnershipAgreement
from crm.timeline import timeline_add
from kumppani.lib.months import add_months, next_contact_due
from kumppani.web.figures import figures_touch
from segments.care_models import CARE_MODEL_ID, with_care_model
from segments.messages import accepted_suggestion_message, changed_message
from segments.metrics import SEGMENT_FIGURES
from segments.models import (
    STRATEGIC,
    UNCLASSIFIED,
    CareModel,
    Segment,
    SegmentChange,
    SegmentReview,
    Suggestion,
    SuggestionSettings,
)
from segments.signals import segment_changed
from segments.suggest import Facts, classify, explain

# The five segments apply to business and public-sector customers (Gradia's customer programme 2020-2023).
SEGMENTED_GROUPS = (CustomerGroup.BUSINESS, CustomerGroup.PUBLIC)


def segmented_group_message() -> str:
    return _(
        "Segments apply to business and public-sector customers only: an individual or a network partner is not "
        "placed in a segment."
    )


def strategic_rule_message() -> str:
    return _(
        "Only a customer with an active partnership agreement can be strategic: strategic customers are the "
        "partnership-agreement customers. Add the agreement first."
    )


def segment_names() -> dict[str, str]:
    names = {s.code: s.name for s in Segment.objects.all()}
    names[UNCLASSIFIED] = _("Unclassified")
    return names


def segment_name(code: str) -> str:
    if not code:
        return _("Unclassified")
    segment = Segment.objects.filter(code=code).first()
    return segment.name if segment else code


# Apps above segments give a customer its own contact rhythm (a care plan's interval) by registering a factory of
# an expression of months for the organisation being queried; the first that has a value wins over the care
# model's interval.
_INTERVAL_OVERRIDES: list[Callable] = []


def register_contact_interval(expression_factory: Callable) -> None:
    if expression_factory not in _INTERVAL_OVERRIDES:
        _INTERVAL_OVERRIDES.append(expression_factory)


def with_contact_interval(organisations):
    """Annotate `contact_interval`: a registered own rhythm (a care plan's), else the customer's care model's."""
    model_interval = Subquery(CareModel.objects.filter(pk=OuterRef(CARE_MODEL_ID)).values("contact_interval_months"))
    annotated = with_care_model(organisations).annotate(model_interval=model_interval)
    own = [factory() for factory in _INTERVAL_OVERRIDES]
    interval = Coalesce(*own, F("model_interval"), output_field=IntegerField()) if own else F("model_interval")
    return annotated.annotate(contact_interval=interval)


@transaction.atomic
def segment_change(
    *,
    organisation: Organisation,
    to_code: str,
    actor,
    reason: str,
    source: str = SegmentChange.Source.MANUAL,
    explanations: dict[str, str] | None = None,
) -> SegmentChange:
    """Move a customer to a segment (blank: unclassified), recording from, to, when, who and why.

    Raises ValidationError keyed by "segment" or "reason" when the change breaks a rule.
    """
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    from_code = current.segment
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Say why the segment changes.")})
    if to_code == from_code:
        raise ValidationError({"segment": _("The customer is already in this segment.")})
    if to_code and not Segment.objects.filter(code=to_code, is_active=True).exists():
        raise ValidationError({"segment": _("Unknown segment.")})
    if to_code and current.customer_group not in SEGMENTED_GROUPS:
        raise ValidationError({"segment": segmented_group_message()}, code="not_segmented_group")
    if to_code == STRATEGIC and current.active_agreement() is None:
        raise ValidationError({"segment": strategic_rule_message()}, code="strategic_needs_agreement")
    change = SegmentChange.objects.create(
        organisation=current,
        from_code=from_code,
        to_code=to_code,
        changed_by=actor,
        reason=reason.strip(),
        source=source,
        explanations=explanations or {},
    )
    Organisation.objects.filter(pk=current.pk).update(segment=to_code)
    due = next_contact_refresh(current.pk)  # the new segment may bring another care model
    organisation.segment, organisation.next_contact_due = to_code, due
    # A typed reason stays as typed in the entry's detail; an accepted suggestion's explanation is system text,
    # stored in every language and shown in the reader's.
    message = (
        accepted_suggestion_message(from_code, to_code, explanations)
        if explanations
        else changed_message(from_code, to_code)
    )
    timeline_add(
        organisation=current,
        kind="segment",
        actor=actor,
        occurred_at=change.changed_at,
        detail="" if explanations else change.reason[:500],
        source=change,
        **message,
    )
    if source != SegmentChange.Source.SUGGESTION:
        Suggestion.objects.filter(organisation=current, status=Suggestion.Status.PENDING).update(
            status=Suggestion.Status.SUPERSEDED
        )
    SegmentReview.objects.filter(organisation=current, resolved_at__isnull=True).update(
        resolved_at=change.changed_at, resolved_by=actor, resolution=_("Segment changed")
    )
    figures_touch(SEGMENT_FIGURES)  # the update()s above send no model signals
    transaction.on_commit(
        lambda: segment_changed.send_robust(
            sender=SegmentChange, organisation=organisation, from_code=from_code, to_code=to_code, actor=actor
        )
    )
    return change


# Next contact due --------------------------------------------------------------------------------------


def next_contact_refresh(organisation_id: int) -> datetime.date | None:
    """Recompute one customer's due date from its contact rhythm (with_contact_interval) and its last contact."""
    row = (
        with_contact_interval(Organisation.objects.filter(pk=organisation_id))
        .values("contact_interval", "last_contact_at")
        .first()
    )
    if row is None:
        return None
    due = next_contact_due(row["last_contact_at"], row["contact_interval"], timezone.localdate())
    Organisation.objects.filter(pk=organisation_id).update(next_contact_due=due)
    figures_touch(SEGMENT_FIGURES)
    return due


def next_contacts_recompute(today: datetime.date | None = None) -> int:
    """Rebuild every stored due date (nightly, and after a care model changes). Returns the number changed."""
    today = today or timezone.localdate()
    changed = []
    rows = with_contact_interval(Organisation.objects.all()).values_list(
        "pk", "contact_interval", "last_contact_at", "next_contact_due"
    )
    for pk, interval, last_contact_at, stored in rows.iterator(chunk_size=2000):
        due = next_contact_due(last_contact_at, interval, today)
        # A never-contacted customer stays due on the day it first became due: don't move it to today.
        if last_contact_at is None and due is not None and stored is not None:
            continue
        if due != stored:
            changed.append(Organisation(pk=pk, next_contact_due=due))
    Organisation.objects.bulk_update(changed, ["next_contact_due"], batch_size=1000)
    if changed:
        figures_touch(SEGMENT_FIGURES)
    return len(changed)


# Suggestions --------------------------------------------------------------------------------------------


def _full_years(first: datetime.date | None, today: datetime.date) -> int:
    if first is None or first > today:
        return 0
    return today.year - first.year - ((today.month, today.day) < (first.month, first.day))


def organisation_facts(organisations, *, today: datetime.date, settings: SuggestionSettings) -> dict[int, Facts]:
    """The suggestion inputs of every organisation in the queryset: four aggregate queries, not one per row."""
    window_start = add_months(today, -settings.activity_window_months)
    value_start = add_months(today, -settings.value_window_months)
    ids = organisations.values("pk")
    deliveries = {
        row["organisation_id"]: row
        for row in Delivery.objects.filter(organisation__in=ids, start_date__lte=today)
        .exclude(status=Delivery.Status.CANCELLED)
        .values("organisation_id")
        .annotate(
            first=Min("start_date"),
            n=Count("pk", filter=Q(start_date__gte=window_start)),
            types=Count("service_type", distinct=True, filter=Q(start_date__gte=window_start)),
            value=Sum("value", filter=Q(start_date__gte=value_start)),
        )
    }
    window_start_at = timezone.make_aware(datetime.datetime.combine(window_start, datetime.time.min))
    contacts = dict(
        Interaction.objects.filter(
            organisation__in=ids, occurred_at__gte=window_start_at, occurred_at__lte=timezone.now()
        )
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    with_agreement = set(
        PartnershipAgreement.objects.filter(organisation__in=ids, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values_list("organisation_id", flat=True)
    )
    facts = {}
    for pk, status in organisations.values_list("pk", "status"):
        d = deliveries.get(pk, {})
        facts[pk] = Facts(
            years=_full_years(d.get("first"), today),
            deliveries=d.get("n", 0),
            service_types=d.get("types", 0),
            value=d.get("value") or 0,
            contacts=contacts.get(pk, 0),
            agreement=pk in with_agreement,
            passive=status == Organisation.Status.PASSIVE,
            window=settings.activity_window_months,
            value_window=settings.value_window_months,
        )
    return facts


def suggestion_candidates():
    return Organisation.objects.filter(is_archived=False, customer_group__in=SEGMENTED_GROUPS)


@transaction.atomic
def suggestions_refresh(*, today: datetime.date | None = None, organisations=None) -> dict[str, int]:
    """Propose a segment for every classifiable customer whose data points elsewhere than its segment.

    Nothing changes a customer's segment here: pending suggestions wait for a person. A customer already in
    the proposed segment gets none; a suggestion rejected lately is not repeated.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    settings = SuggestionSettings.load()
    organisations = suggestion_candidates() if organisations is None else organisations
    facts = organisation_facts(organisations, today=today, settings=settings)
    current = dict(organisations.values_list("pk", "segment"))
    active_codes = set(Segment.objects.filter(is_active=True).values_list("code", flat=True))
    pending = {
        s.organisation_id: s
        for s in Suggestion.objects.filter(
            organisation__in=organisations.values("pk"), status=Suggestion.Status.PENDING
        )
    }
    quiet_since = now - datetime.timedelta(days=30 * settings.rejected_quiet_months)
    quiet = set(
        Suggestion.objects.filter(
            organisation__in=organisations.values("pk"), status=Suggestion.Status.REJECTED, decided_at__gte=quiet_since
        ).values_list("organisation_id", "suggested_code")
    )
    names = segment_names()
    supersede, create, refresh, rewrite = [], [], [], []
    texts: dict[tuple, str] = {}
    for pk, org_facts in facts.items():
        code = classify(org_facts, settings)
        old = pending.get(pk)
        if code == current[pk] or code not in active_codes or (pk, code) in quiet:
            if old is not None:
                supersede.append(old.pk)
            continue
        data = org_facts.as_json()
        # Many customers share the same facts (no deliveries, a few contacts): explain each combination once.
        key = (code, *data.values())
        text = texts.get(key)
        if text is None:
            text = texts[key] = explain(data, code, names)[:500]
        if old is not None and old.suggested_code == code and old.from_code == current[pk]:
            if old.facts != data or old.explanation != text:
                old.facts, old.explanation = data, text
                rewrite.append(old)
            refresh.append(old.pk)
            continue
        if old is not None:
            supersede.append(old.pk)
        create.append(
            Suggestion(
                organisation_id=pk,
                from_code=current[pk],
                suggested_code=code,
                facts=data,
                explanation=text,
                computed_at=now,
            )
        )
    # Set-based writes in batches: a refreshed suggestion whose facts did not change only gets its new time (one
    # UPDATE per batch); bulk_update's CASE over thousands of rows took minutes at 100,000 customers.
    for batch in _batches(supersede):
        Suggestion.objects.filter(pk__in=batch).update(status=Suggestion.Status.SUPERSEDED)
    Suggestion.objects.bulk_update(rewrite, ["facts", "explanation"], batch_size=500)
    for batch in _batches(refresh):
        Suggestion.objects.filter(pk__in=batch).update(computed_at=now)
    Suggestion.objects.bulk_create(create, batch_size=1000, ignore_conflicts=True)
    figures_touch(SEGMENT_FIGURES)
    return {"created": len(create), "refreshed": len(refresh), "superseded": len(supersede)}


def _batches(ids: list[int], size: int = 5000):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def suggestion_accept(*, suggestion: Suggestion, actor) -> SegmentChange:
    """Apply a pending suggestion; its explanation is the recorded reason."""
    with transaction.atomic():
        locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        if locked.status != Suggestion.Status.PENDING:
            raise ValidationError(_("This suggestion has already been decided."))
        reason = _("Accepted suggestion: %(explanation)s") % {"explanation": locked.explanation_text}
        explanations = {}
        for language in languages():
            with translation.override(language):
                explanations[language] = locked.explanation_text
        change = segment_change(
            organisation=locked.organisation,
            to_code=locked.suggested_code,
            actor=actor,
            reason=reason,
            source=SegmentChange.Source.SUGGESTION,
            explanations=explanations,
        )
        Suggestion.objects.filter(pk=locked.pk).update(
            status=Suggestion.Status.ACCEPTED, decided_by=actor, decided_at=timezone.now()
        )
        figures_touch(SEGMENT_FIGURES)
    return change


def suggestion_reject(*, suggestion: Suggestion, actor) -> bool:
    """Returns whether a pending suggestion was rejected (False if someone decided it first)."""
    rejected = Suggestion.objects.filter(pk=suggestion.pk, status=Suggestion.Status.PENDING).update(
        status=Suggestion.Status.REJECTED, decided_by=actor, decided_at=timezone.now()
    )
    if rejected:
        figures_touch(SEGMENT_FIGURES)
    return bool(rejected)


def suggestions_decide_bulk(*, suggestions, accept: bool, actor) -> tuple[int, list[tuple[Suggestion, str]]]:
    """Accept or reject several; each is its own transaction. Returns (done, [(suggestion, error), ...])."""
    done, failed = 0, []
    for suggestion in suggestions:
        try:
            if accept:
                suggestion_accept(suggestion=suggestion, actor=actor)
                done += 1
            elif suggestion_reject(suggestion=suggestion, actor=actor):
                done += 1
        except ValidationError as exc:
            failed.append((suggestion, " ".join(exc.messages)))
    return done, failed


# Partnership agreements -------------------------------------------------------------------------------


def agreements_check(*, today: datetime.date | None = None) -> dict[str, int]:
    """Flag strategic customers without an active agreement for review; close flags that no longer apply."""
    today = today or timezone.localdate()
    active = PartnershipAgreement.objects.filter(organisation=OuterRef("pk"), start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    lapsed = Organisation.objects.filter(segment=STRATEGIC).exclude(Exists(active))
    reason = SegmentReview.Reason.AGREEMENT_ENDED
    already = set(
        SegmentReview.objects.filter(reason=reason, resolved_at__isnull=True).values_list("organisation_id", flat=True)
    )
    flagged = 0
    for organisation in lapsed.exclude(pk__in=already).only("pk", "name"):
        try:
            with transaction.atomic():
                review = SegmentReview.objects.create(organisation=organisation, reason=reason)
                timeline_add(
                    organisation=organisation,
                    kind="segment",
                    source=review,
                    **build("segments.agreement_ended"),
                )
        except IntegrityError:
            continue  # another run flagged it first
        flagged += 1
    resolved = (
        SegmentReview.objects.filter(reason=reason, resolved_at__isnull=True)
        .exclude(organisation__in=lapsed.values("pk"))
        .update(resolved_at=timezone.now(), resolution=_("Agreement active again or no longer strategic"))
    )
    flagged += unsegmented_groups_flag()
    if resolved or flagged:
        figures_touch(SEGMENT_FIGURES)
    return {"flagged": flagged, "resolved": resolved}


def unsegmented_groups_flag() -> int:
    """Individuals and network partners placed in a segment before the rule are listed for a person to decide
    (moving them to unclassified resolves it); nothing is cleared by the system."""
    reason = SegmentReview.Reason.NOT_SEGMENTED_GROUP
    flagged = 0
    misplaced = (
        Organisation.objects.exclude(segment=UNCLASSIFIED)
        .exclude(customer_group__in=SEGMENTED_GROUPS)
        .exclude(segment_reviews__reason=reason)
    )
    for organisation in misplaced.only("pk"):
        try:
            with transaction.atomic():
                SegmentReview.objects.create(organisation=organisation, reason=reason)
        except IntegrityError:
            continue
        flagged += 1
    return flagged


def strategic_candidate_suggest(organisation_id: int) -> None:
    """An active partnership agreement puts a business or public-sector customer in the review queue at once as
    a strategic candidate (the nightly refresh would, a day later)."""
    candidates = suggestion_candidates().filter(pk=organisation_id)
    if candidates.exclude(segment=STRATEGIC).exists():
        suggestions_refresh(organisations=candidates)
