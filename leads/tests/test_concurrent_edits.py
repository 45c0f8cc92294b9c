"""Two people edit one draft offer: the second is shown the first's change and decides."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from crm.tests.factories import OrganisationFactory
from kumppani.tests.browser_forms import posted_data
from leads.models import Offer

pytestmark = pytest.mark.django_db


def _data(response) -> dict:
    data = posted_data(response.context["form"])
    for line in response.context["formset"]:
        data.update(posted_data(line))
    data.update(posted_data(response.context["formset"].management_form))
    return data


def test_the_second_save_of_an_offer_is_asked_not_applied(account_manager):
    colleague = user_with_role(Role.ACCOUNT_MANAGER, email="bo@example.fi", first_name="Bo", last_name="Berg")
    anna, bo = Client(), Client()
    anna.force_login(account_manager)
    bo.force_login(colleague)
    create = f"{reverse('leads:offer_create')}?organisation={OrganisationFactory().pk}"
    form = _data(anna.get(create))
    form.update(
        {"title": "Alku", "lines-0-description": "Koulutus", "lines-0-quantity": "1", "lines-0-unit_price": "100"}
    )
    form["lines-0-service_type"] = form.get("lines-0-service_type") or _first_service_type(anna.get(create))
    assert anna.post(create, form).status_code == 302
    offer = Offer.objects.get(title="Alku")
    url = reverse("leads:offer_edit", args=[offer.pk])
    page = anna.get(url)
    assert 'name="edit_version"' in page.content.decode()
    annas, bos = _data(page), _data(bo.get(url))

    assert anna.post(url, {**annas, "title": "Annan otsikko"}).status_code == 302
    response = bo.post(url, {**bos, "title": "Bon otsikko"})
    assert response.status_code == 200
    assert [c.name for c in response.context["form"].edit_conflicts] == ["title"]
    offer.refresh_from_db()
    assert offer.title == "Annan otsikko"
    assert "Annan otsikko" in response.content.decode()


def _first_service_type(response) -> str:
    return str(response.context["formset"].forms[0].fields["service_type"].queryset.first().pk)
