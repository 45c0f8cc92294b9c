from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from stdnum.fi import ytunnus

from accounts.models import OrgUnit, User
from accounts.roles import Role
from crm.models import (
    AccountTeamAssignment,
    Contact,
    CustomerGroup,
    Delivery,
    Interaction,
    Municipality,
    Organisation,
    PartnershipAgreement,
    TimelineEntry,
)
from kumppani.demo import ADMIN_EMAIL, DEMO_PASSWORD, plan_demo
from kumppani.lib.size_class import size_class

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The seed hashes the shared password once and each login checks it: PBKDF2 would cost seconds here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--seed", "7", "--organisations", "30", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, OrgUnit, Organisation, Contact, Interaction, Delivery, PartnershipAgreement, TimelineEntry)
    }


def test_seed_demo_builds_a_believable_provider_once(client):
    planned = plan_demo(seed=7, organisations=30)
    output = seed()

    assert Organisation.objects.count() == 30
    assert "Demo users" in output and ADMIN_EMAIL in output and DEMO_PASSWORD in output

    # Units: result areas > fields > teams, with heads.
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.RESULT_AREA, parent=None).count() >= 2
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.FIELD, parent__kind=OrgUnit.Kind.RESULT_AREA).exists()
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.TEAM, parent__kind=OrgUnit.Kind.FIELD).exists()
    assert OrgUnit.objects.exclude(head=None).exists()

    # Every role has a demo user who can log in; one person holds two roles.
    for role in Role:
        user = User.objects.filter(groups__name=role.value, email__endswith="@kumppani.demo").first()
        assert user is not None, role
        assert user.first_name and user.last_name and user.title and user.units.exists()
        assert user.primary_unit in user.units.all()
        # django-axes checks every login against a request (the test client's login makes none of its own).
        assert client.login(request=RequestFactory().post("/"), username=user.email, password=DEMO_PASSWORD), user.email
        client.logout()
    admin = User.objects.get(email=ADMIN_EMAIL)
    assert admin.is_staff and admin.is_superuser
    assert any(len(u.role_names()) > 1 for u in User.objects.filter(is_superuser=False))

    # Every business and public customer has a responsible unit; a managed one its manager's; deliveries a unit.
    needing = Organisation.objects.filter(customer_group__in=[CustomerGroup.BUSINESS, CustomerGroup.PUBLIC])
    assert needing.filter(customer_group=CustomerGroup.BUSINESS).exists()
    assert not needing.filter(responsible_unit=None).exists()
    for organisation in Organisation.objects.exclude(account_manager=None).select_related("account_manager"):
        assert organisation.responsible_unit_id == organisation.account_manager.primary_unit_id
    assert not Delivery.objects.filter(unit=None).exists()
    for organisation in needing:
        organisation.full_clean()

    # Business IDs: valid and unique; only individuals go without one.
    ids = list(Organisation.objects.exclude(business_id="").values_list("business_id", flat=True))
    assert len(ids) == len(set(ids))
    assert all(ytunnus.is_valid(value) and len(value) == 9 and value[7] == "-" for value in ids)
    assert not Organisation.objects.filter(business_id="").exclude(customer_group=CustomerGroup.INDIVIDUAL).exists()

    # The 12 owner municipalities are customers, each with a current partnership agreement.
    owners = Municipality.objects.filter(is_owner=True)
    assert owners.count() == 12
    for municipality in owners:
        organisation = Organisation.objects.get(municipality=municipality, operating_form="municipality")
        assert organisation.customer_group == CustomerGroup.PUBLIC
        assert organisation.active_agreement() is not None, organisation.name
    assert Organisation.objects.filter(name="Jyväskylän kaupunki").exists()

    # Figures and derived fields.
    for organisation in Organisation.objects.all():
        assert organisation.size_class == size_class(organisation.headcount, organisation.turnover)
        assert organisation.timeline.filter(kind="register").exists()
        assert organisation.contacts.exists()
    assert Organisation.objects.filter(customer_group=CustomerGroup.BUSINESS).count() >= 10
    assert Organisation.objects.filter(municipality__region="Keski-Suomi").count() > 15
    assert Organisation.objects.exclude(account_manager=None).count() > 20
    assert (
        AccountTeamAssignment.objects.filter(valid_to=None).count()
        >= Organisation.objects.exclude(account_manager=None).count()
    )

    # Activity lands on the timeline, in the past mostly, with last contact stored.
    assert Interaction.objects.count() >= 30
    assert Delivery.objects.filter(status=Delivery.Status.DONE).exists()
    assert Delivery.objects.filter(status__in=[Delivery.Status.PLANNED, Delivery.Status.IN_PROGRESS]).exists()
    # What was agreed at a running delivery's start shows on its page (after-care from the first day).
    from care_plans.models import ServiceStart

    assert ServiceStart.objects.exists()
    assert TimelineEntry.objects.filter(kind="meeting").exists()
    assert Organisation.objects.exclude(last_contact_at=None).exists()
    assert all(i.occurred_at.tzinfo is not None for i in Interaction.objects.all()[:20])

    # The database holds what the seeded plan says.
    stored = set(Organisation.objects.values_list("name", "business_id"))
    assert stored == {(o.name, o.business_id) for o in planned.organisations}

    # Idempotent: a second run adds nothing and prints the users again.
    before = counts()
    again = seed()
    assert counts() == before
    assert "already present" in again and ADMIN_EMAIL in again


def test_same_seed_same_data():
    first = plan_demo(seed=7, organisations=30)
    second = plan_demo(seed=7, organisations=30)
    other = plan_demo(seed=8, organisations=30)

    assert first == second
    assert [(o.name, o.business_id) for o in first.organisations] == [
        (o.name, o.business_id) for o in second.organisations
    ]
    assert [o.name for o in first.organisations] != [o.name for o in other.organisations]
    assert len(first.organisations) == 30


def test_every_done_delivery_of_the_demo_has_its_after_care_at_once(django_capture_on_commit_callbacks, eager_celery):
    """The seed runs what services queue (no worker runs while it writes), so the demo is whole at once."""
    from care_plans.models import FollowUp

    with django_capture_on_commit_callbacks(execute=True):
        seed()
    done = Delivery.objects.filter(status=Delivery.Status.DONE)
    assert done.exists()
    assert not done.exclude(pk__in=FollowUp.objects.values("delivery_id")).exists()
