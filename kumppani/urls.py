"""Project URLconf: each app's urls under its own prefix."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from accounts.access import role_required
from accounts.roles import Role
from crm.views import home, unsubscribe
from feedback.views import public as feedback_public

urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("customers/", include("crm.register_urls")),
    path("leads/", include("leads.urls")),
    path("notifications/", include("accounts.notification_urls")),
    path("care/", include("care_plans.urls")),
    path("segments/", include("segments.urls")),
    path("feedback/", include("feedback.urls")),
    path("roadmap/", include("roadmap.urls")),
    # Public no-login links (links app): the token in the address is the key.
    path("unsubscribe/<str:token>/", unsubscribe.unsubscribe_view, name="unsubscribe"),
    path("survey/<str:token>/", feedback_public.answer, name="feedback_answer"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # The API is for signed-in people (REST_FRAMEWORK's IsAuthenticated); its schema maps every endpoint, so only
    # admins read it. Uploaded files have no URL of their own: crm's document view checks access.
    path("api/schema/", role_required(Role.ADMIN)(SpectacularAPIView.as_view()), name="api_schema"),
]
