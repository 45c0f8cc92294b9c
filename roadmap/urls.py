from django.urls import path

from roadmap.views import dashboard, goals, indicators

app_name = "roadmap"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("<int:pk>/", goals.roadmap_detail, name="roadmap_detail"),
    path("goals/<int:pk>/", goals.goal_detail, name="goal_detail"),
    path("goals/<int:pk>/progress/", goals.goal_progress, name="goal_progress"),
    path("goals/<int:pk>/evidence/", goals.evidence_add, name="evidence_add"),
    path("goals/<int:pk>/versions/", goals.goal_history, name="goal_history"),
    path("indicators/", indicators.indicator_list, name="indicator_list"),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/measure/", indicators.measurement_add, name="measurement_add"),
    path("live/<slug:code>/", indicators.live_detail, name="live_detail"),
    path("live/<slug:code>/<str:part>/", indicators.live_rows, name="live_rows"),
]
