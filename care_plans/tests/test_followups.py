"""Follow-up creation rules: after a delivery is done, and when the account manager changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from accounts.tests.languages import in_languages
from care_plans import services
from care_plans.models import AfterCareModel, AfterCareStep, FollowUp, NewNeed
from crm import services as crm_services
from crm.models import Delivery, ServiceType, TimelineEntry
from crm.tests.factories import DeliveryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _complete(delivery, actor, capture):
    delivery.status = Delivery.Status.DONE
    with capture(execute=True):
        crm_services.delivery_save(delivery=delivery, actor=actor)


def test_done_delivery_gets_the_default_two_follow_ups_owned_by_its_responsible(
    account_manager, django_capture_on_commit_callbacks
):
    teacher = user_with_role(Role.TEACHER)
    delivery = DeliveryFactory(responsible=teacher, end_date=datetime.date(2026, 3, 20))
    _complete(delivery, account_manager, django_capture_on_commit_callbacks)

    follow_ups = list(FollowUp.objects.filter(delivery=delivery).order_by("due_date"))
    assert [f.due_date for f in follow_ups] == [datetime.date(2026, 4, 2), datetime.date(2027, 3, 19)]
    assert {f.owner for f in follow_ups} == {teacher}
    assert all(f.organisation == delivery.organisation and f.status == "open" for f in follow_ups)
    assert TimelineEntry.objects.filter(organisation=delivery.organisation, kind="follow_up").count() == 2


def test_a_repeated_signal_creates_nothing_more(account_manager, django_capture_on_commit_callbacks):
    delivery = DeliveryFactory(responsible=account_manager)
    _complete(delivery, account_manager, django_capture_on_commit_callbacks)
    services.followups_create_for_delivery(delivery=delivery, actor=account_manager)
    assert FollowUp.objects.filter(delivery=delivery).count() == 2


def test_saving_a_done_delivery_again_creates_nothing_more(account_manager, django_capture_on_commit_callbacks):
    delivery = DeliveryFactory(responsible=account_manager)
    _complete(delivery, account_manager, django_capture_on_commit_callbacks)
    delivery.notes = "Muokattu"
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.delivery_save(delivery=delivery, actor=account_manager)
    assert FollowUp.objects.filter(delivery=delivery).count() == 2


def test_a_service_types_own_model_wins_and_counts_working_days(account_manager, django_capture_on_commit_callbacks):
    apprenticeship = ServiceType.objects.exclude(code="staff_training").first()
    model = AfterCareModel.objects.create(name="Oppisopimus", service_type=apprenticeship)
    AfterCareStep.objects.create(model=model, title_fi="Soitto", days_after_end=5, working_days=True)
    delivery = DeliveryFactory(
        responsible=account_manager, service_type=apprenticeship, end_date=datetime.date(2026, 3, 31)
    )
    _complete(delivery, account_manager, django_capture_on_commit_callbacks)
    [follow_up] = FollowUp.objects.filter(delivery=delivery)
    assert follow_up.title.startswith("Soitto")
    # The step has only a Finnish title: every reader sees it, marked Finnish on the page.
    assert set(in_languages(follow_up, "display_title").values()) == {f"Soitto: {delivery.title}"}
    with translation.override("sv"):
        assert follow_up.display_title_html == f'<span lang="fi">Soitto</span>: {delivery.title}'
    assert follow_up.due_date == datetime.date(2026, 4, 9)  # Good Friday and Easter Monday skipped


@freeze_time("2026-05-04 09:00:00+03:00")
def test_no_end_date_counts_from_the_day_it_was_marked_done(account_manager, django_capture_on_commit_callbacks):
    delivery = DeliveryFactory(responsible=account_manager, end_date=None)
    _complete(delivery, account_manager, django_capture_on_commit_callbacks)
    first = FollowUp.objects.filter(delivery=delivery).order_by("due_date").first()
    assert first.due_date == datetime.date(2026, 5, 18)


def test_no_active_model_means_no_follow_ups(account_manager, django_capture_on_commit_callbacks):
    AfterCareModel.objects.update(is_active=False)
    delivery = DeliveryFactory(responsible=account_manager)
    _complete(delivery, account_manager, django_capture_on_commit_callbacks)
    assert not FollowUp.objects.exists()


@freeze_time("2026-06-17 10:00:00+03:00")
def test_a_new_account_manager_gets_a_task_to_tell_the_customer(account_manager, django_capture_on_commit_callbacks):
    other = user_with_role(Role.ACCOUNT_MANAGER)
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.account_team_assign(
            organisation=organisation, manager=account_manager, deputy=None, actor=account_manager
        )
    assert not FollowUp.objects.exists()  # a first manager is not a change
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.account_team_assign(organisation=organisation, manager=other, deputy=None, actor=account_manager)
    [task] = FollowUp.objects.all()
    assert task.kind == FollowUp.Kind.MANAGER_CHANGE
    assert task.owner == other
    # Five working days from Wednesday 17.6., Midsummer Eve (Friday 19.6.) is off.
    assert task.due_date == datetime.date(2026, 6, 25)


def test_recording_a_follow_up_keeps_the_answers_and_the_new_needs(client, account_manager):
    follow_up = FollowUp.objects.create(
        organisation=OrganisationFactory(),
        title="Jälkihoito",
        owner=account_manager,
        due_date=datetime.date(2026, 4, 2),
    )
    client.force_login(account_manager)
    url = reverse("care_plans:followup_detail", args=[follow_up.pk])
    response = client.post(url, {"went_customer": "Hyvin"})
    assert response.status_code == 200 and "channel" in response.context["form"].errors

    response = client.post(
        url,
        {
            "channel": "phone",
            "went_customer": "Hyvin",
            "went_ours": "Aikataulu piti",
            "need_reassessment": "Tarve jatkuu",
            "services_presented": "Oppisopimus",
            "feedback": "Kiitos",
            "new_needs": "Työturvallisuuskorttikoulutus\n\nEsimieskoulutus",
        },
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and follow_up.channel == "phone" and follow_up.completed_by == account_manager
    assert list(NewNeed.objects.values_list("description", flat=True)) == [
        "Työturvallisuuskorttikoulutus",
        "Esimieskoulutus",
    ]


def test_a_new_need_becomes_a_lead_with_one_click(client, account_manager):
    from leads.models import Lead

    organisation = OrganisationFactory(account_manager=account_manager)
    follow_up = FollowUp.objects.create(
        organisation=organisation, title="Jälkihoito", owner=account_manager, due_date=datetime.date(2026, 4, 2)
    )
    need = NewNeed.objects.create(follow_up=follow_up, organisation=organisation, description="Esimieskoulutus")
    client.force_login(account_manager)
    response = client.post(reverse("care_plans:need_to_lead", args=[need.pk]))
    assert response.status_code == 302
    need.refresh_from_db()
    lead = Lead.objects.get(pk=need.lead_id)
    assert lead.organisation == organisation and "Esimieskoulutus" in lead.description
    assert lead.assignee == account_manager
    client.post(reverse("care_plans:need_to_lead", args=[need.pk]))
    assert Lead.objects.count() == 1


def test_a_new_need_becomes_a_draft_offer_with_one_click(client, account_manager):
    from leads.models import Offer

    organisation = OrganisationFactory(account_manager=account_manager)
    follow_up = FollowUp.objects.create(
        organisation=organisation, title="Jälkihoito", owner=account_manager, due_date=datetime.date(2026, 4, 2)
    )
    need = NewNeed.objects.create(follow_up=follow_up, organisation=organisation, description="Esimieskoulutus")
    client.force_login(account_manager)
    assert client.post(reverse("care_plans:need_to_offer", args=[need.pk])).status_code == 302
    need.refresh_from_db()
    assert Offer.objects.get(pk=need.offer_id).organisation == organisation


def test_a_delivery_whose_end_date_passed_unmarked_gets_after_care_once(account_manager):
    ended = DeliveryFactory(
        responsible=account_manager,
        status=Delivery.Status.IN_PROGRESS,
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2026, 11, 20),
    )
    running = DeliveryFactory(
        status=Delivery.Status.IN_PROGRESS, start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 12, 20)
    )
    long_ago = DeliveryFactory(
        status=Delivery.Status.IN_PROGRESS, start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 3, 1)
    )
    today = datetime.date(2026, 11, 23)

    assert services.followups_create_for_ended_deliveries(today=today) == 2
    assert services.followups_create_for_ended_deliveries(today=today) == 0
    assert set(FollowUp.objects.filter(delivery=ended).values_list("owner", flat=True)) == {account_manager.pk}
    assert not FollowUp.objects.filter(delivery__in=[running, long_ago]).exists()


def test_a_done_delivery_whose_receiver_failed_gets_its_after_care_from_the_nightly_sweep(account_manager):
    from django.utils import timezone

    delivery = DeliveryFactory(
        responsible=account_manager,
        status=Delivery.Status.DONE,
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2026, 11, 20),
    )
    # Marked done, but no follow-ups: the receiver that creates them died after the commit.
    Delivery.objects.filter(pk=delivery.pk).update(completed_at=timezone.now())
    assert not FollowUp.objects.filter(delivery=delivery).exists()

    assert services.followups_create_for_ended_deliveries(today=timezone.localdate()) > 0
    assert services.followups_create_for_ended_deliveries(today=timezone.localdate()) == 0
    assert FollowUp.objects.filter(delivery=delivery, owner=account_manager).exists()


@freeze_time("2026-11-23 12:00:00")
def test_closing_past_follow_ups_cancels_only_long_overdue_after_care(account_manager):
    from django.core.management import call_command

    organisation = OrganisationFactory()
    old = FollowUp.objects.create(
        organisation=organisation, title="Vanha", owner=account_manager, due_date=datetime.date(2026, 9, 1)
    )
    recent = FollowUp.objects.create(
        organisation=organisation, title="Tuore", owner=account_manager, due_date=datetime.date(2026, 11, 10)
    )
    call_command("close_past_followups", "--days", "30")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.status, recent.status) == ("cancelled", "open")
    assert old.history.count() == 2  # the change is traced, nothing deleted


@freeze_time("2026-06-17 10:00:00+03:00")
def test_a_manager_change_whose_receiver_failed_gets_its_follow_up_from_the_nightly_repair(
    account_manager, django_capture_on_commit_callbacks, monkeypatch
):
    other = user_with_role(Role.ACCOUNT_MANAGER)
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.account_team_assign(
            organisation=organisation, manager=account_manager, deputy=None, actor=account_manager
        )

    def failing(**kwargs):
        raise RuntimeError("the database went away after the commit")

    monkeypatch.setattr(services, "followup_create_for_manager_change", failing)
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.account_team_assign(organisation=organisation, manager=other, deputy=None, actor=account_manager)
    assert not FollowUp.objects.exists()  # the change is stored, its follow-up is not
    monkeypatch.undo()

    assert services.followups_create_for_manager_changes() == 1
    [task] = FollowUp.objects.all()
    assert (task.kind, task.owner, task.organisation) == (FollowUp.Kind.MANAGER_CHANGE, other, organisation)
    assert services.followups_create_for_manager_changes() == 0  # once
    assert FollowUp.objects.count() == 1


@freeze_time("2026-06-17 10:00:00+03:00")
def test_the_nightly_repair_leaves_changes_whose_follow_up_was_made_alone(
    account_manager, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.account_team_assign(
            organisation=organisation, manager=account_manager, deputy=None, actor=account_manager
        )
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.account_team_assign(
            organisation=organisation,
            manager=user_with_role(Role.ACCOUNT_MANAGER),
            deputy=None,
            actor=account_manager,
        )
    assert FollowUp.objects.count() == 1
    assert services.followups_create_for_manager_changes() == 0  # a first manager is no change either
    assert FollowUp.objects.count() == 1
