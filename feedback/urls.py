from django.urls import path

from feedback.views import figures, loop

app_name = "feedback"

urlpatterns = [
    path("", figures.figures_page, name="figures"),
    path("answers/<int:pk>/", loop.response_detail, name="response_detail"),
    path("follow-ups/<int:pk>/", loop.action_detail, name="action_detail"),
    path("customers/<int:pk>/direct/", loop.direct_create, name="direct_create"),
    path("customers/<int:pk>/panel/", loop.organisation_feedback, name="organisation_panel"),
    path("not-sent/<int:pk>/seen/", loop.invitation_dismiss, name="invitation_dismiss"),
]
