"""Every amount a form of ours asks for reads the Finnish forms ("1 234,50") and shows them back that way."""

from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse

from kumppani.web.amounts import AmountField
from tests.test_date_bounds import _load_forms, _ours, _subclasses

pytestmark = pytest.mark.django_db

# The admin keeps Django's own fields: it is the administrators' tool, not the Finnish UI people work in.
LEFT_OUT_MODULES = ("admin",)


def test_every_form_amount_is_an_amount_field():
    _load_forms()
    missing = []
    for form_class in (cls for cls in _subclasses(forms.BaseForm) if _ours(cls)):
        if form_class.__module__.split(".")[-1] in LEFT_OUT_MODULES:
            continue
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DecimalField) and not isinstance(field, AmountField):
                missing.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert not missing, f"amount fields that refuse '1 234,50': {missing}"


def test_the_organisation_form_reads_and_shows_a_finnish_turnover():
    from crm.forms import OrganisationForm
    from crm.models import Organisation

    form = OrganisationForm(instance=Organisation(turnover=Decimal("1234567.50")))
    assert 'value="1\xa0234\xa0567,50"' in str(form["turnover"])
    for typed in ("1 234 567,50", "1234567,50", "1\u202f234\u202f567,50"):
        assert form.fields["turnover"].clean(typed) == Decimal("1234567.50")


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("typed", ["1 234,50", "1234,50", "1\xa0234,50", "1\u202f234,50"])
def test_a_turnover_typed_the_finnish_way_is_saved(client, account_manager, language, typed):
    from crm.models import Organisation
    from crm.tests.test_forms_bad_input import _organisation_data

    client.force_login(account_manager)
    client.cookies["django_language"] = language
    response = client.post(reverse("crm:organisation_create"), _organisation_data(turnover=typed))
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Uusi Asiakas Oy")
    assert organisation.turnover == Decimal("1234.50")
    page = client.get(reverse("crm:organisation_edit", args=[organisation.pk])).content.decode()
    assert 'value="1\xa0234,50"' in page


@pytest.mark.parametrize("typed", ["1.234,50", "1,2,3"])
def test_an_ambiguous_amount_is_refused_next_to_its_field(client, account_manager, typed):
    from crm.models import Organisation
    from crm.tests.test_forms_bad_input import _organisation_data

    client.force_login(account_manager)
    response = client.post(reverse("crm:organisation_create"), _organisation_data(turnover=typed))
    assert response.status_code == 200
    assert response.context["form"].errors["turnover"] == [
        "Kirjoita summa muodossa 1 234,50 tai 1234,50 (numerot ja desimaalien edessä pilkku)."
    ]
    assert 'id="id_turnover_error"' in response.content.decode()
    assert not Organisation.objects.filter(name="Uusi Asiakas Oy").exists()


def test_a_delivery_value_and_an_offer_line_read_finnish_amounts(client, account_manager):
    from crm.models import Delivery, ServiceType
    from crm.tests.factories import OrganisationFactory

    customer = OrganisationFactory(account_manager=account_manager)
    client.force_login(account_manager)
    response = client.post(
        reverse("crm:delivery_create", args=[customer.pk]),
        {
            "service_type": str(ServiceType.objects.get(code="staff_training").pk),
            "title": "Koulutus",
            "responsible": str(account_manager.pk),
            "start_date": "2026-02-01",
            "value": "12 000,50",
            "days": "2,5",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    delivery = Delivery.objects.get()
    assert (delivery.value, delivery.days) == (Decimal("12000.50"), Decimal("2.5"))
