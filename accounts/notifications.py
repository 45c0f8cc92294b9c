"""In-app notifications: a row per message to one person, with an unread count for the navigation.

Any app may call `notify()` with a message code and parameters (accounts.messages); e-mail is the caller's
business (queue it in transaction.on_commit).
The model is imported at the end of accounts/models.py; the pages are in accounts/notification_urls.py.
"""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.access import get_notification_for_user
from accounts.messages import RenderedMessage, attach_names, check_message
from kumppani.web.htmx import render_list
from kumppani.web.pagination import paginate
from kumppani.web.redirects import safe_next_url


class Notification(RenderedMessage, models.Model):
    """A message code with parameters (accounts.messages), rendered in the recipient's language when read."""

    message_fields = ("code", "params", "text")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    code = models.CharField(_("message"), max_length=60, blank=True, default="")
    params = models.JSONField(_("message parameters"), default=dict, blank=True)
    # The text of notifications written before message codes (see `manage.py messages_to_codes`).
    text = models.CharField(_("text"), max_length=300, blank=True, default="")
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        app_label = "accounts"
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_time"),
            # The unread count on every page: a small partial index.
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.rendered

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


# --- services -------------------------------------------------------------------------------------


def notify(*, recipient, code: str, params: dict | None = None, url: str = "") -> Notification:
    """Tell one person something in the app (a registered message code and its parameters); returns it."""
    return Notification.objects.create(
        recipient=recipient, code=code, params=check_message(code, params), url=url[:300]
    )


def notify_many(notices) -> list[Notification]:
    """Many notices in one INSERT: each a dict of `notify`'s keyword arguments (the reminder engine's batches)."""
    return Notification.objects.bulk_create(
        [
            Notification(
                recipient=notice["recipient"],
                code=notice["code"],
                params=check_message(notice["code"], notice.get("params")),
                url=notice.get("url", "")[:300],
            )
            for notice in notices
        ],
        batch_size=1000,
    )


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_count(request) -> dict:
    """Context processor: add "accounts.notifications.notification_count" to TEMPLATES to use the badge."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": unread_count(user)}


# --- views ----------------------------------------------------------------------------------------


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        label=_("Unread only"), field_name="read_at", lookup_expr="isnull", widget=forms.CheckboxInput
    )

    class Meta:
        model = Notification
        fields: list[str] = []


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notification_filter = NotificationFilter(
        request.GET or None, queryset=Notification.objects.filter(recipient=request.user)
    )
    page = paginate(request, notification_filter.qs)
    attach_names(page.object_list)
    context = {
        "notifications": page.object_list,
        "page": page,
        "filter": notification_filter,
        "unread_notifications": unread_count(request.user),
    }
    return render_list(request, "accounts/notification_list.html", "accounts/notification_table.html", context)


@require_POST
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one read and follow its link (strangers' notifications are 404)."""
    notification, _may_mark = get_notification_for_user(request.user, pk)
    notification_mark_read(notification=notification)
    return redirect(safe_next_url(request, notification.url, "notifications:list"))


@require_POST
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    notifications_mark_all_read(user=request.user)
    return redirect("notifications:list")
