"""The Django admin of the customer register: pages render, changelists stay flat, nothing is deleted."""

import datetime
from decimal import Decimal

import pytest
import tablib
from django.contrib import admin as django_admin
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from accounts.tests.languages import in_languages
from crm.admin.resources import ContactResource, OrganisationResource
from crm.models import (
    AccountTeamAssignment,
    Contact,
    Delivery,
    Industry,
    Interaction,
    Municipality,
    Organisation,
    PartnershipAgreement,
    RegisterSettings,
    ServiceType,
    TimelineEntry,
)
from crm.services import account_team_assign
from crm.tests.factories import (
    AgreementFactory,
    ContactFactory,
    DeliveryFactory,
    InteractionFactory,
    OrganisationFactory,
    customer_unit,
    municipality,
)
from crm.timeline import timeline_add

pytestmark = pytest.mark.django_db

MODELS = [
    Organisation,
    PartnershipAgreement,
    AccountTeamAssignment,
    Contact,
    Interaction,
    Delivery,
    TimelineEntry,
    Municipality,
    Industry,
    ServiceType,
    RegisterSettings,
]
INLINE_PREFIXES = ("agreements", "contacts", "team_assignments")


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def empty_inlines() -> dict:
    return {f"{prefix}-{key}": "0" for prefix in INLINE_PREFIXES for key in ("TOTAL_FORMS", "INITIAL_FORMS")}


