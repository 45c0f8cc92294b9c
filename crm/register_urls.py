"""The customer register's pages."""

from django.urls import path

from crm.views import activity, contacts, documents, my_work, organisations, privacy

app_name = "crm"

urlpatterns = [
    path("", organisations.organisation_list, name="organisation_list"),
    path("mine/", organisations.my_customers, name="my_customers"),
    path("work/", my_work.my_work, name="my_work"),
    path("new/", organisations.organisation_create, name="organisation_create"),
    path("<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path("<int:pk>/archive/", organisations.organisation_archive, name="organisation_archive"),
    path("<int:pk>/follow/", organisations.organisation_follow, name="organisation_follow"),
    path("<int:pk>/team/", organisations.account_team_edit, name="account_team_edit"),
    path("<int:pk>/timeline/", organisations.organisation_timeline, name="organisation_timeline"),
    path("<int:pk>/agreements/new/", organisations.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/edit/", organisations.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/document/", documents.agreement_document, name="agreement_document"),
    path("<int:pk>/contacts/new/", contacts.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/export/", contacts.contact_export, name="contact_export"),
    path("contacts/<int:pk>/erase/", privacy.contact_erase, name="contact_erase"),
    path("contacts/<int:pk>/anonymise/", contacts.contact_anonymise, name="contact_anonymise"),
    path("retention/", privacy.retention_review, name="retention_review"),
    path("contacts/<int:pk>/keep/", privacy.retention_keep_view, name="retention_keep"),
    path("<int:pk>/interactions/new/", activity.interaction_create, name="interaction_create"),
    path("interactions/<int:pk>/edit/", activity.interaction_edit, name="interaction_edit"),
    path("<int:pk>/deliveries/new/", activity.delivery_create, name="delivery_create"),
    path("deliveries/<int:pk>/edit/", activity.delivery_edit, name="delivery_edit"),
]
