import factory
from django.contrib.auth.models import Group

from accounts.models import OrgUnit, User
from accounts.roles import Role

PASSWORD = "Kumppani-test-1"


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Tiimi {n}")
    kind = OrgUnit.Kind.TEAM


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.fi")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=[str(r) for r in extracted]))
        if create:
            self.save()


def user_with_role(role: Role, **kwargs) -> User:
    extra = {"is_staff": True, "is_superuser": True} if role == Role.ADMIN else {}
    return UserFactory(roles=[role], **extra, **kwargs)
