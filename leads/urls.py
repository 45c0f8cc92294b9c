"""Leads and offers, under /leads/ with the namespace "leads"."""

from django.urls import path

from leads.views import leads, offers

app_name = "leads"

urlpatterns = [
    path("", leads.lead_list, name="lead_list"),
    path("new/", leads.lead_create, name="lead_create"),
    path("mine/", leads.my_leads, name="my_leads"),
    path("triage/", leads.triage, name="triage"),
    path("statistics/", leads.lead_statistics, name="lead_statistics"),
    path("organisations/", leads.organisation_autocomplete, name="organisation_autocomplete"),
    path("organisations/pick/", leads.organisation_pick, name="organisation_pick"),
    path("<int:pk>/", leads.lead_detail, name="lead_detail"),
    path("<int:pk>/take/", leads.lead_take, name="lead_take"),
    path("<int:pk>/assign/", leads.lead_assign, name="lead_assign"),
    path("<int:pk>/contacted/", leads.lead_contacted, name="lead_contacted"),
    path("<int:pk>/qualify/", leads.lead_qualify, name="lead_qualify"),
    path("<int:pk>/convert/", leads.lead_convert, name="lead_convert"),
    path("<int:pk>/close/", leads.lead_close, name="lead_close"),
    path("offers/", offers.offer_list, name="offer_list"),
    path("offers/new/", offers.offer_create, name="offer_create"),
    path("offers/<int:pk>/", offers.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/edit/", offers.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/<str:action>/", offers.offer_transition, name="offer_transition"),
]
