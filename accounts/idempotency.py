"""A form that creates something is saved once, however often it is sent.

Every create form carries a hidden `idempotency_key`, a UUID made when the form is rendered (the offline lead
queue on the phone makes one the same way). The create view is wrapped in `@idempotent_create`: the first
POST with a key claims it for the user and, when it saves (a redirect), stores where it went; a second POST
with the same key within 24 hours (a double tap, a resend on a weak connection, the back button) is sent to
that same place and saves nothing. A POST whose form had errors frees its key, so the corrected form saves.

The model is imported at the end of accounts/models.py.
"""

import functools
import time
import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

FIELD_NAME = "idempotency_key"
# A resent form within this window returns the first result (decided); older keys are forgotten nightly.
WINDOW = timedelta(hours=24)
# How long a second POST waits for a first one still being saved (a double tap lands within a second).
WAIT_FOR_FIRST_SECONDS = 5.0


class SubmittedForm(models.Model):
    """One use of a create form's key by a user, and the address its result is at (empty while it is saved)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    path = models.CharField(max_length=500)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="submitted_form_user_key")]

    def __str__(self) -> str:
        return f"{self.key} → {self.result_url or '…'}"


class IdempotencyKeyField(forms.UUIDField):
    """The hidden key: a new UUID each time an unbound form is rendered; a bound one keeps the posted key."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)


class IdempotentFormMixin:
    """Adds the hidden key to a create form (templates that list fields by hand add `{{ form.idempotency_key }}`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD_NAME] = IdempotencyKeyField()


def _posted_key(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(request.POST.get(FIELD_NAME) or ""))
    except ValueError:
        return None


def _claim(request: HttpRequest, key: uuid.UUID) -> tuple[SubmittedForm, bool]:
    """The user's row for this key, and whether this request made it (committed at once, so others see it)."""
    since = timezone.now() - WINDOW
    SubmittedForm.objects.filter(user=request.user, key=key, created_at__lt=since).delete()
    try:
        with transaction.atomic():
            return SubmittedForm.objects.create(user=request.user, key=key, path=request.path[:500]), True
    except IntegrityError:
        return SubmittedForm.objects.get(user=request.user, key=key), False


def _first_result(claim: SubmittedForm) -> str:
    """Where the first POST went; waits a moment for one still being saved ("" if it never finished)."""
    deadline = time.monotonic() + WAIT_FOR_FIRST_SECONDS
    while True:
        row = SubmittedForm.objects.filter(pk=claim.pk).values_list("result_url", flat=True).first()
        if row or row is None or time.monotonic() >= deadline:
            return row or ""
        time.sleep(0.2)


def idempotent_create(view):
    """Wrap a create view (under its role check): a POST whose key was used returns the first result.

    A POST without a valid key (an old page, a client that sends none) is saved as before.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = _posted_key(request) if request.method == "POST" else None
        if key is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        claim, first = _claim(request, key)
        if not first:
            result = _first_result(claim)
            if result:
                messages.info(request, gettext("This form was already sent: it was saved once, here."))
                return HttpResponseRedirect(result)
            claim, first = _claim(request, key)  # the first attempt failed and freed the key: this one saves
            if not first:
                return render(request, "accounts/already_sent.html", status=409)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            SubmittedForm.objects.filter(pk=claim.pk).delete()
            raise
        if response.status_code in (301, 302, 303) and response.get("Location"):
            SubmittedForm.objects.filter(pk=claim.pk).update(result_url=response["Location"][:500])
        else:
            SubmittedForm.objects.filter(pk=claim.pk).delete()  # errors on the form: the corrected one saves
        return response

    return wrapper


def submitted_forms_forget(older_than: timedelta = WINDOW) -> int:
    """Keys older than the window no longer return anything: the nightly sweep removes them."""
    deleted, _by_model = SubmittedForm.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
