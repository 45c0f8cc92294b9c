from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import Role


class OrgUnit(models.Model):
    """A node of the provider's organisation: result area > field of education > team."""

    class Kind(models.TextChoices):
        RESULT_AREA = "result_area", _("Result area")
        FIELD = "field", _("Field of education")
        TEAM = "team", _("Team")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    head = models.ForeignKey(
        "accounts.User", verbose_name=_("head"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="unique_unit_name_per_parent")]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list["OrgUnit"]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    @property
    def path(self) -> str:
        return " / ".join(unit.name for unit in [*self.ancestors(), self])

    def descendant_ids(self) -> set[int]:
        """IDs of this unit and every unit below it (the tree is small: a few hundred units)."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(OrgUnit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.update(frontier)
        return ids


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person at the provider. Logs in with an e-mail address; roles are groups."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    units = models.ManyToManyField(OrgUnit, verbose_name=_("units"), blank=True, related_name="members")
    # The unit the person's customers, deliveries and offers belong to by default (docs/ARCHITECTURE.md "Units").
    primary_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("primary unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="primary_members",
        help_text=_("One of the user's units. A user in exactly one unit has it as the primary unit."),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=[("fi", "suomi"), ("en", "English"), ("sv", "svenska")], default="fi"
    )
    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def clean(self) -> None:
        super().clean()
        if self.primary_unit_id is None:
            return
        # A form that edits the units too sets pending_unit_ids: the rule holds for the units being saved.
        unit_ids = getattr(self, "pending_unit_ids", None)
        if unit_ids is None:
            unit_ids = set(self.units.values_list("pk", flat=True)) if self.pk else set()
        if self.primary_unit_id not in unit_ids:
            raise ValidationError(
                {"primary_unit": _("The primary unit must be one of the user's units.")}, code="primary_not_member"
            )

    def primary_unit_or_none(self) -> OrgUnit | None:
        """The primary unit; a user in exactly one unit has that one even when none is stored."""
        if self.primary_unit_id:
            return self.primary_unit
        units = list(self.units.all()[:2])
        return units[0] if len(units) == 1 else None

    def role_names(self) -> set[str]:
        # Cached per instance: navigation and access checks ask many times per request.
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
            if self.is_superuser:
                self._role_names.add(Role.ADMIN.value)
        return self._role_names

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_names() & {str(role) for role in roles})

    @property
    def roles_display(self) -> list[str]:
        return [str(label) for value, label in Role.choices if value in self.role_names()]


from .idempotency import SubmittedForm  # noqa: E402,F401  (create forms sent once)
from .notifications import Notification  # noqa: E402,F401  (in-app notifications)
