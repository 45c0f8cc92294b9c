"""Forms: the public answer form, direct feedback, closing the loop, surveys, and the figures' filter."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.idempotency import IdempotentFormMixin
from accounts.models import OrgUnit
from accounts.roles import Role
from feedback.models import COMMENT_MAX, LoopAction, Question, Survey
from kumppani.web.concurrent_edits import VersionedFormMixin
from kumppani.web.dates import BoundedDateField

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORES = [(str(n), str(n)) for n in range(11)]


class AnswerForm(forms.Form):
    """Built in the invitation's language (the view overrides it), so labels are the respondent's."""

    score = forms.TypedChoiceField(choices=SCORES, coerce=int, widget=forms.RadioSelect)
    comment = forms.CharField(
        required=False, max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX})
    )

    def __init__(self, *args, survey: Survey, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].label = survey.recommend
        self.fields["score"].error_messages["required"] = _("Choose a number from 0 to 10.")
        self.fields["score"].error_messages["invalid_choice"] = _("Choose a number from 0 to 10.")
        self.fields["comment"].label = survey.why
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.TEXT:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=COMMENT_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            else:
                options = (
                    [str(n) for n in range(1, 6)] if question.kind == Question.Kind.SCALE else question.choice_list()
                )
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    required=False,
                    choices=[(option, option) for option in options],
                    widget=forms.RadioSelect,
                )

    def answers(self) -> dict[Question, str]:
        return {q: self.cleaned_data.get(f"q{q.pk}") or "" for q in self.questions}


class DirectFeedbackForm(IdempotentFormMixin, forms.Form):
    positive = forms.TypedChoiceField(
        label=_("The feedback was"),
        choices=[("1", _("Positive")), ("0", _("Negative"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What the customer said"), max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    corrective_action = forms.CharField(
        label=_("Corrective action"), required=False, max_length=COMMENT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    followed_up_by = forms.ModelChoiceField(label=_("Who follows it up"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["followed_up_by"].queryset = (
            get_user_model().objects.filter(is_active=True, groups__name=Role.ACCOUNT_MANAGER).distinct()
        )


class LoopCloseForm(forms.ModelForm):
    contacted_on = BoundedDateField(label=_("Contacted on"), widget=DATE_INPUT)

    class Meta:
        model = LoopAction
        fields = ["contacted_on", "channel", "agreed", "corrective_action"]
        widgets = {"agreed": forms.Textarea(attrs={"rows": 3}), "corrective_action": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("channel", "agreed"):
            self.fields[name].required = True


class SurveyForm(VersionedFormMixin, IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "name",
            "kind",
            "recommend_fi",
            "recommend_en",
            "recommend_sv",
            "why_fi",
            "why_en",
            "why_sv",
            "opens_on",
            "closes_on",
            "is_active",
        ]
        widgets = {"opens_on": DATE_INPUT, "closes_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Campaign surveys go to a segment's or a care model's contacts, chosen elsewhere; not built here yet.
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0] != Survey.Kind.CAMPAIGN]


class FiguresFilterForm(forms.Form):
    start = BoundedDateField(label=_("From"), required=False, widget=DATE_INPUT)
    end = BoundedDateField(label=_("To"), required=False, widget=DATE_INPUT)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.filter(is_active=True), required=False)
