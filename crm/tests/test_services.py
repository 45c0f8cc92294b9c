"""Register services: account team history, delivery completion, interaction timeline, size classes."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from accounts.tests.languages import in_languages
from crm import services
from crm.models import (
    AccountTeamAssignment,
    Delivery,
    Interaction,
    Organisation,
    RegisterSettings,
    SizeClass,
    TimelineEntry,
)
from crm.signals import account_manager_changed, delivery_completed, interaction_logged
from crm.tests.factories import ContactFactory, DeliveryFactory, InteractionFactory, OrganisationFactory, customer_unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Received(list):
    """Records each sending of a signal as the dict of its keyword arguments."""

    def __call__(self, sender, **kwargs):
        kwargs.pop("signal", None)
        self.append({"sender": sender, **kwargs})


@pytest.fixture
def manager_changes():
    received = Received()
    account_manager_changed.connect(received, weak=False, dispatch_uid="test_manager_changes")
    yield received
    account_manager_changed.disconnect(dispatch_uid="test_manager_changes")


@pytest.fixture
def completions():
    received = Received()
    delivery_completed.connect(received, weak=False, dispatch_uid="test_completions")
    yield received
    delivery_completed.disconnect(dispatch_uid="test_completions")


@pytest.fixture
def logged_interactions():
    received = Received()
    interaction_logged.connect(received, weak=False, dispatch_uid="test_logged_interactions")
    yield received
    interaction_logged.disconnect(dispatch_uid="test_logged_interactions")


@pytest.fixture
def other_manager():
    return UserFactory(roles=[Role.ACCOUNT_MANAGER], first_name="Ville", last_name="Vaihtaja")


def _open(organisation, role):
    return AccountTeamAssignment.objects.filter(organisation=organisation, role=role, valid_to__isnull=True)


# --- account_team_assign -------------------------------------------------------------------------------------


def test_first_manager_gets_an_open_history_row_naming_who_assigned(account_manager, admin):
    organisation = OrganisationFactory()
    services.account_team_assign(organisation=organisation, manager=account_manager, deputy=None, actor=admin)

    organisation.refresh_from_db()
    assert organisation.account_manager == account_manager
    row = AccountTeamAssignment.objects.get(organisation=organisation)
    assert (row.user, row.role, row.assigned_by, row.valid_to) == (
        account_manager,
        AccountTeamAssignment.Role.MANAGER,
        admin,
        None,
    )


def test_handover_closes_the_previous_row_and_opens_one_for_the_new_manager(account_manager, other_manager, admin):
    organisation = OrganisationFactory()
    with freeze_time("2026-01-05 09:00"):
        services.account_team_assign(organisation=organisation, manager=account_manager, deputy=None, actor=admin)
    with freeze_time("2026-03-02 12:00"):
        services.account_team_assign(
            organisation=organisation, manager=other_manager, deputy=None, actor=account_manager
        )

    rows = list(AccountTeamAssignment.objects.filter(organisation=organisation).order_by("valid_from"))
    assert [(r.user, r.assigned_by) for r in rows] == [(account_manager, admin), (other_manager, account_manager)]
    assert rows[0].valid_from.isoformat().startswith("2026-01-05")
    assert rows[0].valid_to == rows[1].valid_from
    assert rows[1].valid_to is None
    assert list(_open(organisation, AccountTeamAssignment.Role.MANAGER)) == [rows[1]]
    organisation.refresh_from_db()
    assert organisation.account_manager == other_manager


def test_handover_writes_a_timeline_entry_per_changed_role(account_manager, other_manager, admin):
    organisation = OrganisationFactory()
    services.account_team_assign(organisation=organisation, manager=account_manager, deputy=other_manager, actor=admin)

    entries = TimelineEntry.objects.filter(organisation=organisation, kind="account_team")
    assert entries.count() == 2
    assert {e.actor for e in entries} == {admin}
    assert [in_languages(entry) for entry in entries.order_by("pk")] == [
        {
            "fi": f"Asiakkuuspäällikkö: {account_manager}",
            "en": f"Account manager: {account_manager}",
            "sv": f"Kundansvarig: {account_manager}",
        },
        {"fi": f"Varahenkilö: {other_manager}", "en": f"Deputy: {other_manager}", "sv": f"Ersättare: {other_manager}"},
    ]


def test_removing_the_deputy_closes_the_row_and_says_so_on_the_timeline(account_manager, other_manager, admin):
    organisation = OrganisationFactory()
    services.account_team_assign(organisation=organisation, manager=account_manager, deputy=other_manager, actor=admin)
    TimelineEntry.objects.all().delete()

    services.account_team_assign(organisation=organisation, manager=account_manager, deputy=None, actor=admin)

    organisation.refresh_from_db()
    assert organisation.deputy_manager is None
    assert not _open(organisation, AccountTeamAssignment.Role.DEPUTY).exists()
    assert _open(organisation, AccountTeamAssignment.Role.MANAGER).get().user == account_manager
    assert TimelineEntry.objects.filter(organisation=organisation).count() == 1


def test_assigning_the_same_team_again_changes_nothing(
    account_manager, admin, manager_changes, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    services.account_team_assign(organisation=organisation, manager=account_manager, deputy=None, actor=admin)
    rows, entries = AccountTeamAssignment.objects.count(), TimelineEntry.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        services.account_team_assign(organisation=organisation, manager=account_manager, deputy=None, actor=admin)

    assert (AccountTeamAssignment.objects.count(), TimelineEntry.objects.count()) == (rows, entries)
    assert manager_changes == []


def test_manager_change_is_announced_only_after_commit(
    account_manager, other_manager, admin, manager_changes, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(account_manager=account_manager)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.account_team_assign(organisation=organisation, manager=other_manager, deputy=None, actor=admin)
    assert manager_changes == []  # nothing before the commit
    assert len(callbacks) == 1

    callbacks[0]()
    assert len(manager_changes) == 1
    sent = manager_changes[0]
    assert sent["sender"] is Organisation
    assert sent["organisation"].pk == organisation.pk
    assert (sent["old_manager"], sent["new_manager"], sent["actor"]) == (account_manager, other_manager, admin)


def test_changing_only_the_deputy_announces_no_manager_change(
    account_manager, other_manager, admin, manager_changes, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    services.account_team_assign(organisation=organisation, manager=account_manager, deputy=None, actor=admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.account_team_assign(
            organisation=organisation, manager=account_manager, deputy=other_manager, actor=admin
        )
    assert manager_changes == []


# --- delivery_save --------------------------------------------------------------------------------------------


def _new_delivery(organisation, responsible, **fields) -> Delivery:
    return DeliveryFactory.build(organisation=organisation, responsible=responsible, **fields)


def test_new_planned_delivery_gets_one_timeline_entry_and_no_completion(account_manager, completions):
    organisation = OrganisationFactory()
    delivery = services.delivery_save(delivery=_new_delivery(organisation, account_manager), actor=account_manager)

    assert delivery.created_by == account_manager
    assert delivery.completed_at is None
    entry = TimelineEntry.objects.get(organisation=organisation)
    assert (entry.kind, entry.source, entry.actor) == ("delivery", delivery, account_manager)
    assert completions == []


def test_marking_done_stamps_completion_and_end_date_and_announces_once(
    account_manager, completions, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    delivery = services.delivery_save(
        delivery=_new_delivery(organisation, account_manager, end_date=None), actor=account_manager
    )

    delivery.status = Delivery.Status.DONE
    with freeze_time("2026-04-15 10:30:00+03:00"), django_capture_on_commit_callbacks(execute=True):
        services.delivery_save(delivery=delivery, actor=account_manager)

    delivery.refresh_from_db()
    assert delivery.completed_at == datetime.datetime(2026, 4, 15, 7, 30, tzinfo=datetime.UTC)
    assert delivery.end_date == datetime.date(2026, 4, 15)
    assert len(completions) == 1
    assert completions[0]["delivery"].pk == delivery.pk
    assert completions[0]["actor"] == account_manager
    assert TimelineEntry.objects.filter(organisation=organisation, kind="delivery").count() == 2


def test_done_delivery_keeps_an_end_date_already_given(account_manager):
    delivery = services.delivery_save(
        delivery=_new_delivery(OrganisationFactory(), account_manager, end_date=datetime.date(2026, 3, 20)),
        actor=account_manager,
    )
    delivery.status = Delivery.Status.DONE
    services.delivery_save(delivery=delivery, actor=account_manager)
    delivery.refresh_from_db()
    assert delivery.end_date == datetime.date(2026, 3, 20)
    assert delivery.completed_at is not None


def test_saving_a_done_delivery_again_does_not_announce_it_again(
    account_manager, completions, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    delivery = services.delivery_save(delivery=_new_delivery(organisation, account_manager), actor=account_manager)
    delivery.status = Delivery.Status.DONE
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_save(delivery=delivery, actor=account_manager)
    completed_at = Delivery.objects.get(pk=delivery.pk).completed_at

    # A second save, as the edit form does, with a fresh instance.
    again = Delivery.objects.get(pk=delivery.pk)
    again.notes = "Palaute kerätty."
    with freeze_time(timezone.now() + datetime.timedelta(days=3)), django_capture_on_commit_callbacks(execute=True):
        services.delivery_save(delivery=again, actor=account_manager)

    assert len(completions) == 1
    assert Delivery.objects.get(pk=delivery.pk).completed_at == completed_at
    completed_entries = TimelineEntry.objects.filter(organisation=organisation, kind="delivery", source_id__isnull=True)
    assert completed_entries.count() == 1


def test_delivery_created_as_done_is_announced_once(account_manager, completions, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services.delivery_save(
            delivery=_new_delivery(OrganisationFactory(), account_manager, status=Delivery.Status.DONE),
            actor=account_manager,
        )
    assert [c["delivery"].pk for c in completions] == [delivery.pk]
    assert delivery.completed_at is not None


def test_delivery_completion_is_not_announced_before_commit(
    account_manager, completions, django_capture_on_commit_callbacks
):
    delivery = services.delivery_save(
        delivery=_new_delivery(OrganisationFactory(), account_manager), actor=account_manager
    )
    delivery.status = Delivery.Status.DONE
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.delivery_save(delivery=delivery, actor=account_manager)
    assert completions == []
    assert len(callbacks) == 1


def test_editing_a_delivery_updates_its_timeline_entry(account_manager):
    organisation = OrganisationFactory()
    delivery = services.delivery_save(
        delivery=_new_delivery(organisation, account_manager, title="Työturvallisuus"), actor=account_manager
    )
    delivery.title = "Työturvallisuuskortti"
    services.delivery_save(delivery=delivery, actor=account_manager)
    entry = TimelineEntry.objects.get(organisation=organisation)
    service_type = delivery.service_type
    assert in_languages(entry) == {
        "fi": f"{service_type.name_fi}: Työturvallisuuskortti (suunniteltu)",
        "en": f"{service_type.name_en}: Työturvallisuuskortti (planned)",
        "sv": f"{service_type.name_sv}: Työturvallisuuskortti (planerad)",
    }


# --- interaction_save -----------------------------------------------------------------------------------------


def _new_interaction(organisation, **fields) -> Interaction:
    return InteractionFactory.build(organisation=organisation, **fields)


def test_new_interaction_writes_one_timeline_entry(
    account_manager, logged_interactions, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    contact = ContactFactory(organisation=organisation)
    occurred = timezone.now() - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        interaction = services.interaction_save(
            interaction=_new_interaction(
                organisation, subject="Oppisopimukset", notes="Kaksi paikkaa syksyllä.", occurred_at=occurred
            ),
            actor=account_manager,
            participants=[account_manager],
            contacts=[contact],
        )

    entry = TimelineEntry.objects.get(organisation=organisation)
    assert entry.kind == Interaction.Kind.MEETING
    assert entry.source == interaction
    assert entry.actor == account_manager
    assert entry.occurred_at == occurred
    assert in_languages(entry) == {
        "fi": "Tapaaminen: Oppisopimukset",
        "en": "Meeting: Oppisopimukset",
        "sv": "Möte: Oppisopimukset",
    }
    assert entry.detail == "Kaksi paikkaa syksyllä."
    assert list(interaction.our_participants.all()) == [account_manager]
    assert list(interaction.contacts.all()) == [contact]
    assert interaction.created_by == account_manager
    organisation.refresh_from_db()
    assert organisation.last_contact_at == occurred
    assert [sent["interaction"].pk for sent in logged_interactions] == [interaction.pk]


def test_editing_an_interaction_updates_its_entry_instead_of_adding_one(account_manager, logged_interactions):
    organisation = OrganisationFactory()
    interaction = services.interaction_save(interaction=_new_interaction(organisation), actor=account_manager)

    interaction.kind = Interaction.Kind.CALL
    interaction.subject = "Soitto koulutustarpeista"
    interaction.occurred_at = timezone.now() - datetime.timedelta(days=2)
    services.interaction_save(interaction=interaction, actor=account_manager)

    entry = TimelineEntry.objects.get(organisation=organisation)
    assert entry.kind == Interaction.Kind.CALL
    assert in_languages(entry) == {
        "fi": "Puhelu: Soitto koulutustarpeista",
        "en": "Call: Soitto koulutustarpeista",
        "sv": "Samtal: Soitto koulutustarpeista",
    }
    assert entry.occurred_at == interaction.occurred_at
    organisation.refresh_from_db()
    assert organisation.last_contact_at == interaction.occurred_at


def test_editing_an_interaction_updates_the_notes_shown_on_the_timeline(account_manager):
    organisation = OrganisationFactory()
    interaction = services.interaction_save(
        interaction=_new_interaction(organisation, notes="Alustava muistio."), actor=account_manager
    )
    interaction.notes = "Tarkennettu muistio: tarjous lähtee perjantaina."
    services.interaction_save(interaction=interaction, actor=account_manager)
    assert TimelineEntry.objects.get(organisation=organisation).detail == interaction.notes


def test_future_interaction_does_not_count_as_the_last_contact(account_manager):
    organisation = OrganisationFactory()
    past = timezone.now() - datetime.timedelta(days=10)
    services.interaction_save(interaction=_new_interaction(organisation, occurred_at=past), actor=account_manager)
    services.interaction_save(
        interaction=_new_interaction(organisation, occurred_at=timezone.now() + datetime.timedelta(days=5)),
        actor=account_manager,
    )
    organisation.refresh_from_db()
    assert organisation.last_contact_at == past


# --- size classes ---------------------------------------------------------------------------------------------


def test_organisation_save_derives_the_size_class(account_manager):
    organisation = Organisation(
        name="Koko Oy", headcount=100, turnover=Decimal("5000000"), responsible_unit=customer_unit()
    )
    services.organisation_save(organisation=organisation, actor=account_manager)
    assert Organisation.objects.get(pk=organisation.pk).size_class == SizeClass.MEDIUM


def test_rebuild_recomputes_stale_size_classes_with_the_current_micro_limit():
    micro_under_5 = OrganisationFactory(headcount=4)
    between = OrganisationFactory(headcount=7)
    unknown = OrganisationFactory(headcount=None, turnover=None)
    by_turnover = OrganisationFactory(headcount=None, turnover=Decimal("60000000"))
    Organisation.objects.update(size_class="")
    register_settings = RegisterSettings.load()
    register_settings.micro_headcount_limit = 5
    register_settings.save()

    changed = services.organisation_rebuild_size_classes()

    classes = dict(Organisation.objects.values_list("pk", "size_class"))
    assert classes[micro_under_5.pk] == SizeClass.MICRO
    assert classes[between.pk] == SizeClass.SMALL  # small once the limit is 5
    assert classes[unknown.pk] == ""
    assert classes[by_turnover.pk] == SizeClass.LARGE
    assert changed == 3
    assert services.organisation_rebuild_size_classes() == 0


@pytest.mark.django_db
def test_rebuild_last_contacts_takes_the_latest_past_interaction():
    """The stored last contact after a bulk import: the newest interaction that has happened, none when none."""
    from crm.models import Interaction, Organisation
    from crm.services import organisation_rebuild_last_contacts
    from crm.tests.factories import OrganisationFactory

    now = timezone.now()
    contacted, never = OrganisationFactory(), OrganisationFactory()
    for days in (30, 3, -5):  # the last one is planned, not yet a contact
        Interaction.objects.create(
            organisation=contacted, kind="call", subject="x", occurred_at=now - datetime.timedelta(days=days)
        )
    Organisation.objects.filter(pk=never.pk).update(last_contact_at=now)
    organisation_rebuild_last_contacts()
    contacted.refresh_from_db()
    never.refresh_from_db()
    assert contacted.last_contact_at == now - datetime.timedelta(days=3)
    assert never.last_contact_at is None
