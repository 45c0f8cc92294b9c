import factory

from accounts.tests.factories import UserFactory
from roadmap.models import Goal, Indicator, Roadmap, Theme


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    key = factory.Sequence(lambda n: f"roadmap-{n}")
    name_fi = "Tiekartta"
    vision_fi = "Yhteistyö tuottaa lisäarvoa."
    start_year = 2020
    end_year = 2023


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    roadmap = factory.SubFactory(RoadmapFactory)
    order = factory.Sequence(lambda n: n + 1)
    name_fi = factory.Sequence(lambda n: f"Teema {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    theme = factory.SubFactory(ThemeFactory)
    year = 2020
    order = factory.Sequence(lambda n: n + 1)
    text_fi = factory.Sequence(lambda n: f"Tavoite {n} on saavutettu")
    owner = factory.SubFactory(UserFactory)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    name_fi = factory.Sequence(lambda n: f"Mittari {n}")
    unit = "%"
