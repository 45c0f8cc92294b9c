"""The survey's answer page: no login, the invitation's token is the key (links.views.public_link)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from feedback.forms import AnswerForm
from feedback.models import Invitation
from feedback.services.answers import response_record
from feedback.services.invitations import SURVEY_LINK
from links.models import PublicLink
from links.services import LinkGone
from links.views import link_problem, public_link

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def answer_language(request: HttpRequest, invitation: Invitation) -> str:
    """The invitation's language, unless the respondent switched (?lang= on the page, or the footer's switch)."""
    for asked in (request.GET.get("lang"), request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
        if asked in LANGUAGES:
            return asked
    return invitation.language if invitation.language in LANGUAGES else settings.LANGUAGE_CODE


@require_http_methods(["GET", "POST"])
@public_link(SURVEY_LINK)
def answer(request: HttpRequest, link: PublicLink, token: str) -> HttpResponse:
    """The recommendation (one tap), why, and the optional questions; saved the moment it is sent."""
    invitation = (
        Invitation.objects.select_related("survey", "organisation", "contact", "delivery", "follow_up__delivery")
        .filter(pk=link.target_id)
        .first()
    )
    if invitation is None:
        return link_problem(request, 404)
    language = answer_language(request, invitation)
    with translation.override(language):
        questions = list(invitation.survey.questions.all())
        data = request.POST if request.method == "POST" else None  # an empty post is an answer without a score
        form = AnswerForm(data, survey=invitation.survey, questions=questions)
        if request.method == "POST" and form.is_valid():
            try:
                response_record(
                    invitation=invitation,
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                    answers=form.answers(),
                )
            except LinkGone:
                return link_problem(request, 410)
            return render(request, "feedback/thanks.html", {"invitation": invitation})
        context = {
            "form": form,
            "invitation": invitation,
            "token": token,
            "language": language,
            "languages": settings.LANGUAGES,
        }
        return render(request, "feedback/answer.html", context, status=400 if form.is_bound else 200)
