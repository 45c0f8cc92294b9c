from django.urls import path

from care_plans.views import followups, groups, personal, plans, service_path

app_name = "care_plans"

urlpatterns = [
    path("follow-ups/", followups.followup_list, name="followup_list"),
    path("follow-ups/<int:pk>/", followups.followup_detail, name="followup_detail"),
    path("needs/<int:pk>/lead/", followups.need_to_lead, name="need_to_lead"),
    path("needs/<int:pk>/offer/", followups.need_to_offer, name="need_to_offer"),
    path("follow-ups/<int:pk>/referral/", service_path.referral_create_view, name="referral_create"),
    path("deliveries/<int:pk>/start/", service_path.service_start, name="service_start"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/review/", plans.plan_review_list, name="plan_review_list"),
    path("customers/<int:organisation_pk>/plan/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/versions/", plans.plan_history, name="plan_history"),
    path("plans/<int:pk>/status/", plans.plan_status, name="plan_status"),
    path("plans/<int:pk>/reviewed/", plans.plan_reviewed, name="plan_reviewed"),
    path("plans/<int:pk>/management-review/", plans.management_review_create, name="management_review_create"),
    path("plans/<int:pk>/actions/new/", plans.action_create, name="action_create"),
    path("actions/<int:pk>/done/", plans.action_done, name="action_done"),
    path("customers/<int:organisation_pk>/groups/new/", groups.group_create, name="group_create"),
    path("groups/<int:pk>/", groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/members/new/", groups.member_add, name="member_add"),
    path("groups/<int:pk>/meetings/new/", groups.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", groups.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", groups.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/actions/new/", groups.meeting_action_create, name="meeting_action_create"),
    path("settings/", personal.preferences, name="preferences"),
    path("settings/calendar/", personal.feed_rotate, name="feed_rotate"),
    path("calendar/<str:token>.ics", personal.calendar_feed, name="calendar_feed"),
]
