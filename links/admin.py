from django.contrib import admin

from kumppani.web.admin import HistoryAdmin
from links.models import PublicLink


@admin.register(PublicLink)
class PublicLinkAdmin(HistoryAdmin):
    """Links can be looked at and revoked; tokens are hashes and never shown."""

    list_display = ["purpose", "target_type", "target_id", "scope", "expires_at", "uses", "max_uses", "revoked_at"]
    list_filter = ["purpose"]
    readonly_fields = ["purpose", "target_type", "target_id", "scope", "uses", "last_used_at", "created_at"]
    fields = [*readonly_fields[:4], "expires_at", "max_uses", "uses", "last_used_at", "revoked_at", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
