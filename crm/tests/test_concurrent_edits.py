"""Two people edit one record: the second save never silently overwrites the first (kumppani.web.concurrent_edits)."""

import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from accounts.tests.factories import user_with_role
from crm import services
from crm.forms import OrganisationForm
from crm.models import Organisation
from crm.tests.factories import (
    AgreementFactory,
    ContactFactory,
    DeliveryFactory,
    InteractionFactory,
    OrganisationFactory,
)
from kumppani.tests.browser_forms import as_query_dict, posted_data
from kumppani.web.concurrent_edits import save_versioned


@pytest.fixture
def colleague(db):
    return user_with_role(Role.ACCOUNT_MANAGER, email="bo@example.fi", first_name="Bo", last_name="Berg")


@pytest.fixture
def anna(client, account_manager):
    client.force_login(account_manager)
    return client


@pytest.fixture
def bo(colleague):
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    return other


def _load(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="edit_version"' in response.content.decode()  # the page sends the version it shows
    return posted_data(response.context["form"])


def test_the_second_save_of_the_same_field_shows_the_first_and_lets_the_person_decide(anna, bo):
    organisation = OrganisationFactory(name="Alku Oy")
    url = reverse("crm:organisation_edit", args=[organisation.pk])
    annas, bos = _load(anna, url), _load(bo, url)

    assert anna.post(url, {**annas, "name": "Annan Oy"}).status_code == 302
    response = bo.post(url, {**bos, "name": "Bon Oy"})

    assert response.status_code == 200  # not saved: asked
    organisation.refresh_from_db()
    assert organisation.name == "Annan Oy"  # the first change is not overwritten
    page = response.content.decode()
    assert "Someone else saved this while you were editing" in page or "tallensi" in page
    [conflict] = response.context["form"].edit_conflicts
    assert (conflict.name, conflict.theirs, conflict.mine) == ("name", "Annan Oy", "Bon Oy")
    assert conflict.changed_by == "Anna Asiakas" and conflict.you_changed
    assert "Anna Asiakas" in page and "Annan Oy" in page and "Bon Oy" in page

    # Bo keeps his value and saves again: now it is a decision, not an accident.
    again = {**posted_data(response.context["form"]), conflict.input_name: "mine"}
    assert bo.post(url, again).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Bon Oy"
    assert [h.name for h in organisation.history.order_by("history_id")][-2:] == ["Annan Oy", "Bon Oy"]


def test_taking_the_other_persons_value_keeps_it(anna, bo):
    organisation = OrganisationFactory(name="Alku Oy")
    url = reverse("crm:organisation_edit", args=[organisation.pk])
    annas, bos = _load(anna, url), _load(bo, url)
    anna.post(url, {**annas, "name": "Annan Oy"})
    response = bo.post(url, {**bos, "name": "Bon Oy", "headcount": "55"})
    [conflict] = response.context["form"].edit_conflicts

    again = {**posted_data(response.context["form"]), conflict.input_name: "theirs"}
    assert bo.post(url, again).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.headcount) == ("Annan Oy", 55)


def test_changes_to_different_fields_both_survive(anna, bo):
    organisation = OrganisationFactory(name="Alku Oy", headcount=10)
    url = reverse("crm:organisation_edit", args=[organisation.pk])
    annas, bos = _load(anna, url), _load(bo, url)
    anna.post(url, {**annas, "description": "Annan muistiinpano"})
    response = bo.post(url, {**bos, "headcount": "80"})

    # Bo is shown what Anna changed; since he did not touch it, hers is preselected.
    assert response.status_code == 200
    [conflict] = response.context["form"].edit_conflicts
    assert conflict.name == "description" and not conflict.you_changed and conflict.default_choice == "theirs"
    again = {**posted_data(response.context["form"]), conflict.input_name: conflict.default_choice}
    assert bo.post(url, again).status_code == 302
    organisation.refresh_from_db()
    assert (organisation.description, organisation.headcount) == ("Annan muistiinpano", 80)


