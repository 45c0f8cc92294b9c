"""Register services: every write that spans rows, history, the timeline or other apps goes here."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.messages import build
from crm.erasure import contact_anonymise, export_hits  # noqa: F401  (contact_anonymise: part of this API)
from crm.messages import (
    agreement_message,
    contact_added_message,
    delivery_completed_message,
    delivery_message,
    interaction_message,
    team_member_message,
    team_role_removed_message,
)
from crm.models import (
    AccountTeamAssignment,
    Contact,
    Delivery,
    Interaction,
    Organisation,
    PartnershipAgreement,
    RegisterSettings,
)
from crm.preferences import Decision, preference_record
from crm.signals import (
    account_manager_changed,
    agreement_saved,
    delivery_completed,
    delivery_responsible_changed,
    interaction_logged,
)
from crm.timeline import timeline_add, timeline_update_source
from kumppani.lib.size_class import size_class as compute_size_class


def organisation_refresh_size_class(organisation: Organisation, *, micro_limit: int | None = None) -> None:
    if micro_limit is None:
        micro_limit = RegisterSettings.load().micro_headcount_limit
    organisation.size_class = compute_size_class(organisation.headcount, organisation.turnover, micro_limit)


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor) -> Organisation:
    """Create or update an organisation validated by its form; keeps the derived size class.

    A new customer without a responsible unit takes its account manager's primary unit.
    """
    creating = organisation.pk is None
    if creating and organisation.responsible_unit_id is None and organisation.account_manager_id:
        organisation.responsible_unit = organisation.account_manager.primary_unit_or_none()
    organisation_refresh_size_class(organisation)
    organisation.full_clean()
    organisation.save()
    if creating:
        timeline_add(organisation=organisation, kind="register", actor=actor, **build("crm.organisation_added"))
    return organisation


def organisation_rebuild_size_classes() -> int:
    """Recompute every stored size class (after the micro limit changes). Returns the number changed."""
    micro_limit = RegisterSettings.load().micro_headcount_limit
    changed = []
    for organisation in Organisation.objects.only("pk", "headcount", "turnover", "size_class").iterator():
        new = compute_size_class(organisation.headcount, organisation.turnover, micro_limit)
        if new != organisation.size_class:
            organisation.size_class = new
            changed.append(organisation)
    Organisation.objects.bulk_update(changed, ["size_class"], batch_size=1000)
    return len(changed)


def organisation_rebuild_last_contacts() -> int:
    """Recompute every stored last contact from the logged interactions (after an import). Returns the rows set."""
    latest = (
        Interaction.objects.filter(organisation=OuterRef("pk"), occurred_at__lte=timezone.now())
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    return Organisation.objects.update(last_contact_at=Subquery(latest))


@transaction.atomic
def organisation_set_archived(*, organisation: Organisation, archived: bool, actor) -> None:
    organisation.is_archived = archived
    organisation.save(update_fields=["is_archived", "updated_at"])
    timeline_add(
        organisation=organisation,
        kind="register",
        actor=actor,
        **build("crm.organisation_archived" if archived else "crm.organisation_restored"),
    )


def organisation_toggle_follow(*, organisation: Organisation, user) -> bool:
    """Follow or unfollow; returns whether the user now follows."""
    if organisation.followers.filter(pk=user.pk).exists():
        organisation.followers.remove(user)
        return False
    organisation.followers.add(user)
    return True


@transaction.atomic
def account_team_assign(*, organisation: Organisation, manager, deputy, actor) -> None:
    """Set the responsible manager and deputy; closes the previous assignments so history shows who, from, to."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    now = timezone.now()
    old_manager = organisation.account_manager
    for role, user, field in (
        (AccountTeamAssignment.Role.MANAGER, manager, "account_manager"),
        (AccountTeamAssignment.Role.DEPUTY, deputy, "deputy_manager"),
    ):
        if getattr(organisation, f"{field}_id") == (user.pk if user else None):
            continue
        AccountTeamAssignment.objects.filter(organisation=organisation, role=role, valid_to__isnull=True).update(
            valid_to=now
        )
        if user is not None:
            AccountTeamAssignment.objects.create(
                organisation=organisation, user=user, role=role, valid_from=now, assigned_by=actor
            )
        setattr(organisation, field, user)
        timeline_add(
            organisation=organisation,
            kind="account_team",
            actor=actor,
            **(team_member_message(role, user) if user else team_role_removed_message(role)),
        )
    organisation.save(update_fields=["account_manager", "deputy_manager", "updated_at"])
    if old_manager != manager:
        transaction.on_commit(
            lambda: account_manager_changed.send_robust(
                sender=Organisation,
                organisation=organisation,
                old_manager=old_manager,
                new_manager=manager,
                actor=actor,
            )
        )


@transaction.atomic
def agreement_save(*, agreement: PartnershipAgreement, actor) -> PartnershipAgreement:
    creating = agreement.pk is None
    if creating:
        agreement.created_by = actor
    agreement.full_clean()
    agreement.save()
    message = agreement_message(agreement)
    if creating:
        timeline_add(organisation=agreement.organisation, kind="agreement", actor=actor, source=agreement, **message)
    else:
        timeline_update_source(source=agreement, **message)
    # robust: the agreement is saved; a failing reaction is logged and the nightly agreement check repeats it.
    transaction.on_commit(
        lambda: agreement_saved.send_robust(sender=PartnershipAgreement, agreement=agreement, actor=actor)
    )
    return agreement


