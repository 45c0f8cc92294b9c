import pytest
from django.urls import reverse

from crm.models import Organisation, TimelineEntry
from crm.tests.factories import OrganisationFactory, customer_unit

pytestmark = pytest.mark.django_db


def test_account_manager_creates_customer_with_size_class(client, account_manager):
    client.force_login(account_manager)
    response = client.post(
        reverse("crm:organisation_create"),
        {
            "name": "Keski-Suomen Kone Oy",
            "business_id": "01120389",
            "customer_group": "business",
            "responsible_unit": customer_unit().pk,
            "headcount": "100",
            "turnover": "5000000",
            "status": "active",
            "relation": "direct",
        },
    )
    organisation = Organisation.objects.get(name="Keski-Suomen Kone Oy")
    assert response.status_code == 302
    assert organisation.business_id == "0112038-9"
    assert organisation.size_class == "medium"
    assert organisation.account_manager == account_manager
    assert TimelineEntry.objects.filter(organisation=organisation, kind="register").exists()


def test_wrong_check_digit_is_refused_next_to_the_field(client, account_manager):
    client.force_login(account_manager)
    response = client.post(
        reverse("crm:organisation_create"),
        {
            "name": "Virhe Oy",
            "business_id": "0112038-8",
            "customer_group": "business",
            "status": "active",
            "relation": "direct",
            "headcount": "-1",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "business_id" in form.errors and "headcount" in form.errors
    assert not Organisation.objects.filter(name="Virhe Oy").exists()


def test_search_by_business_id_finds_the_customer(client, account_manager):
    OrganisationFactory(name="Muu Oy")
    wanted = OrganisationFactory(name="Haettava Oy", business_id="0112038-9")
    client.force_login(account_manager)
    response = client.get(reverse("crm:organisation_list"), {"q": "0112038-9"})
    assert list(response.context["page"].object_list) == [wanted]


def test_teacher_cannot_open_the_register(client, teacher):
    client.force_login(teacher)
    assert client.get(reverse("crm:organisation_list")).status_code == 403
