from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from kumppani.web.client import client_address

from .services import login_clear_failures, login_is_throttled, login_record_failure, password_reset_email_queue


class ThrottledLoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or password is wrong."),
        "throttled": _("Too many failed attempts. Wait %(minutes)s minutes and try again, or reset your password."),
    }

    def clean(self):
        from django.conf import settings

        email = (self.cleaned_data.get("username") or "").lower()
        ip = client_address(self.request) if self.request else None
        if email and login_is_throttled(email=email, ip_address=ip):
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": settings.LOGIN_THROTTLE_WINDOW_MINUTES},
            )
        try:
            data = super().clean()
        except forms.ValidationError:
            if email:
                login_record_failure(email=email, ip_address=ip)
            raise
        login_clear_failures(email=email)
        return data


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, whose mail goes through the outbox like every other e-mail."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Django's context holds the uid and the token; only the user's id is stored, the rest is made when sent.
        password_reset_email_queue(user=context["user"])
