from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .services import password_reset_email_queue


class LoginForm(AuthenticationForm):
    """Log in with an e-mail address; django-axes throttles failed tries (accounts/throttle.py)."""

    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or password is wrong."),
        "throttled": _("Too many failed attempts. Wait %(minutes)s minutes and try again, or reset your password."),
    }


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
