"""The responsible unit of a customer and the delivering unit of a delivery: rule, defaults, filter, admin."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from accounts.services import user_units_set
from accounts.tests.factories import OrgUnitFactory, user_with_role
from crm import services
from crm.forms import DeliveryForm, OrganisationForm
from crm.models import CustomerGroup, Delivery, Organisation, ServiceType
from crm.tests.factories import DeliveryFactory, OrganisationFactory
from crm.tests.test_admin import delivery_form, empty_inlines

pytestmark = pytest.mark.django_db

UNIT_REQUIRED = "Valitse vastuuyksikkö: yritys- ja julkisen sektorin asiakkaalla on aina vastuuyksikkö."


@pytest.mark.parametrize("group", [CustomerGroup.BUSINESS, CustomerGroup.PUBLIC])
def test_business_and_public_customers_need_a_responsible_unit(group):
    organisation = Organisation(name="Yksikötön Oy", customer_group=group)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert error.value.message_dict["responsible_unit"] == [UNIT_REQUIRED]


@pytest.mark.parametrize("group", [CustomerGroup.INDIVIDUAL, CustomerGroup.STAKEHOLDER])
def test_individuals_and_stakeholders_may_go_without_one(group):
    Organisation(name="Verkosto ry", customer_group=group).full_clean()


def test_the_organisation_form_asks_for_it_next_to_the_field():
    form = OrganisationForm(
        {"name": "Lomake Oy", "customer_group": "business", "status": "active", "relation": "direct"}
    )
    assert not form.is_valid()
    assert form.errors["responsible_unit"] == [UNIT_REQUIRED]


def test_a_new_customer_takes_its_creators_primary_unit(client, account_manager):
    unit = OrgUnitFactory(name="Yrityspalvelut")
    user_units_set(user=account_manager, units=[unit])
    client.force_login(account_manager)
    page = client.get(reverse("crm:organisation_create"))
    assert page.context["form"]["responsible_unit"].value() == unit.pk
    data = {"name": "Oletus Oy", "customer_group": "business", "status": "active", "relation": "direct"}
    response = client.post(reverse("crm:organisation_create"), {**data, "responsible_unit": unit.pk})
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Oletus Oy")
    assert organisation.responsible_unit == unit
    assert "Yrityspalvelut" in client.get(organisation.get_absolute_url()).content.decode()


def test_organisation_save_defaults_a_new_customer_to_its_managers_primary_unit(account_manager):
    unit = OrgUnitFactory()
    user_units_set(user=account_manager, units=[unit])
    organisation = Organisation(name="Palvelu Oy", account_manager=account_manager)
    services.organisation_save(organisation=organisation, actor=account_manager)
    assert Organisation.objects.get(pk=organisation.pk).responsible_unit == unit


def test_the_list_filters_on_the_responsible_unit(client, account_manager):
    unit, other = OrgUnitFactory(name="Tekniikka"), OrgUnitFactory(name="Hyvinvointi")
    wanted = OrganisationFactory(name="Kone Oy", responsible_unit=unit)
    OrganisationFactory(name="Hoiva Oy", responsible_unit=other)
    client.force_login(account_manager)
    response = client.get(reverse("crm:organisation_list"), {"responsible_unit": unit.pk})
    assert list(response.context["page"].object_list) == [wanted]
    assert 'name="responsible_unit"' in response.content.decode()


def test_a_delivery_takes_its_responsible_persons_primary_unit_unless_one_is_chosen(account_manager):
    unit, chosen = OrgUnitFactory(), OrgUnitFactory()
    user_units_set(user=account_manager, units=[unit])
    delivery = DeliveryFactory.build(organisation=OrganisationFactory(), responsible=account_manager)
    services.delivery_save(delivery=delivery, actor=account_manager)
    assert Delivery.objects.get(pk=delivery.pk).unit == unit
    other = DeliveryFactory.build(organisation=delivery.organisation, responsible=account_manager, unit=chosen)
    services.delivery_save(delivery=other, actor=account_manager)
    assert Delivery.objects.get(pk=other.pk).unit == chosen


def test_the_delivery_form_edits_the_unit():
    unit = OrgUnitFactory()
    responsible = user_with_role(Role.ACCOUNT_MANAGER)
    form = DeliveryForm(
        {
            "service_type": ServiceType.objects.get(code="staff_training").pk,
            "title": "Koulutus",
            "responsible": responsible.pk,
            "unit": unit.pk,
            "start_date": datetime.date(2026, 1, 12).isoformat(),
            "value": "100",
            "status": "planned",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["unit"] == unit


def test_admin_asks_for_the_responsible_unit_and_defaults_it_from_the_account_manager(client, admin, account_manager):
    unit = OrgUnitFactory()
    user_units_set(user=account_manager, units=[unit])
    client.force_login(admin)
    data = {
        "name": "Hallinto Oy",
        "customer_group": "business",
        "status": "active",
        "relation": "direct",
        "responsible_unit": "",
        **empty_inlines(),
    }
    response = client.post(reverse("admin:crm_organisation_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["responsible_unit"] == [UNIT_REQUIRED]
    response = client.post(reverse("admin:crm_organisation_add"), {**data, "account_manager": account_manager.pk})
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation = Organisation.objects.get(name="Hallinto Oy")
    assert (organisation.responsible_unit, organisation.account_manager) == (unit, account_manager)
    assert organisation.history.first().responsible_unit_id == unit.pk


def test_admin_delivery_form_edits_the_unit(client, admin):
    delivery, unit = DeliveryFactory(), OrgUnitFactory()
    client.force_login(admin)
    response = client.post(
        reverse("admin:crm_delivery_change", args=[delivery.pk]), delivery_form(delivery, unit=unit.pk)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    delivery.refresh_from_db()
    assert delivery.unit == unit
