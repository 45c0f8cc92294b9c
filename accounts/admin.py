"""Admin for people, organisational units and failed logins; also the admin site's titles."""

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kumppani.web.admin import HistoryAdmin, NoDeleteAdmin, NoDeleteMixin, ReadOnlyAdmin

from .models import Notification, OrgUnit, User
from .roles import Role
from .services import primary_unit_pick

admin.site.site_header = "Kumppani"
admin.site.site_title = _("Kumppani administration")
admin.site.index_title = _("Administration")


def _clean_unique_email(form: forms.ModelForm) -> str:
    """E-mail addresses are the login: store them in lower case and unique regardless of case."""
    email = form.cleaned_data["email"].strip().lower()
    others = User.objects.filter(email__iexact=email)
    if form.instance.pk:
        others = others.exclude(pk=form.instance.pk)
    if others.exists():
        raise forms.ValidationError(_("Another user already has this e-mail address."), code="unique")
    return email


class PrimaryUnitFormMixin:
    """The primary unit is one of the units chosen on the same form; with exactly one unit it is that one."""

    def clean(self):
        data = super().clean()
        if "units" in data:
            data["primary_unit"] = primary_unit_pick(primary_unit=data.get("primary_unit"), units=data["units"])
            # User.clean() checks the primary unit against these, not the units stored before this save.
            self.instance.pending_unit_ids = {unit.pk for unit in data["units"]}
        return data


class UserCreationForm(PrimaryUnitFormMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "units", "primary_unit")

    def clean_email(self) -> str:
        return _clean_unique_email(self)


class UserChangeForm(PrimaryUnitFormMixin, DjangoUserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        return _clean_unique_email(self)


ROLE_LABELS = dict(Role.choices)


@admin.register(User)
class UserAdmin(HistoryAdmin, DjangoUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "title", "phone", "language")}),
        (_("Roles and units"), {"fields": ("groups", "units", "primary_unit")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions"), "classes": ("collapse",)},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "usable_password", "password1", "password2"),
            },
        ),
        (_("Roles and units"), {"fields": ("groups", "units", "primary_unit")}),
    )
    list_display = ["email", "name", "roles", "unit_names", "primary_unit", "is_active", "last_login"]
    list_display_links = ["email", "name"]
    list_filter = ["groups", "units", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    ordering = ["email"]
    filter_horizontal = ["groups", "units", "user_permissions"]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        # Roles and units are shown per row: one query each for the whole page.
        return super().get_queryset(request).select_related("primary_unit").prefetch_related("groups", "units")

    @admin.display(description=_("name"), ordering="last_name")
    def name(self, obj: User) -> str:
        return obj.get_full_name()

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        return ", ".join(str(ROLE_LABELS.get(group.name, group.name)) for group in obj.groups.all())

    @admin.display(description=_("units"))
    def unit_names(self, obj: User) -> str:
        return ", ".join(unit.name for unit in obj.units.all())


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(NoDeleteMixin, DjangoGroupAdmin):
    """Roles are groups that the code names (accounts.roles): deleting one would take the role from its people."""


@admin.register(OrgUnit)
class OrgUnitAdmin(HistoryAdmin):
    list_display = ["name", "kind", "parent", "head", "members_count", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "parent__name"]
    list_select_related = ["parent", "head"]
    autocomplete_fields = ["parent", "head"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(members_count=Count("members", distinct=True))

    @admin.display(description=_("members"), ordering="members_count")
    def members_count(self, obj: OrgUnit) -> int:
        return obj.members_count


@admin.register(AccessAttempt)
class LoginAttemptAdmin(ReadOnlyAdmin):
    """django-axes' failed logins, read-only: who is being throttled and from where; unlocking clears them."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "counts_now"]
    list_filter = ["attempt_time"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    fields = ["username", "ip_address", "user_agent", "path_info", "failures_since_start", "attempt_time"]
    readonly_fields = fields
    actions = ["unlock_selected"]

    def has_unlock_permission(self, request) -> bool:
        return request.user.has_perm("axes.delete_accessattempt")

    @admin.display(description=_("counts towards throttling"), boolean=True)
    def counts_now(self, obj: AccessAttempt) -> bool:
        return obj.attempt_time >= timezone.now() - settings.AXES_COOLOFF_TIME

    @admin.action(description=_("Unlock the selected e-mail addresses"), permissions=["unlock"])
    def unlock_selected(self, request, queryset) -> None:
        emails = set(queryset.values_list("username", flat=True))
        for email in emails:
            axes_reset(username=email)
        self.message_user(
            request,
            ngettext(
                "Failed logins cleared for %(count)d e-mail address.",
                "Failed logins cleared for %(count)d e-mail addresses.",
                len(emails),
            )
            % {"count": len(emails)},
        )


@admin.register(Notification)
class NotificationAdmin(NoDeleteAdmin):
    list_display = ["recipient", "what", "created_at", "read_at"]
    raw_id_fields = ["recipient"]

    @admin.display(description=_("notification"))
    def what(self, obj: Notification):
        return obj.rendered_html
