"""The same lead sent twice: a resent form (same key) is saved once; a new form for the same organisation and
need within 30 minutes first asks whether to send it again (in Finnish, the sentence the form shows)."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.idempotency import SubmittedForm, submitted_forms_forget
from crm.models import Interaction
from crm.tests.factories import OrganisationFactory
from leads.models import Lead
from leads.tests.factories import routes_to, unit_with_members

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _routes():
    routes_to(unit_with_members("Yrityspalvelut", members=[]))


@pytest.fixture
def customer():
    return OrganisationFactory(name="Laukaan Metalli Oy")


def _data(customer, key=None, **extra) -> dict:
    return {
        "organisation": customer.pk,
        "organisation_text": customer.name,
        "need": "staff_training",
        "description": "Uusi linja, tarvitsevat koulutusta.",
        "urgency": "normal",
        "visited": "on",
        "idempotency_key": str(key or uuid.uuid4()),
        **extra,
    }


def test_the_form_carries_a_new_key_each_time_it_is_shown(client, teacher):
    client.force_login(teacher)
    first = client.get(reverse("leads:lead_create")).context["form"]["idempotency_key"].value()
    second = client.get(reverse("leads:lead_create")).context["form"]["idempotency_key"].value()
    assert uuid.UUID(str(first)) != uuid.UUID(str(second))
    assert 'name="idempotency_key"' in client.get(reverse("leads:lead_create")).content.decode()


def test_a_double_tap_saves_one_lead_and_both_answers_go_to_the_same_place(client, teacher, customer):
    client.force_login(teacher)
    data = _data(customer)
    first = client.post(reverse("leads:lead_create"), data)
    second = client.post(reverse("leads:lead_create"), data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("leads:my_leads")
    assert Lead.objects.count() == 1
    assert Interaction.objects.count() == 1  # the workplace visit too is logged once


def test_the_same_lead_in_a_new_form_within_30_minutes_asks_first(client, teacher, customer):
    client.force_login(teacher)
    with freeze_time("2026-05-04 11:05:00+03:00"):
        client.post(reverse("leads:lead_create"), _data(customer))
    with freeze_time("2026-05-04 11:30:00+03:00"):
        response = client.post(reverse("leads:lead_create"), _data(customer))

        assert response.status_code == 200
        assert Lead.objects.count() == 1
        assert response.context["form"].errors["send_anyway"] == [
            "Vastaava vinkki lähetettiin klo 11.05 – lähetetäänkö silti?"
        ]
        html = response.content.decode()
        assert 'name="send_anyway"' in html and "Vastaava vinkki lähetettiin klo 11.05" in html

        key = response.context["form"]["idempotency_key"].value()
        sent = client.post(reverse("leads:lead_create"), _data(customer, key=key, send_anyway="on"))
    assert sent.status_code == 302
    assert Lead.objects.count() == 2


def test_the_question_is_asked_in_english_and_swedish(client, teacher, customer):
    client.force_login(teacher)
    with freeze_time("2026-05-04 14:05:00+03:00"):
        client.post(reverse("leads:lead_create"), _data(customer))
        for language, text in (
            ("en", "A similar lead was sent at 14:05 – send it anyway?"),
            ("sv", "Ett liknande tips skickades kl. 14.05 – skicka ändå?"),
        ):
            client.cookies["django_language"] = language
            response = client.post(reverse("leads:lead_create"), _data(customer))
            assert response.context["form"].errors["send_anyway"] == [text]


@pytest.mark.parametrize(
    "change",
    [
        {"minutes": 31},
        {"need": "apprenticeship"},
        {"other_organisation": True},
        {"other_teacher": True},
    ],
)
def test_no_question_for_a_different_lead_or_after_30_minutes(client, teacher, customer, change):
    from accounts.roles import Role
    from accounts.tests.factories import user_with_role

    client.force_login(teacher)
    start = timezone.now()
    with freeze_time(start):
        client.post(reverse("leads:lead_create"), _data(customer))
    if change.get("other_teacher"):
        client.force_login(user_with_role(Role.TEACHER))
    target = OrganisationFactory(name="Toinen Oy") if change.get("other_organisation") else customer
    extra = {"need": change["need"]} if "need" in change else {}
    with freeze_time(start + datetime.timedelta(minutes=change.get("minutes", 5))):
        response = client.post(reverse("leads:lead_create"), _data(target, **extra))
    assert response.status_code == 302
    assert Lead.objects.count() == 2


def test_a_form_with_errors_frees_its_key_so_the_corrected_one_saves(client, teacher, customer):
    client.force_login(teacher)
    key = uuid.uuid4()
    refused = client.post(reverse("leads:lead_create"), _data(customer, key=key, description=""))
    assert refused.status_code == 200
    saved = client.post(reverse("leads:lead_create"), _data(customer, key=key))
    assert saved.status_code == 302
    assert Lead.objects.count() == 1


def test_a_key_is_personal_and_forgotten_after_24_hours(client, teacher, customer):
    client.force_login(teacher)
    key = uuid.uuid4()
    client.post(reverse("leads:lead_create"), _data(customer, key=key))
    assert SubmittedForm.objects.filter(user=teacher, key=key).exclude(result_url="").exists()
    with freeze_time(timezone.now() + datetime.timedelta(hours=25)):
        assert submitted_forms_forget() == 1
    assert not SubmittedForm.objects.exists()