@transaction.atomic
def contact_save(*, contact: Contact, actor, decisions: Iterable[Decision] = ()) -> Contact:
    """Save the contact and record its decisions on kinds of mail (crm.preferences)."""
    creating = contact.pk is None
    if creating:
        contact.created_by = actor
    contact.full_clean()
    contact.save()
    for decision in decisions:
        preference_record(contact=contact, decision=decision)
    if creating:
        timeline_add(
            organisation=contact.organisation,
            kind="contact",
            actor=actor,
            source=contact,
            **contact_added_message(contact),
        )
    return contact


def contact_export(contact: Contact) -> dict:
    """Everything Kumppani holds about one person (GDPR right of access), as plain data."""
    return {
        "name": contact.full_name,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "organisation": contact.organisation.name,
        "title": contact.title,
        "work_role": contact.work_role,
        "decision_maker": contact.is_decision_maker,
        "email": contact.email,
        "phone": contact.phone,
        "language": contact.language,
        "communication_preferences": [
            {"kind": p.kind, "status": p.status, "date": p.date.isoformat(), "source": p.source}
            for p in contact.preferences.order_by("kind")
        ],
        "active": contact.is_active,
        "created_at": contact.created_at.isoformat(),
        "interactions": [
            {"when": i.occurred_at.isoformat(), "kind": i.kind, "subject": i.subject}
            for i in contact.interactions.order_by("-occurred_at")
        ],
        "history": [
            {"when": h.history_date.isoformat(), "change": h.get_history_type_display()}
            for h in contact.history.order_by("history_date")
        ],
        # Every other place the registry finds the person's name, e-mail or phone (crm.erasure).
        "found_in": export_hits(contact),
    }


@transaction.atomic
def interaction_save(*, interaction: Interaction, actor, participants=None, contacts=None) -> Interaction:
    creating = interaction.pk is None
    if creating:
        interaction.created_by = actor
    interaction.full_clean()
    interaction.save()
    if participants is not None:
        interaction.our_participants.set(participants)
    if contacts is not None:
        interaction.contacts.set(contacts)
    message = interaction_message(interaction)
    _refresh_last_contact(interaction.organisation_id)
    if creating:
        timeline_add(
            organisation=interaction.organisation,
            kind=interaction.kind,
            actor=actor,
            occurred_at=interaction.occurred_at,
            detail=interaction.notes[:500],
            source=interaction,
            **message,
        )
    else:
        timeline_update_source(
            source=interaction,
            **message,
            occurred_at=interaction.occurred_at,
            kind=interaction.kind,
            detail=interaction.notes[:500],
        )
    # A new contact, or an edited date, moves the customer's care rhythm.
    transaction.on_commit(
        lambda: interaction_logged.send_robust(
            sender=Interaction, organisation=interaction.organisation, interaction=interaction
        )
    )
    return interaction


def _refresh_last_contact(organisation_id: int) -> None:
    latest = (
        Interaction.objects.filter(organisation_id=organisation_id, occurred_at__lte=timezone.now())
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )
    Organisation.objects.filter(pk=organisation_id).update(last_contact_at=latest)


@transaction.atomic
def delivery_save(*, delivery: Delivery, actor) -> Delivery:
    """Create or update a delivery; marking it done stamps completion and tells the apps above.

    A delivery without a delivering unit takes its responsible person's primary unit.
    """
    creating = delivery.pk is None
    if delivery.unit_id is None and delivery.responsible_id:
        delivery.unit = delivery.responsible.primary_unit_or_none()
    before = None if creating else Delivery.objects.filter(pk=delivery.pk).values("status", "responsible_id").first()
    was_done = before is not None and before["status"] == Delivery.Status.DONE
    if creating:
        delivery.created_by = actor
    becomes_done = delivery.status == Delivery.Status.DONE and not was_done
    if becomes_done:
        delivery.completed_at = timezone.now()
        if delivery.end_date is None:
            delivery.end_date = timezone.localdate()
    delivery.full_clean()
    delivery.save()
    message = delivery_message(delivery)
    if creating:
        timeline_add(organisation=delivery.organisation, kind="delivery", actor=actor, source=delivery, **message)
    else:
        timeline_update_source(source=delivery, **message)
    if becomes_done:
        timeline_add(
            organisation=delivery.organisation,
            kind="delivery",
            actor=actor,
            url=delivery.get_absolute_url(),
            **delivery_completed_message(delivery),
        )
        # robust: the delivery is saved and done; a reaction that fails after the commit must not answer the
        # person with an error for a write that happened. It is logged, and the nightly sweep makes the after-care.
        transaction.on_commit(lambda: delivery_completed.send_robust(sender=Delivery, delivery=delivery, actor=actor))
    if before is not None and before["responsible_id"] != delivery.responsible_id:
        old_responsible_id = before["responsible_id"]
        transaction.on_commit(
            lambda: delivery_responsible_changed.send_robust(
                sender=Delivery,
                delivery=delivery,
                old_responsible_id=old_responsible_id,
                new_responsible=delivery.responsible,
                actor=actor,
            )
        )
    return delivery


def agreement_document_quarantine(*, agreement: PartnershipAgreement) -> str:
    """Check a stored document as an upload is checked; withhold it (record why) when it fails. Returns the reason.

    For documents stored before the checks came (`manage.py check_agreement_documents`); a document that passes
    is left as it is, one that fails is kept in storage for an admin to look at but no longer served.
    """
    from crm.uploads import DocumentRefused, QuarantineReason, document_check

    document = agreement.document
    try:
        with document.storage.open(document.name, "rb") as stored:
            document_check(stored, name=document.name, size=document.storage.size(document.name))
        reason = ""
    except FileNotFoundError:
        reason = QuarantineReason.MISSING
    except DocumentRefused as refused:
        reason = refused.reason
    if reason != agreement.document_quarantine:
        agreement.document_quarantine = reason
        agreement.save(update_fields=["document_quarantine"])  # a history row records when
    return reason
