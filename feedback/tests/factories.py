import datetime

import factory
from django.utils import timezone

from crm.tests.factories import ContactFactory, OrganisationFactory
from feedback.models import Invitation, Response, Survey
from feedback.services.invitations import SURVEY_LINK
from kumppani.lib.nps import category
from links.services import link_create


def delivery_survey() -> Survey:
    return Survey.objects.get(kind=Survey.Kind.DELIVERY)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation
        skip_postgeneration_save = True

    survey = factory.LazyFunction(delivery_survey)
    contact = factory.SubFactory(ContactFactory)
    organisation = factory.SelfAttribute("contact.organisation")
    status = Invitation.Status.SENT
    send_after = factory.LazyFunction(timezone.now)
    sent_at = factory.LazyFunction(timezone.now)
    language = "fi"

    @factory.post_generation
    def with_link(self, create, extracted, **kwargs):
        if create and self.status == Invitation.Status.SENT and self.link_id is None:
            self.link = link_create(
                purpose=SURVEY_LINK, target=self, expires_in=datetime.timedelta(days=30), max_uses=1
            )
            self.save(update_fields=["link"])


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    organisation = factory.SubFactory(OrganisationFactory)
    source = Response.Source.SURVEY
    score = 9
    category = factory.LazyAttribute(lambda o: category(o.score) if o.score is not None else "")
    answered_at = factory.LazyFunction(timezone.now)
