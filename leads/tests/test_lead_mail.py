"""Lead mail goes through the outbox: ids are stored, the mail is rendered when sent, in the recipient's language."""

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import translation

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from crm.tests.factories import OrganisationFactory
from kumppani.lib.workdays import add_working_days
from leads import services as lead_services
from leads.models import Lead, Need
from leads.services.events import queue_mail
from leads.tasks import send_lead_mail_task
from leads.tests.factories import LeadFactory, routes_to, unit_with_members
from outbox.models import OutgoingEmail
from outbox.services import email_send
from reminders.models import Reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(account_manager):
    customer = OrganisationFactory(name="Laukaan Metalli Oy", account_manager=account_manager)
    return LeadFactory(organisation=customer, assignee=account_manager, state="assigned")


@pytest.mark.parametrize(
    "language, greeting, subject_start", [("fi", "Hei Emma,", "Uusi liidi: "), ("en", "Hello Emma,", "New lead: ")]
)
def test_lead_mail_stores_ids_and_is_rendered_in_the_recipients_language(
    lead, mailoutbox, language, greeting, subject_start
):
    recipient = user_with_role(Role.ACCOUNT_MANAGER, email="emma@example.fi", first_name="Emma", language=language)
    with transaction.atomic():
        queue_mail(lead=lead, recipient=recipient, kind="assigned")
    row = OutgoingEmail.objects.get()
    assert (row.to, row.template, row.language) == ("emma@example.fi", "emails/leads/assigned", language)
    assert row.context == {"lead": lead.pk, "recipient": recipient.pk}

    assert email_send(row.pk) is True
    [message] = mailoutbox
    with translation.override(language):
        assert message.subject == f"{subject_start}{lead}"
    assert message.body.startswith(greeting)
    assert "Laukaan Metalli Oy" in message.body
    assert settings.SITE_URL.rstrip("/") + lead.get_absolute_url() in message.body


def test_a_recipient_without_an_address_gets_no_row(lead):
    nobody = user_with_role(Role.ACCOUNT_MANAGER, email="")
    queue_mail(lead=lead, recipient=nobody, kind="triage")
    assert not OutgoingEmail.objects.exists()


def test_the_old_task_name_still_delivers_messages_already_in_the_broker(lead, account_manager, mailoutbox):
    send_lead_mail_task(lead.pk, account_manager.pk, "reminder")
    row = OutgoingEmail.objects.get()
    assert (row.template, row.context) == ("emails/leads/reminder", {"lead": lead.pk, "recipient": account_manager.pk})
    with pytest.raises(ValueError, match="unknown lead mail"):
        send_lead_mail_task(lead.pk, account_manager.pk, "newsletter")
    assert OutgoingEmail.objects.count() == 1


def test_a_lead_deleted_before_its_mail_goes_out_fails_the_mail_with_the_reason(lead, account_manager, mailoutbox):
    queue_mail(lead=lead, recipient=account_manager, kind="assigned")
    lead.delete()
    row = OutgoingEmail.objects.get()
    assert email_send(row.pk) is False
    row.refresh_from_db()
    assert row.state == OutgoingEmail.State.FAILED
    assert "Lead matching query does not exist" in row.last_error
    assert mailoutbox == []


def test_each_lead_reminder_queues_one_row_keyed_by_the_reminder(teacher, account_manager):
    head = user_with_role(Role.MANAGEMENT, email="head@example.fi")
    routes_to(unit_with_members("Oppisopimuskeskus", head=head))
    customer = OrganisationFactory(account_manager=account_manager)
    lead = lead_services.lead_pass(
        lead=Lead(organisation=customer, need=Need.APPRENTICESHIP, description="Tarve"), actor=teacher
    )
    OutgoingEmail.objects.all().delete()
    late = add_working_days(lead.contact_due_on, 1)  # lead reminders go out on working days
    assert lead_services.lead_reminders_send(today=late) == 1
    reminder = Reminder.objects.get()
    row = OutgoingEmail.objects.get()
    assert (row.template, row.dedupe_key) == ("emails/leads/reminder", f"reminder:{reminder.pk}")
