"""accounts' part of the scale data (kumppani.bench): units and users, with one account manager of 5,000
customers (or half the register when it is smaller), teachers and management."""

from django.contrib.auth.models import Group

from accounts.models import OrgUnit, User
from accounts.roles import Role
from accounts.services import roles_sync
from kumppani.bench.registry import register_generator
from kumppani.bench.words import FIRST_NAMES, LAST_NAMES

AREAS = {
    "Aikuiskoulutus": ["Tekniikka", "Rakentaminen", "Liiketalous", "Sosiaali- ja terveysala"],
    "Nuorten koulutus": ["Tekniikka", "Rakentaminen", "Matkailu- ja ravitsemisala"],
    "Yrityspalvelut": ["Henkilöstökoulutus", "Oppisopimukset"],
}
BIG_MANAGER_CUSTOMERS = 5000


def generate(ctx) -> None:
    rng = ctx.rng("accounts")
    if not Group.objects.filter(name__in=Role.values).count() == len(Role):
        roles_sync()
    groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
    teams = []
    for area, fields in AREAS.items():
        parent = OrgUnit.objects.create(name=area, kind=OrgUnit.Kind.RESULT_AREA)
        for name in fields:
            teams.append(OrgUnit.objects.create(name=name, kind=OrgUnit.Kind.FIELD, parent=parent))
    people = [
        ("admin", 1, [Role.ADMIN]),
        ("manager", max(3, ctx.scaled(80)), [Role.ACCOUNT_MANAGER]),
        ("teacher", max(3, ctx.scaled(400)), [Role.TEACHER]),
        ("management", 3, [Role.MANAGEMENT]),
    ]
    users, roles_of = [], []
    for kind, count, roles in people:
        for index in range(count):
            unit = teams[index % len(teams)]
            user = User(
                email=f"{kind}{index}@bench.kumppani.test",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                title=kind,
                password="!",  # unusable: the bench logs in with force_login
                is_staff=kind == "admin",
                is_superuser=kind == "admin",
                primary_unit=unit,
            )
            user.kind = kind
            users.append(user)
            roles_of.append(roles)
    User.objects.bulk_create(users, batch_size=1000)
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=u.pk, group_id=groups[r].pk)
            for u, roles in zip(users, roles_of, strict=True)
            for r in roles
        ],
        batch_size=2000,
    )
    User.units.through.objects.bulk_create(
        [User.units.through(user_id=u.pk, orgunit_id=u.primary_unit_id) for u in users], batch_size=2000
    )
    by_kind: dict[str, list[User]] = {}
    for user in users:
        by_kind.setdefault(user.kind, []).append(user)
    managers = by_kind["manager"]
    # Each unit's head is a manager of another unit when there is one (escalations go to heads).
    for index, team in enumerate(teams):
        team.head = managers[(index + 1) % len(managers)]
        team.save(update_fields=["head"])
    ctx.facts.update(
        admin=by_kind["admin"][0].pk,
        managers=[u.pk for u in managers],
        manager_units=[u.primary_unit_id for u in managers],
        big_manager=managers[0].pk,
        big_manager_customers=min(BIG_MANAGER_CUSTOMERS, ctx.organisations // 2),
        teachers=[u.pk for u in by_kind["teacher"]],
        management=[u.pk for u in by_kind["management"]],
        units=[t.pk for t in teams],
    )
    ctx.counts["accounts.User"] = len(users)


def user_from_facts(key: str, index: int | None = None):
    """A page's user picker: the user whose id the generator recorded under `key` (a list: its `index`)."""

    def pick(ctx):
        value = ctx.facts[key]
        return User.objects.get(pk=value[index] if index is not None else value)

    return pick


def register() -> None:
    register_generator("accounts", order=10, fn=generate)
