"""Segment pages, under /segments/."""

from django.urls import path

from segments.views import changes, lists, overview, suggestions

app_name = "segments"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("pivot/", overview.pivot, name="pivot"),
    path("care-models/", overview.care_models, name="care_models"),
    path("overdue/", lists.overdue, name="overdue"),
    path("mailing-list/", lists.mailing_list, name="mailing_list"),
    path("suggestions/", suggestions.suggestion_queue, name="suggestions"),
    path("suggestions/bulk/", suggestions.suggestion_bulk, name="suggestion_bulk"),
    path("suggestions/<int:pk>/accept/", suggestions.suggestion_accept, name="suggestion_accept"),
    path("suggestions/<int:pk>/reject/", suggestions.suggestion_reject, name="suggestion_reject"),
    path("customers/<int:pk>/change/", changes.segment_change, name="change"),
    path("<slug:code>/", lists.segment_list, name="segment_list"),
]
