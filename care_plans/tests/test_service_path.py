"""After-care from the first day: the service start, progress checks, a new responsible person, e-mail's hint."""

import datetime
import uuid

import pytest
from django.urls import reverse
from freezegun import freeze_time

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from care_plans import service_path
from care_plans.models import FollowUp, ServiceStart
from care_plans.tests.factories import FollowUpFactory
from crm import services as crm_services
from crm.tests.factories import DeliveryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_need_and_the_promise_are_recorded_at_the_start_and_shown_to_the_team(client, account_manager, management):
    organisation = OrganisationFactory(account_manager=account_manager)
    delivery = DeliveryFactory(organisation=organisation, responsible=account_manager, status="in_progress")
    client.force_login(account_manager)
    url = reverse("care_plans:service_start", args=[delivery.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "need_assessment": "Työnjohdon osaaminen, 12 esihenkilöä.",
            "service_promise": "Suunnittelu, neljä koulutuspäivää, väliarvio, yhteydenotto kahden viikon sisällä.",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    start = ServiceStart.objects.get(delivery=delivery)
    assert start.recorded_by == account_manager
    client.force_login(management)
    page = client.get(url).content.decode()
    assert "Työnjohdon osaaminen" in page
    assert 'method="post"' not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert delivery.title in client.get(organisation.get_absolute_url()).content.decode()


@freeze_time("2026-04-02 08:00:00+03:00")
def test_a_long_delivery_gets_a_progress_check_every_six_weeks(account_manager):
    long = DeliveryFactory(
        responsible=account_manager, status="in_progress", start_date=D(2026, 3, 1), end_date=D(2026, 9, 30)
    )
    short = DeliveryFactory(
        responsible=account_manager, status="in_progress", start_date=D(2026, 3, 1), end_date=D(2026, 5, 15)
    )
    assert service_path.progress_checks_create() == 1
    assert service_path.progress_checks_create() == 0
    [check] = FollowUp.objects.filter(delivery=long, kind=FollowUp.Kind.PROGRESS_CHECK)
    assert check.due_date == D(2026, 4, 12) and check.owner == account_manager
    assert not FollowUp.objects.filter(delivery=short, kind=FollowUp.Kind.PROGRESS_CHECK).exists()


@freeze_time("2026-04-02 08:00:00+03:00")  # a Thursday before Easter (Good Friday 3.4., Easter Monday 6.4.)
def test_a_new_responsible_person_gets_the_task_to_tell_the_customer(
    account_manager, django_capture_on_commit_callbacks
):
    delivery = DeliveryFactory(responsible=account_manager, status="in_progress")
    colleague = user_with_role(Role.ACCOUNT_MANAGER)
    delivery.responsible = colleague
    with django_capture_on_commit_callbacks(execute=True):
        crm_services.delivery_save(delivery=delivery, actor=account_manager)
    [task] = FollowUp.objects.filter(delivery=delivery, kind=FollowUp.Kind.RESPONSIBLE_CHANGE)
    assert task.owner == colleague
    assert task.due_date == D(2026, 4, 13)  # five working days, Good Friday and Easter Monday skipped
    assert service_path.followups_create_for_responsible_changes() == 0  # the sweep finds it done


def test_the_sweep_repairs_a_lost_responsible_change(account_manager):
    delivery = DeliveryFactory(responsible=account_manager, status="in_progress")
    colleague = user_with_role(Role.ACCOUNT_MANAGER)
    delivery.responsible = colleague
    crm_services.delivery_save(delivery=delivery, actor=account_manager)  # its commit hook never runs here
    assert service_path.followups_create_for_responsible_changes() == 1
    assert service_path.followups_create_for_responsible_changes() == 0


def test_choosing_e_mail_shows_that_it_gets_lost(client, account_manager):
    follow_up = FollowUpFactory(
        owner=account_manager, organisation=OrganisationFactory(account_manager=account_manager)
    )
    client.force_login(account_manager)
    page = client.get(follow_up.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    hint = "Sähköposti jää helposti huomaamatta – soita tai sovi tapaaminen, jos voit."
    assert hint in page and 'id="email-hint" class="alert alert-warning py-2" role="status" hidden' in page
    response = client.post(follow_up.get_absolute_url(), {"channel": "email"}, follow=True)
    assert hint in response.content.decode()


def test_a_need_we_cannot_serve_is_referred_and_its_outcome_followed_up_and_reminded(
    client, account_manager, django_capture_on_commit_callbacks
):
    from care_plans.models import Referral
    from crm.models import CustomerGroup
    from reminders.engine import reminders_run
    from reminders.models import Reminder

    customer = OrganisationFactory(account_manager=account_manager)
    partner = OrganisationFactory(name="Keski-Suomen Yrittäjät ry", customer_group=CustomerGroup.STAKEHOLDER)
    follow_up = FollowUpFactory(owner=account_manager, organisation=customer)
    client.force_login(account_manager)
    url = reverse("care_plans:referral_create", args=[follow_up.pk])
    assert client.get(url).status_code == 200
    data = {
        "need": "Yrityksen sukupolvenvaihdos",
        "provider": partner.pk,
        "contact_name": "Sari Neuvoja",
        "contact_details": "040 123 4567",
        "arrangement": "we_pass",
        "idempotency_key": str(uuid.uuid4()),
    }
    bad = client.post(url, {**data, "provider": customer.pk, "idempotency_key": str(uuid.uuid4())})
    assert bad.status_code == 200 and not Referral.objects.exists()  # only a network partner
    assert client.post(url, data).status_code == 302
    referral = Referral.objects.get()
    check = referral.outcome_check
    assert check.kind == FollowUp.Kind.REFERRAL and check.owner == account_manager and check.status == "open"
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(today=check.due_date)
    assert Reminder.objects.filter(item_id=check.pk, stage="due_today", recipient=account_manager).exists()


def test_no_need_now_still_names_the_customers_contact_person(client, account_manager):
    follow_up = FollowUpFactory(
        owner=account_manager, organisation=OrganisationFactory(account_manager=account_manager)
    )
    client.force_login(account_manager)
    response = client.post(follow_up.get_absolute_url(), {"channel": "phone", "no_need_now": "on", "named_contact": ""})
    assert response.status_code == 200  # refused: name the contact person
    response = client.post(
        follow_up.get_absolute_url(), {"channel": "phone", "no_need_now": "on", "named_contact": account_manager.pk}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.no_need_now and follow_up.named_contact == account_manager