def test_what_the_system_changed_meanwhile_is_no_conflict(anna):
    organisation = OrganisationFactory(name="Alku Oy")
    url = reverse("crm:organisation_edit", args=[organisation.pk])
    annas = _load(anna, url)
    # A derived field the form does not show changes (with a history row) while Anna edits.
    stored = Organisation.objects.get(pk=organisation.pk)
    stored.size_class = "large"
    stored.save()
    assert anna.post(url, {**annas, "name": "Annan Oy"}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Annan Oy"


def test_the_same_value_from_both_is_no_conflict(anna, bo):
    organisation = OrganisationFactory(name="Alku Oy")
    url = reverse("crm:organisation_edit", args=[organisation.pk])
    annas, bos = _load(anna, url), _load(bo, url)
    anna.post(url, {**annas, "name": "Sama Oy"})
    assert bo.post(url, {**bos, "name": "Sama Oy"}).status_code == 302


@pytest.mark.parametrize(
    ("factory", "url_name", "field"),
    [
        (ContactFactory, "crm:contact_edit", "title"),
        (DeliveryFactory, "crm:delivery_edit", "title"),
        (InteractionFactory, "crm:interaction_edit", "subject"),
        (AgreementFactory, "crm:agreement_edit", "title"),
    ],
    ids=["contact", "delivery", "interaction", "agreement"],
)
def test_every_register_edit_form_detects_the_conflict(anna, bo, factory, url_name, field):
    record = factory()
    url = reverse(url_name, args=[record.pk])
    annas, bos = _load(anna, url), _load(bo, url)
    assert anna.post(url, {**annas, field: "Annan arvo"}).status_code == 302
    response = bo.post(url, {**bos, field: "Bon arvo"})
    assert response.status_code == 200
    assert [c.name for c in response.context["form"].edit_conflicts] == [field]
    record.refresh_from_db()
    assert getattr(record, field) == "Annan arvo"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_through_the_service_cannot_both_win(account_manager, colleague):
    """Both load version N and save at the same moment: the row lock lets one in; the other sees its change."""
    organisation = OrganisationFactory(name="Alku Oy")
    loaded = {
        user.pk: OrganisationForm(instance=Organisation.objects.get(pk=organisation.pk))
        for user in (account_manager, colleague)
    }
    results = {}
    start = threading.Barrier(2)

    def edit(user, name):
        try:
            stored = Organisation.objects.get(pk=organisation.pk)
            data = {**posted_data(loaded[user.pk]), "name": name}
            form = OrganisationForm(as_query_dict(data), instance=stored)
            assert form.is_valid(), form.errors

            def save():
                saved = services.organisation_save(organisation=form.save(commit=False), actor=user)
                time.sleep(0.5)  # hold the lock while the other save arrives
                return saved

            start.wait()
            results[name] = save_versioned(form, save) is not None
        finally:
            connection.close()

    threads = [
        threading.Thread(target=edit, args=(account_manager, "Annan Oy")),
        threading.Thread(target=edit, args=(colleague, "Bon Oy")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results.values()) == [False, True]
    winner = next(name for name, won in results.items() if won)
    assert Organisation.objects.get(pk=organisation.pk).name == winner


def test_two_admins_editing_one_record_in_the_admin(admin_client, admin):
    from django.test import Client

    from crm.models import Industry

    industry = Industry.objects.create(code="X98", level=Industry.Level.SECTION, name_fi="Alku", name_en="Start")
    url = reverse("admin:crm_industry_change", args=[industry.pk])
    other = Client()
    other.force_login(admin)
    page = admin_client.get(url)
    assert 'name="edit_version"' in page.content.decode()
    firsts = posted_data(page.context["adminform"].form)
    seconds = posted_data(other.get(url).context["adminform"].form)
    assert "edit_version" in firsts

    assert admin_client.post(url, {**firsts, "name_fi": "Ensimmäinen"}).status_code == 302
    response = other.post(url, {**seconds, "name_fi": "Toinen"})
    assert response.status_code == 200
    form = response.context["adminform"].form
    [conflict] = form.edit_conflicts
    assert (conflict.theirs, conflict.mine) == ("Ensimmäinen", "Toinen")
    industry.refresh_from_db()
    assert industry.name_fi == "Ensimmäinen"

    again = {**posted_data(form), conflict.input_name: "mine"}
    assert other.post(url, again).status_code == 302
    industry.refresh_from_db()
    assert industry.name_fi == "Toinen"
