"""Who is invited after a delivery or a follow-up, once, and sending each invitation and reminder once."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from care_plans.models import FollowUp
from care_plans.services import followup_complete
from care_plans.tests.factories import FollowUpFactory
from crm.models import ContactPreference, Delivery
from crm.services import delivery_save
from crm.tests.factories import ContactFactory, ContactPreferenceFactory, DeliveryFactory, OrganisationFactory
from feedback.models import FeedbackSettings, Invitation
from feedback.services.invitations import invitations_for_delivery, invitations_send, reminders_send
from outbox.models import OutgoingEmail
from outbox.services import email_send

pytestmark = pytest.mark.django_db
Status, Reason = Invitation.Status, Invitation.Reason
LATER = datetime.timedelta(days=4)


def _complete(delivery, actor, capture):
    delivery.status = Delivery.Status.DONE
    with capture(execute=True):
        delivery_save(delivery=delivery, actor=actor)


def test_a_done_delivery_invites_its_named_contacts_after_the_delay(
    account_manager, django_capture_on_commit_callbacks
):
    delivery = DeliveryFactory()
    named = ContactFactory(organisation=delivery.organisation, language="sv")
    ContactFactory(organisation=delivery.organisation, is_decision_maker=True)  # not asked: someone is named
    delivery.contacts.add(named)
    _complete(delivery, account_manager, django_capture_on_commit_callbacks)

    invitation = Invitation.objects.get()
    assert (invitation.contact, invitation.status, invitation.language) == (named, Status.SCHEDULED, "sv")
    assert invitation.send_after > timezone.now() + datetime.timedelta(days=2, hours=23)
    assert invitations_send() == 0  # not yet: the delay (Kumppani's default 3 days) has not passed
    assert invitations_send(now=timezone.now() + LATER) == 1
    invitation.refresh_from_db()
    assert invitation.status == Status.SENT and invitation.link.max_uses == 1
    mail = OutgoingEmail.objects.get(template="emails/feedback/invitation")
    assert mail.to == named.email and mail.language == "sv"


def test_without_named_contacts_the_decision_makers_are_asked(account_manager, django_capture_on_commit_callbacks):
    delivery = DeliveryFactory()
    boss = ContactFactory(organisation=delivery.organisation, is_decision_maker=True)
    ContactFactory(organisation=delivery.organisation)
    _complete(delivery, account_manager, django_capture_on_commit_callbacks)
    assert list(Invitation.objects.values_list("contact", flat=True)) == [boss.pk]


def test_with_nobody_to_ask_the_survey_is_not_sent_and_my_work_says_why(client, account_manager):
    organisation = OrganisationFactory(account_manager=account_manager)
    delivery = DeliveryFactory(organisation=organisation)
    invitations_for_delivery(delivery=delivery)
    invitations_for_delivery(delivery=delivery)  # a second run writes no second note
    note = Invitation.objects.get()
    assert (note.status, note.reason, note.contact) == (Status.NOT_SENT, Reason.NO_CONTACT, None)

    client.force_login(account_manager)
    page = client.get("/customers/work/").content.decode()
    assert "Kyselyä ei lähetetty" in page or "no contact person" in page.lower()


def test_a_contact_is_invited_once_per_delivery_and_not_again_within_the_quiet_days():
    organisation = OrganisationFactory()
    contact = ContactFactory(organisation=organisation, is_decision_maker=True)
    first, second = DeliveryFactory(organisation=organisation), DeliveryFactory(organisation=organisation)
    invitations_for_delivery(delivery=first)
    invitations_for_delivery(delivery=first)
    assert Invitation.objects.filter(delivery=first).count() == 1
    invitations_send(now=timezone.now() + LATER)
    invitations_for_delivery(delivery=second)
    invitations_send(now=timezone.now() + 2 * LATER)
    later = Invitation.objects.get(delivery=second, contact=contact)
    assert (later.status, later.reason) == (Status.NOT_SENT, Reason.RECENTLY_ASKED)
    assert FeedbackSettings.load().contact_quiet_days == 90


def test_a_contact_who_refused_surveys_is_not_sent_one():
    contact = ContactFactory(is_decision_maker=True)
    ContactPreferenceFactory(contact=contact, kind=ContactPreference.Kind.SURVEYS, status="refused")
    invitations_for_delivery(delivery=DeliveryFactory(organisation=contact.organisation))
    invitations_send(now=timezone.now() + LATER)
    assert Invitation.objects.get().reason == Reason.REFUSED
    assert not OutgoingEmail.objects.exists()


def test_a_follow_up_done_invites_its_contact(account_manager, django_capture_on_commit_callbacks):
    contact = ContactFactory()
    follow_up = FollowUpFactory(organisation=contact.organisation, owner=account_manager, contact=contact)
    follow_up.channel = "phone"
    with django_capture_on_commit_callbacks(execute=True):
        followup_complete(follow_up=follow_up, actor=account_manager, new_needs=[])
    invitation = Invitation.objects.get()
    assert (invitation.contact, invitation.follow_up) == (contact, follow_up)


def test_the_mail_has_a_working_answer_link_and_an_opt_out(client, mailoutbox):
    contact = ContactFactory(is_decision_maker=True, language="en")
    invitations_for_delivery(delivery=DeliveryFactory(organisation=contact.organisation))
    invitations_send(now=timezone.now() + LATER)
    assert email_send(OutgoingEmail.objects.get().pk)
    body = mailoutbox[0].body
    assert "How likely are you to recommend us" in body
    answer_url = next(line.split(": ", 1)[1] for line in body.splitlines() if "/survey/" in line)
    assert "/unsubscribe/" in body and "List-Unsubscribe" in mailoutbox[0].extra_headers
    assert client.get(answer_url.replace("http://testserver", "")).status_code == 200


def test_one_reminder_to_those_who_have_not_answered():
    contact = ContactFactory(is_decision_maker=True)
    invitations_for_delivery(delivery=DeliveryFactory(organisation=contact.organisation))
    now = timezone.now() + LATER
    invitations_send(now=now)
    assert reminders_send(now=now + datetime.timedelta(days=6)) == 0
    assert reminders_send(now=now + datetime.timedelta(days=8)) == 1
    assert reminders_send(now=now + datetime.timedelta(days=20)) == 0
    assert OutgoingEmail.objects.filter(template="emails/feedback/reminder").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_invitation_once():
    organisation = OrganisationFactory()
    contacts = [ContactFactory(organisation=organisation) for _ in range(30)]
    delivery = DeliveryFactory(organisation=organisation)
    delivery.contacts.add(*contacts)
    invitations_for_delivery(delivery=delivery)
    now = timezone.now() + LATER
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            invitations_send(now=now)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Invitation.objects.filter(status=Status.SENT).count() == 30
    assert OutgoingEmail.objects.filter(template="emails/feedback/invitation").count() == 30


def test_a_care_models_annual_review_done_invites_nobody(account_manager, django_capture_on_commit_callbacks):
    contact = ContactFactory(email="arvio@example.fi", is_decision_maker=True)
    follow_up = FollowUpFactory(
        organisation=contact.organisation, owner=account_manager, contact=contact, kind=FollowUp.Kind.ANNUAL_REVIEW
    )
    follow_up.channel = "phone"
    with django_capture_on_commit_callbacks(execute=True):
        followup_complete(follow_up=follow_up, actor=account_manager, new_needs=[])
    assert not Invitation.objects.filter(follow_up=follow_up).exists()
