"""The public answer page, and the loop a detractor's answer opens, from the answer to the closed follow-up."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from crm.models import ContactRole, Organisation
from crm.tests.factories import ContactFactory, OrganisationFactory
from feedback.models import Answer, Invitation, LoopAction, Question, Response
from feedback.tests.factories import InvitationFactory
from kumppani.lib.workdays import add_working_days
from links.models import PublicLink
from links.services import link_token_issue

pytestmark = pytest.mark.django_db


def _url(invitation) -> str:
    return reverse("feedback_answer", args=[link_token_issue(invitation.link)])


@pytest.fixture
def invitation(account_manager):
    organisation = OrganisationFactory(account_manager=account_manager)
    role = ContactRole.objects.get(code="hr")
    contact = ContactFactory(organisation=organisation, role=role, is_decision_maker=True)
    return InvitationFactory(contact=contact, organisation=organisation)


def test_the_page_asks_in_the_invitations_language_with_a_switch(client, invitation):
    invitation.language = "sv"
    invitation.save()
    url = _url(invitation)
    page = client.get(url).content.decode()
    assert "Hur sannolikt" in page and 'hreflang="fi"' in page
    assert "Kuinka todennäköisesti" in client.get(url + "?lang=fi").content.decode()


def test_an_answer_is_saved_with_what_it_was_about_and_the_link_is_used_up(client, invitation, account_manager):
    url = _url(invitation)
    response = client.post(url, {"score": "9", "comment": "Hyvä koulutus"})
    assert response.status_code == 200 and "Kiitos" in response.content.decode()
    answer = Response.objects.get()
    assert (answer.score, answer.category, answer.comment) == (9, "promoter", "Hyvä koulutus")
    assert answer.role.code == "hr" and answer.is_decision_maker
    assert answer.unit == invitation.organisation.responsible_unit and answer.account_manager == account_manager
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ANSWERED
    assert client.get(url).status_code == 410  # used
    assert client.post(url, {"score": "3"}).status_code == 410
    assert Response.objects.count() == 1
    assert not LoopAction.objects.exists()  # a promoter's rule is off by default
    organisation = Organisation.objects.get(pk=invitation.organisation_id)
    assert (organisation.nps_12m, organisation.nps_12m_answers) == (100, 1)


def test_unknown_and_expired_links_get_a_clear_page(client, invitation):
    assert client.get(reverse("feedback_answer", args=["no-such-token"])).status_code == 404
    url = _url(invitation)
    PublicLink.objects.filter(pk=invitation.link_id).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 410 and "ei ole enää voimassa" in response.content.decode().lower()


@pytest.mark.parametrize("score", ["11", "-1", "abc", ""])
def test_a_score_outside_0_to_10_or_missing_is_asked_again(client, invitation, score):
    response = client.post(_url(invitation), {"score": score})
    assert response.status_code == 400
    assert not Response.objects.exists()
    invitation.link.refresh_from_db()
    assert invitation.link.uses == 0


def test_a_10000_character_comment_is_kept_and_a_longer_one_refused(client, invitation):
    url = _url(invitation)
    assert client.post(url, {"score": "7", "comment": "x" * 10_001}).status_code == 400
    assert client.post(url, {"score": "7", "comment": "x" * 10_000}).status_code == 200
    assert len(Response.objects.get().comment) == 10_000


def test_optional_questions_may_be_left_empty_or_answered(client, invitation):
    survey = invitation.survey
    scale = Question.objects.create(survey=survey, kind="scale", text_fi="Sisältö?")
    choice = Question.objects.create(survey=survey, kind="choice", text_fi="Kanava?", choices_fi="Lähi\nEtä")
    url = _url(invitation)
    assert client.post(url, {"score": "8", f"q{scale.pk}": "4", f"q{choice.pk}": "Etä"}).status_code == 200
    assert dict(Answer.objects.values_list("question__text_fi", "value")) == {"Sisältö?": "4", "Kanava?": "Etä"}


def test_the_detractor_loop_from_answer_to_closed_follow_up(client, invitation, account_manager):
    client.post(_url(invitation), {"score": "4", "comment": "Kouluttaja myöhästyi"})
    action = LoopAction.objects.get()
    assert action.owner == account_manager
    assert action.due_date == add_working_days(timezone.localdate(), 2)

    client.force_login(account_manager)
    work = client.get(reverse("crm:my_work")).content.decode()
    assert action.get_absolute_url() in work
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Kouluttaja myöhästyi" in page
    response = client.post(
        action.get_absolute_url(),
        {
            "contacted_on": timezone.localdate().isoformat(),
            "channel": "phone",
            "agreed": "Uusi ajankohta",
            "corrective_action": "Aikataulut tarkistetaan",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == LoopAction.Status.CLOSED and action.closed_on_time
    assert action.get_absolute_url() not in client.get(reverse("crm:my_work")).content.decode()
    figures = client.get(reverse("feedback:figures")).content.decode()
    assert "Kouluttaja myöhästyi" in figures
