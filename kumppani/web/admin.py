"""The admin's shared rules: nothing people edit is hard-deleted, what was deleted can be restored, and two
admins editing one record do not silently overwrite each other.

Every app's admin builds on these. `NoDeleteAdmin` takes away the delete permission (and with it the
"delete selected" bulk action and the delete button); records are archived, cancelled or closed through the
app's own fields and actions instead. `HistoryAdmin` adds django-simple-history's change history (an admin
reverts a change there) and a "Deleted records" page, linked from the changelist, that lists rows deleted
before this rule (or by code) from their history and restores them.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .concurrent_edits import AdminVersionedFormMixin

DELETED_RECORDS_SHOWN = 200


class NoDeleteMixin:
    """No delete permission, hence no delete button and no bulk delete action, for anyone."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class NoDeleteInlineMixin(NoDeleteMixin):
    can_delete = False


class ReadOnlyInlineMixin(NoDeleteInlineMixin):
    """An inline of rows the system writes (e.g. the account team's history): shown, never added or changed."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class NoDeleteAdmin(NoDeleteMixin, admin.ModelAdmin):
    """For models without history: the rows are written by services or are records themselves."""


class ReadOnlyAdmin(NoDeleteAdmin):
    """Records the system writes (timelines, logs): looked at, never added, changed or deleted here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class HistoryAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    """Change history with revert (django-simple-history), no deletion, and a page of deleted records."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form
        # Two admins editing one record: the second is shown the first's changes (kumppani.web.concurrent_edits).
        return type(form.__name__, (AdminVersionedFormMixin, form), {})

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_deleted"
        return [path("deleted/", self.admin_site.admin_view(self.deleted_view), name=name), *super().get_urls()]

    def _url(self, page: str, *args) -> str:
        return reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{page}", args=args)

    def _deleted_url(self) -> str:
        return self._url("deleted")

    def deleted_records(self):
        """The last history row of each record that no longer exists, newest deletion first."""
        model = self.model
        pk_name = model._meta.pk.attname
        # NOT EXISTS, which PostgreSQL runs as an anti-join on the primary key.
        existing = model._default_manager.filter(pk=OuterRef(pk_name))
        return (
            model.history.model.objects.filter(history_type="-")
            .exclude(Exists(existing))
            .select_related("history_user")
            .order_by("-history_date")
        )

    def deleted_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        may_restore = self.has_change_permission(request)
        if request.method == "POST":
            if not may_restore:
                raise PermissionDenied
            return self._restore(request, request.POST.get("history_id", ""))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Deleted records: %(name)s") % {"name": self.opts.verbose_name_plural},
            "records": self.deleted_records()[:DELETED_RECORDS_SHOWN],
            "shown": DELETED_RECORDS_SHOWN,
            "may_restore": may_restore,
            "changelist_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
            ),
        }
        return TemplateResponse(request, "admin/kumppani/deleted_records.html", context)

    def _restore(self, request: HttpRequest, history_id: str) -> HttpResponse:
        record = self.deleted_records().filter(history_id=history_id if history_id.isdigit() else 0).first()
        if record is None:
            messages.error(request, _("That record is not among the deleted ones (perhaps it was restored already)."))
            return redirect(self._deleted_url())
        instance = record.instance
        instance._history_user = request.user
        try:
            with transaction.atomic():
                instance.save(force_insert=True)
        except IntegrityError:
            # It points at a row that is gone too (e.g. a deleted organisation): that one comes back first.
            messages.error(
                request,
                _("%(record)s refers to a record that no longer exists: restore that first.") % {"record": instance},
            )
            return redirect(self._deleted_url())
        self.log_addition(request, instance, [{"added": {}}])
        messages.success(request, _("%(record)s was restored.") % {"record": instance})
        return redirect(
            reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change", args=[instance.pk])
        )