def organisation_form(**overrides) -> dict:
    data = {
        "name": "Admin Oy",
        "business_id": "",
        "customer_group": "business",
        "responsible_unit": customer_unit().pk,
        "operating_form": "",
        "industry": "",
        "status": "active",
        "relation": "direct",
        "direct_customer": "",
        "headcount": "",
        "turnover": "",
        "street_address": "",
        "postal_code": "",
        "post_office": "",
        "municipality": "",
        "website": "",
        "account_manager": "",
        "deputy_manager": "",
        "description": "",
        **empty_inlines(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_admin_page_renders(admin_client, admin, rf, model):
    model_admin = django_admin.site._registry[model]
    assert admin_client.get(url(model, "changelist")).status_code == 200
    request = rf.get("/")
    request.user = admin
    add = admin_client.get(url(model, "add"))
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)


def test_changelists_render_with_rows_and_search(admin_client, admin, account_manager):
    organisation = OrganisationFactory(name="Haku Oy", headcount=12)
    ContactFactory(organisation=organisation, last_name="Virtanen")
    InteractionFactory(organisation=organisation, created_by=admin)
    DeliveryFactory(organisation=organisation)
    AgreementFactory(organisation=organisation)
    account_team_assign(organisation=organisation, manager=account_manager, deputy=admin, actor=admin)
    for model in MODELS:
        assert admin_client.get(url(model, "changelist")).status_code == 200, model
    # A contact's last name finds the organisation, once.
    response = admin_client.get(url(Organisation, "changelist"), {"q": "Virtanen"})
    assert list(response.context["cl"].result_list) == [organisation]
    filtered = admin_client.get(url(Organisation, "changelist"), {"municipality__is_owner__exact": "0"})
    assert filtered.status_code == 200


def test_change_pages_render(admin_client, admin, account_manager):
    organisation = OrganisationFactory()
    account_team_assign(organisation=organisation, manager=account_manager, deputy=None, actor=admin)
    contact = ContactFactory(organisation=organisation)
    AgreementFactory(organisation=organisation)
    interaction = InteractionFactory(organisation=organisation)
    delivery = DeliveryFactory(organisation=organisation)
    entry = TimelineEntry.objects.filter(organisation=organisation).first()
    for model, obj in [
        (Organisation, organisation),
        (Contact, contact),
        (Interaction, interaction),
        (Delivery, delivery),
        (TimelineEntry, entry),
        (AccountTeamAssignment, organisation.team_assignments.get()),
        (RegisterSettings, RegisterSettings.load()),
    ]:
        assert admin_client.get(url(model, "change", obj.pk)).status_code == 200, model
    assert admin_client.get(url(Organisation, "history", organisation.pk)).status_code == 200


def test_organisation_changelist_queries_do_not_grow_with_rows(admin_client):
    def organisation():
        org = OrganisationFactory(headcount=3, account_manager=UserFactory())
        ContactFactory(organisation=org)

    organisation()
    admin_client.get(url(Organisation, "changelist"))  # warm caches (content types, sessions)
    one = changelist_queries(admin_client, Organisation)
    for _ in range(4):
        organisation()
    assert changelist_queries(admin_client, Organisation) == one


@pytest.mark.parametrize(
    "model, make",
    [
        (Contact, lambda: ContactFactory()),
        (Interaction, lambda: InteractionFactory(created_by=UserFactory())),
        (Delivery, lambda: DeliveryFactory()),
        (PartnershipAgreement, lambda: AgreementFactory(created_by=UserFactory())),
        (
            AccountTeamAssignment,
            lambda: AccountTeamAssignment.objects.create(
                organisation=OrganisationFactory(), user=UserFactory(), role="manager", assigned_by=UserFactory()
            ),
        ),
        (
            TimelineEntry,
            lambda: timeline_add(
                organisation=OrganisationFactory(), kind="register", code="crm.organisation_added", actor=UserFactory()
            ),
        ),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model, make):
    make()
    admin_client.get(url(model, "changelist"))
    one = changelist_queries(admin_client, model)
    for _ in range(4):
        make()
    assert changelist_queries(admin_client, model) == one


def test_organisations_and_contacts_cannot_be_deleted(admin_client):
    organisation = OrganisationFactory()
    contact = ContactFactory(organisation=organisation)
    assert admin_client.get(url(Organisation, "delete", organisation.pk)).status_code == 403
    assert admin_client.post(url(Organisation, "delete", organisation.pk), {"post": "yes"}).status_code == 403
    assert admin_client.post(url(Contact, "delete", contact.pk), {"post": "yes"}).status_code == 403
    actions = admin_client.get(url(Organisation, "changelist")).context["action_form"].fields["action"].choices
    assert "delete_selected" not in [name for name, _label in actions]
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_archive_and_restore_actions(admin_client, admin):
    first, second = OrganisationFactory(), OrganisationFactory()
    response = admin_client.post(
        url(Organisation, "changelist"), {"action": "archive_selected", "_selected_action": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_archived and second.is_archived
    assert TimelineEntry.objects.filter(organisation=first, kind="register", actor=admin).count() == 1

    admin_client.post(url(Organisation, "changelist"), {"action": "restore_selected", "_selected_action": [first.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.is_archived and second.is_archived


def test_saving_register_settings_reclassifies_organisations(admin_client):
    organisation = OrganisationFactory(headcount=7, turnover=Decimal("1000000"), size_class="micro")
    settings = RegisterSettings.load()
    assert settings.micro_headcount_limit == 10
    response = admin_client.post(
        url(RegisterSettings, "change", settings.pk),
        {"micro_headcount_limit": "5", "retention_years": "3"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.size_class == "small"
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert "Size classes recomputed: 1 organisation changed class." in messages


def test_register_settings_is_a_singleton(admin_client, admin, rf):
    model_admin = django_admin.site._registry[RegisterSettings]
    request = rf.get("/")
    request.user = admin
    RegisterSettings.objects.all().delete()
    assert model_admin.has_add_permission(request)
    response = admin_client.post(url(RegisterSettings, "add"), {"micro_headcount_limit": "10", "retention_years": "3"})
    assert response.status_code == 302
    assert list(RegisterSettings.objects.values_list("pk", flat=True)) == [1]
    assert not model_admin.has_add_permission(request)
    assert admin_client.get(url(RegisterSettings, "add")).status_code == 403
    assert admin_client.post(url(RegisterSettings, "delete", 1), {"post": "yes"}).status_code == 403


def test_adding_an_organisation_derives_size_class_and_records_the_team(admin_client, admin, account_manager):
    response = admin_client.post(
        url(Organisation, "add"),
        organisation_form(
            name="Kone Oy",
            business_id="01120389",
            headcount="100",
            turnover="5000000",
            municipality=municipality().pk,
            account_manager=account_manager.pk,
        ),
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    organisation = Organisation.objects.get(name="Kone Oy")
    assert organisation.business_id == "0112038-9"
    assert organisation.size_class == "medium"
    assert organisation.account_manager == account_manager
    assignment = organisation.team_assignments.get()
    assert (assignment.user, assignment.role, assignment.assigned_by) == (account_manager, "manager", admin)
    assert TimelineEntry.objects.filter(organisation=organisation, kind="register").exists()


def test_editing_an_organisation_keeps_derived_fields_and_history(admin_client, admin, account_manager):
    organisation = OrganisationFactory(name="Muutos Oy", headcount=5, size_class="micro")
    response = admin_client.post(
        url(Organisation, "change", organisation.pk),
        organisation_form(
            name="Muutos Oy", headcount="60", deputy_manager=account_manager.pk, is_archived="on", size_class="large"
        ),
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert organisation.size_class == "medium"  # derived, the posted value is ignored
    assert organisation.deputy_manager == account_manager
    assert organisation.team_assignments.get().role == "deputy"
    assert organisation.is_archived
    assert TimelineEntry.objects.filter(organisation=organisation, kind="account_team").exists()
    assert TimelineEntry.objects.filter(organisation=organisation, kind="register").exists()
    assert organisation.history.first().history_user == admin


def test_contact_added_inline_goes_through_the_service(admin_client, admin):
    organisation = OrganisationFactory(name="Inline Oy")
    data = organisation_form(name="Inline Oy")
    data.update(
        {
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-first_name": "Maija",
            "contacts-0-last_name": "Meikäläinen",
            "contacts-0-email": "maija@inline.fi",
            "contacts-0-is_active": "on",
        }
    )
    response = admin_client.post(url(Organisation, "change", organisation.pk), data)
    assert response.status_code == 302
    contact = organisation.contacts.get()
    assert contact.created_by == admin
    assert TimelineEntry.objects.filter(organisation=organisation, kind="contact").exists()


def test_anonymise_action(admin_client, admin):
    contact = ContactFactory(first_name="Salla", last_name="Salainen", email="salla@yritys.fi")
    response = admin_client.post(
        url(Contact, "changelist"), {"action": "anonymise_selected", "_selected_action": [contact.pk]}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.anonymised_at is not None
    assert contact.email == "" and "Salainen" not in contact.full_name
    assert not contact.history.filter(last_name="Salainen").exists()
    # An anonymised person stays anonymous: the change page is view-only.
    assert admin_client.get(url(Contact, "change", contact.pk)).status_code == 200
    response = admin_client.post(url(Contact, "change", contact.pk), {"first_name": "Salla", "last_name": "Salainen"})
    assert response.status_code == 403


def test_timeline_entries_are_read_only(admin_client, admin):
    entry = timeline_add(
        organisation=OrganisationFactory(), kind="call", code="crm.delivery_completed", params={"title": "Soitto"}
    )
    assert admin_client.get(url(TimelineEntry, "add")).status_code == 403
    admin_client.post(
        url(TimelineEntry, "change", entry.pk),
        {"message_code": "legacy", "message_params": '{"title": "Muutettu"}', "summary": "Muutettu"},
    )
    entry.refresh_from_db()
    assert (entry.message_code, entry.message_params, entry.summary) == (
        "crm.delivery_completed",
        {"title": "Soitto"},
        "",
    )
    assert admin_client.post(url(TimelineEntry, "delete", entry.pk), {"post": "yes"}).status_code == 403


def test_owner_municipalities_are_edited_in_the_list(admin_client):
    jyvaskyla = municipality()
    page = admin_client.get(url(Municipality, "changelist"), {"q": jyvaskyla.name_fi})
    formset = page.context["cl"].formset
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": str(formset.initial_form_count()),
        "_save": "Save",
    }
    for index, form in enumerate(formset.forms):
        data[f"form-{index}-id"] = form.instance.pk
        if form.instance.pk == jyvaskyla.pk:
            data[f"form-{index}-is_owner"] = "on"
    response = admin_client.post(url(Municipality, "changelist") + f"?q={jyvaskyla.name_fi}", data)
    assert response.status_code == 302
    jyvaskyla.refresh_from_db()
    assert jyvaskyla.is_owner


def test_service_types_are_retired_not_deleted(admin_client):
    """A used service type cannot be deleted, and since deletion left no trace, an unused one cannot either."""
    delivery = DeliveryFactory()
    unused = ServiceType.objects.create(code="unused", name_fi="Käyttämätön")
    assert admin_client.get(url(ServiceType, "delete", delivery.service_type.pk)).status_code == 403
    assert admin_client.get(url(ServiceType, "delete", unused.pk)).status_code == 403


def test_autocomplete_finds_organisations(admin_client):
    OrganisationFactory(name="Löydettävä Oy")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "crm", "model_name": "interaction", "field_name": "organisation", "term": "Löydett"},
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Löydettävä Oy"]


def test_import_and_export_pages_render(admin_client):
    assert admin_client.get(reverse("admin:crm_organisation_import")).status_code == 200
    assert admin_client.get(reverse("admin:crm_organisation_export")).status_code == 200
    assert admin_client.get(reverse("admin:crm_contact_export")).status_code == 200


def test_organisation_resource_round_trip(admin, account_manager):
    existing = OrganisationFactory(name="Vienti Oy", headcount=20, size_class="small", account_manager=account_manager)
    exported = OrganisationResource().export(Organisation.objects.filter(pk=existing.pk))
    row = exported.dict[0]
    assert row["name"] == "Vienti Oy"
    assert row["municipality"] == municipality().code
    assert row["account_manager"] == account_manager.email

    code = municipality().code
    rows = [
        {"id": "", "name": "Tuonti Oy", "business_id": "0112038-9", "headcount": "300", "size_class": "micro"},
        {"id": existing.pk, "name": "Vienti Oy", "headcount": "3", "account_manager": "x@else.fi", "is_archived": "1"},
    ]
    headers = ["id", "name", "business_id", "customer_group", "headcount", "turnover", "municipality", "status"]
    headers += ["relation", "size_class", "account_manager", "is_archived", "responsible_unit"]
    defaults = {"customer_group": "business", "municipality": code, "status": "active", "relation": "direct"}
    defaults["responsible_unit"] = customer_unit().pk
    dataset = tablib.Dataset(headers=headers)
    for row in rows:
        dataset.append([{**defaults, **row}.get(header, "") for header in headers])
    result = OrganisationResource().import_data(dataset, dry_run=False, user=admin)
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    imported = Organisation.objects.get(name="Tuonti Oy")
    assert imported.size_class == "large"  # derived, the column is ignored
    assert imported.municipality == municipality()
    assert TimelineEntry.objects.filter(organisation=imported, kind="register", actor=admin).exists()
    existing.refresh_from_db()
    assert existing.size_class == "micro"
    assert existing.account_manager == account_manager  # export-only columns
    assert not existing.is_archived


def test_organisation_import_reports_a_bad_business_id(admin):
    dataset = tablib.Dataset(headers=["name", "business_id", "customer_group", "status", "relation"])
    dataset.append(["Virhe Oy", "0112038-8", "business", "active", "direct"])
    result = OrganisationResource().import_data(dataset, dry_run=False, user=admin)
    assert result.has_validation_errors()
    assert not Organisation.objects.filter(name="Virhe Oy").exists()


def test_contact_export(admin):
    contact = ContactFactory(first_name="Ville", organisation=OrganisationFactory(name="Kontakti Oy"))
    row = ContactResource().export(Contact.objects.filter(pk=contact.pk)).dict[0]
    assert (row["first_name"], row["organisation"]) == ("Ville", "Kontakti Oy")


def delivery_form(delivery, **overrides) -> dict:
    data = {
        "organisation": delivery.organisation_id,
        "service_type": delivery.service_type_id,
        "title": delivery.title,
        "responsible": delivery.responsible_id,
        "start_date": delivery.start_date.isoformat(),
        "end_date": delivery.end_date.isoformat() if delivery.end_date else "",
        "students": "",
        "days": "",
        "value": str(delivery.value),
        "status": delivery.status,
        "notes": "",
    }
    return {**data, **overrides}


def test_completing_a_delivery_in_the_admin_goes_through_the_service(admin_client, admin):
    delivery = DeliveryFactory()
    response = admin_client.post(url(Delivery, "change", delivery.pk), delivery_form(delivery, status="done"))
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    delivery.refresh_from_db()
    assert delivery.completed_at is not None
    entry = TimelineEntry.objects.get(organisation=delivery.organisation, message_code="crm.delivery_completed")
    assert in_languages(entry) == {
        "fi": f"Palvelu toimitettu: {delivery.title}",
        "en": f"Delivery completed: {delivery.title}",
        "sv": f"Leverans slutförd: {delivery.title}",
    }


def test_completing_a_future_delivery_without_end_date_is_refused_on_the_form(admin_client):
    delivery = DeliveryFactory(start_date=datetime.date(2999, 1, 1), end_date=None)
    response = admin_client.post(url(Delivery, "change", delivery.pk), delivery_form(delivery, status="done"))
    assert response.status_code == 200
    assert "end_date" in response.context["adminform"].form.errors


def test_timeline_search_finds_names_in_message_parameters_and_old_text(admin_client):
    organisation = OrganisationFactory(name="Haku Oy")
    timeline_add(organisation=organisation, kind="delivery", code="crm.delivery_completed", params={"title": "Trukki"})
    TimelineEntry.objects.create(
        organisation=organisation, kind="register", summary="Vanha Trukkiteksti", occurred_at=timezone.now()
    )
    response = admin_client.get(url(TimelineEntry, "changelist"), {"q": "trukki"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 2


def test_the_organisation_csv_export_streams_the_same_table_the_library_builds(admin_client):
    """The admin's CSV export is streamed (first row before the last is read) with the library's columns and
    values, the admin's search applied, and a formula-like cell escaped."""
    import csv
    import io

    from import_export.forms import SelectableFieldsExportForm

    from crm.tests.factories import OrganisationFactory

    OrganisationFactory(name="Alfa Oy", description="=HYPERLINK(1)")
    OrganisationFactory(name="Beta Oy")
    fields = OrganisationResource().get_export_order()
    data = {"format": "0", "resource": "0"}
    data.update({SelectableFieldsExportForm.create_boolean_field_name(OrganisationResource, f): "on" for f in fields})
    response = admin_client.post(reverse("admin:crm_organisation_export") + "?q=Alfa", data)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    expected = OrganisationResource().export(Organisation.objects.filter(name="Alfa Oy"))
    assert rows[0] == expected.headers
    assert len(rows) == 2
    library_row = ["" if v is None else str(v) for v in expected[0]]
    assert rows[1] == ["'" + v if v.startswith("=") else v for v in library_row]
    assert "'=HYPERLINK(1)" in rows[1]
