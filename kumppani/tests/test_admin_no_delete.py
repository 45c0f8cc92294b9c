"""Nothing people edit is hard-deleted in the admin, every edited model keeps history, and deleted rows come back.

The walk covers every registered ModelAdmin and its inlines, so a new admin that forgets kumppani.web.admin's
mixins fails here, naming the model.
"""

import pytest
from django.contrib import admin as django_admin
from django.test import RequestFactory
from django.urls import reverse

from crm.models import Industry

# Technical models that may be deleted in the admin, each for a reason:
DELETABLE = {
    # The beat schedule is configuration that setup_periodic_tasks writes; a stale entry is removed by hand.
    "django_celery_beat.PeriodicTask",
    "django_celery_beat.ClockedSchedule",
    "django_celery_beat.CrontabSchedule",
    "django_celery_beat.SolarSchedule",
    "django_celery_beat.IntervalSchedule",
}

# Models an admin may change that keep no django-simple-history of their own, each for a reason:
NO_HISTORY = {
    *DELETABLE,
    "auth.Group",  # Django's model; the roles are created by code, and who has one shows in the user's history
    "accounts.Notification",  # written by the system; the reader only marks it read
    "reminders.Reminder",  # the engine's exactly-once rows: their sent and mailed stamps are the record
    "care_plans.CalendarFeed",  # a person's secret calendar address, not data people edit
}


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(email="root@example.fi", password="x")


def _admins():
    return sorted(django_admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def test_no_model_admin_allows_deletion(superuser):
    request = _request(superuser)
    deletable = []
    for model, model_admin in _admins():
        label = model._meta.label
        if label in DELETABLE:
            continue
        if model_admin.has_delete_permission(request) or "delete_selected" in model_admin.get_actions(request):
            deletable.append(label)
        for inline in model_admin.get_inline_instances(request):
            if inline.can_delete and inline.has_delete_permission(request):
                deletable.append(f"{label} inline {inline.model._meta.label}")
    assert deletable == []


def test_every_model_an_admin_edits_keeps_history(superuser):
    request = _request(superuser)
    missing = [
        model._meta.label
        for model, model_admin in _admins()
        if model_admin.has_change_permission(request)
        and model._meta.label not in NO_HISTORY
        and not hasattr(model, "history")
    ]
    assert missing == []


def test_the_allow_lists_name_registered_models_only():
    registered = {model._meta.label for model in django_admin.site._registry}
    assert DELETABLE <= registered
    assert NO_HISTORY <= registered


def test_a_deleted_record_is_listed_and_restored(admin_client):
    industry = Industry.objects.create(code="X99", level=Industry.Level.SECTION, name_fi="Poistettu", name_en="Gone")
    pk = industry.pk
    industry.delete()  # as code or an earlier admin could
    changelist = admin_client.get(reverse("admin:crm_industry_changelist"))
    deleted_url = reverse("admin:crm_industry_deleted")
    assert deleted_url in changelist.content.decode()
    page = admin_client.get(deleted_url)
    assert page.status_code == 200
    assert "X99 Poistettu" in page.content.decode()
    record = Industry.history.get(id=pk, history_type="-")
    response = admin_client.post(deleted_url, {"history_id": record.history_id})
    assert response.status_code == 302
    restored = Industry.objects.get(pk=pk)
    assert restored.name_fi == "Poistettu"
    assert restored.history.latest().history_type == "+"
    # Restored rows leave the list, and restoring twice does nothing.
    assert "<td>X99 Poistettu</td>" not in admin_client.get(deleted_url).content.decode()
    assert admin_client.post(deleted_url, {"history_id": record.history_id}).status_code == 302
    assert Industry.objects.filter(pk=pk).count() == 1
