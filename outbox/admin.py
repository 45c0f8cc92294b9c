"""The outbox in the admin: read-only rows; failed or waiting mail can be queued again."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kumppani.web.admin import ReadOnlyAdmin
from outbox.models import OutgoingEmail
from outbox.services import emails_requeue


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    """Mail rows are a record of what was sent: nobody adds, edits or deletes them here."""

    list_display = ["to", "template", "state", "attempts", "short_error", "created_at", "sent_at"]
    list_filter = ["state", "template"]
    # A prefix match (UPPER(to) LIKE 'X%'), which the pattern index serves; "%X%" would scan every row.
    search_fields = ["^to"]
    ordering = ["-created_at", "-pk"]
    actions = ["send_again"]
    fields = [
        "to",
        "language",
        "template",
        "subject",
        "context",
        "headers",
        "dedupe_key",
        "state",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_at",
        "sent_at",
        "created_at",
        "message_id",
    ]
    readonly_fields = fields

    def has_resend_permission(self, request) -> bool:
        return request.user.has_perm("outbox.change_outgoingemail")

    @admin.display(description=_("last error"))
    def short_error(self, obj: OutgoingEmail) -> str:
        return obj.last_error if len(obj.last_error) <= 80 else obj.last_error[:79] + "…"

    @admin.display(description=_("Message-ID"))
    def message_id(self, obj: OutgoingEmail) -> str:
        return obj.message_id

    @admin.action(description=_("Send again"), permissions=["resend"])
    def send_again(self, request, queryset) -> None:
        count = emails_requeue(emails=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail queued again (sent and sending ones are left as they are).",
                "%(count)d e-mails queued again (sent and sending ones are left as they are).",
                count,
            )
            % {"count": count},
        )
