"""Every URL against every role: one table, one parametrised test (px: src/tests/control/test_permissions.py).

The rules the table pins (each app's access.py states them, built on accounts/access.py):
- anonymous users are sent to the login page, except on the login and password-reset pages, the calendar
  feed and public links (unsubscribe), whose secret address is their key and which answer every role alike;
- teachers see organisations' names, the leads they passed and the after-care items they own: 403 on every
  other page, 404 for other people's leads and items;
- account managers and admins read and edit the register and everything built on it;
- management gets 200 on every page an account manager reads, with no edit controls, and 403 on every edit page
  and POST, except personal actions that change no customer data: passing a lead, following a customer, and
  their own notifications, settings and password (and, as the head of a unit, reassigning its leads);
- a lead a colleague holds is not taken: 403 to account managers, only the unit's head and admins reassign it;
- archived customers, and everything recorded on them, are 404 to all but admins;
- POST-only views answer GET with 405 before anything else; the role check (403) comes before the lookup (404).

How to read a cell:
    200, 400, 403, 404, 405  the status code
    LOGIN                    302 to /accounts/login/?next=<the page>
    HOME, LIST, ORG...       302 to the address the constant names ("→ /path/"; {org} is the pk of the object
                             the world below calls "org"); a trailing * matches any rest of the address
"""

import datetime
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.contrib import admin as django_admin
from django.core.files.base import ContentFile
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from accounts.notifications import notify
from accounts.roles import Role
from accounts.tests.factories import UserFactory
from care_plans.models import CalendarFeed, Meeting, NewNeed, SteeringGroup
from care_plans.tests.factories import CarePlanFactory, FollowUpFactory, PlanActionFactory
from crm.preferences import unsubscribe_link
from crm.tests.factories import (
    AgreementFactory,
    ContactFactory,
    DeliveryFactory,
    InteractionFactory,
    OrganisationFactory,
)
from feedback.models import LoopAction, LoopRule
from feedback.tests.factories import InvitationFactory, ResponseFactory
from kumppani.web.admin import HistoryAdmin
from leads.models import Lead, Offer
from leads.tests.factories import LeadFactory
from links.services import link_token_issue
from roadmap.tests.factories import GoalFactory, IndicatorFactory
from segments.tests.factories import SuggestionFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "teacher", "account_manager", "management", "admin")
GET, POST, HTMX = "GET", "POST", "HTMX"  # HTMX: a GET carrying the HX-Request header
LOGIN = "LOGIN"
HOME = "→ /"
WORK = "→ /customers/work/"
LIST = "→ /customers/"
LEADS = "→ /leads/mine/"
ORG = "→ /customers/{org}/"
A_ORG = "→ /customers/{archived}/"
TIMELINE = "→ /customers/{org}/#timeline"
LEAD = "→ /leads/{lead}/"
A_LEAD = "→ /leads/{archived_lead}/"
C_LEAD = "→ /leads/{colleagues_lead}/"
OFFER = "→ /leads/offers/{offer}/"
DRAFT = "→ /leads/offers/*"  # a new draft offer
PLAN = "→ /care/plans/{plan}/"
ACT = "→ /care/plans/{plan}/#action-{action}"
T_ACT = "→ /care/plans/{plan}/#action-{teachers_action}"
A_ACT = "→ /care/plans/{archived_plan}/#action-{archived_action}"
FU = "→ /care/follow-ups/{follow_up}/"
T_FU = "→ /care/follow-ups/{teachers_follow_up}/"
PREFS = "→ /care/settings/"
NOTES = "→ /notifications/"
KEPT = "→ /customers/retention/"
SUGG = "→ /segments/suggestions/"
GOAL = "→ /roadmap/goals/{goal}/"
DASH = "→ /roadmap/"
IND = "→ /roadmap/indicators/{indicator}/"
TO_LOGIN = "→ /accounts/login/"  # after logging out
STAFF = "→ /admin/login/?next=/admin/"  # the admin's own login page
STAFF_PAGE = "→ /admin/login/?next=/admin/*"  # the same, back to the admin page asked for
NOTIFICATION_LINK = "/customers/work/"  # where the world's notifications point

# fmt: off
MATRIX = [
    # url name                           how   object                 anonymous teacher   acc.mgr   mgmt      admin
    ("home",                             GET,  None,                  LOGIN,    LEADS,    WORK,     DASH,     LIST),
    # The register
    ("crm:organisation_list",            GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("crm:organisation_list",            HTMX, None,                  LOGIN,    403,      200,      200,      200),
    ("crm:my_customers",                 GET,  None,                  LOGIN,    403,      200,      403,      403),
    ("crm:my_work",                      GET,  None,                  LOGIN,    200,      200,      200,      200),
    ("crm:organisation_create",          GET,  None,                  LOGIN,    403,      200,      403,      200),
    ("crm:organisation_create",          POST, None,                  LOGIN,    403,      200,      403,      200),
    ("crm:organisation_detail",          GET,  "org",                 LOGIN,    403,      200,      200,      200),
    ("crm:organisation_detail",          GET,  "archived",            LOGIN,    403,      404,      404,      200),
    ("crm:organisation_edit",            GET,  "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:organisation_edit",            GET,  "archived",            LOGIN,    403,      404,      403,      200),
    ("crm:organisation_edit",            POST, "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:organisation_archive",         GET,  "org",                 405,      405,      405,      405,      405),
    ("crm:organisation_archive",         POST, "org",                 LOGIN,    403,      LIST,     403,      LIST),
    ("crm:organisation_archive",         POST, "archived",            LOGIN,    403,      404,      403,      LIST),
    ("crm:organisation_follow",          GET,  "org",                 405,      405,      405,      405,      405),
    # Following is personal: it changes no customer data, so management may
    ("crm:organisation_follow",          POST, "org",                 LOGIN,    403,      ORG,      ORG,      ORG),
    ("crm:organisation_follow",          POST, "archived",            LOGIN,    403,      404,      404,      A_ORG),
    ("crm:account_team_edit",            GET,  "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:account_team_edit",            POST, "org",                 LOGIN,    403,      200,      403,      200),
    # ...of a customer another account manager is responsible for
    ("crm:account_team_edit",            GET,  "other",               LOGIN,    403,      403,      403,      200),
    ("crm:account_team_edit",            POST, "other",               LOGIN,    403,      403,      403,      200),
    ("crm:organisation_timeline",        HTMX, "org",                 LOGIN,    403,      200,      200,      200),
    ("crm:organisation_timeline",        GET,  "org",                 LOGIN,    403,      TIMELINE, TIMELINE, TIMELINE),
    ("crm:agreement_create",             GET,  "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:agreement_create",             POST, "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:agreement_edit",               GET,  "agreement",           LOGIN,    403,      200,      403,      200),
    ("crm:agreement_edit",               POST, "agreement",           LOGIN,    403,      200,      403,      200),
    # The agreement's document: only through this view, to those who read the register; a withheld one is 403
    ("crm:agreement_document",           GET,  "documented_agreement",LOGIN,    403,      200,      200,      200),
    ("crm:agreement_document",           GET,  "agreement",           LOGIN,    403,      404,      404,      404),
    ("crm:agreement_document",           GET,  "withheld_agreement",  LOGIN,    403,      403,      403,      403),
    ("crm:contact_create",               GET,  "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:contact_create",               POST, "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:contact_edit",                 GET,  "contact",             LOGIN,    403,      200,      403,      200),
    ("crm:contact_edit",                 POST, "contact",             LOGIN,    403,      200,      403,      200),
    ("crm:contact_export",               GET,  "contact",             LOGIN,    403,      200,      403,      200),
    ("crm:contact_anonymise",            GET,  "contact",             405,      405,      405,      405,      405),
    # Erasing is the admin's: its review lists text from every customer
    ("crm:contact_erase",                GET,  "contact",             LOGIN,    403,      403,      403,      200),
    ("crm:contact_anonymise",            POST, "contact",             LOGIN,    403,      403,      403,      ORG),
    ("crm:retention_review",             GET,  None,                  LOGIN,    403,      403,      403,      200),
    ("crm:retention_review",             HTMX, None,                  LOGIN,    403,      403,      403,      200),
    ("crm:retention_keep",               GET,  "contact",             405,      405,      405,      405,      405),
    ("crm:retention_keep",               POST, "contact",             LOGIN,    403,      403,      403,      KEPT),
    ("crm:interaction_create",           GET,  "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:interaction_create",           POST, "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:interaction_edit",             GET,  "interaction",         LOGIN,    403,      200,      403,      200),
    ("crm:interaction_edit",             POST, "interaction",         LOGIN,    403,      200,      403,      200),
    ("crm:delivery_create",              GET,  "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:delivery_create",              POST, "org",                 LOGIN,    403,      200,      403,      200),
    ("crm:delivery_edit",                GET,  "delivery",            LOGIN,    403,      200,      403,      200),
    ("crm:delivery_edit",                POST, "delivery",            LOGIN,    403,      200,      403,      200),
    # Entries of an archived customer are hidden like the customer itself
    ("crm:contact_edit",                 GET,  "archived_contact",    LOGIN,    403,      404,      403,      200),
    ("crm:contact_export",               GET,  "archived_contact",    LOGIN,    403,      404,      403,      200),
    ("crm:interaction_edit",             GET,  "archived_interaction",LOGIN,    403,      404,      403,      200),
    ("crm:delivery_edit",                GET,  "archived_delivery",   LOGIN,    403,      404,      403,      200),
    ("crm:agreement_edit",               GET,  "archived_agreement",  LOGIN,    403,      404,      403,      200),
    ("crm:agreement_document",           GET,  "archived_documented", LOGIN,    403,      404,      404,      200),
    # Leads: every role passes them; teachers see their own, management reads the rest
    ("leads:lead_list",                  GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("leads:lead_list",                  HTMX, None,                  LOGIN,    403,      200,      200,      200),
    ("leads:lead_create",                GET,  None,                  LOGIN,    200,      200,      200,      200),
    ("leads:lead_create",                POST, None,                  LOGIN,    200,      200,      200,      200),
    ("leads:my_leads",                   GET,  None,                  LOGIN,    200,      200,      200,      200),
    ("leads:triage",                     GET,  None,                  LOGIN,    403,      200,      403,      200),
    ("leads:lead_statistics",            GET,  None,                  LOGIN,    403,      403,      200,      200),
    ("leads:organisation_autocomplete",  GET,  None,                  LOGIN,    200,      200,      200,      200),
    ("leads:organisation_autocomplete",  POST, None,                  405,      405,      405,      405,      405),
    ("leads:organisation_pick",          GET,  None,                  LOGIN,    200,      200,      200,      200),
    ("leads:organisation_pick",          POST, None,                  405,      405,      405,      405,      405),
    ("leads:lead_detail",                GET,  "lead",                LOGIN,    200,      200,      200,      200),
    ("leads:lead_detail",                GET,  "others_lead",         LOGIN,    404,      200,      200,      200),
    ("leads:lead_detail",                GET,  "archived_lead",       LOGIN,    404,      404,      404,      200),
    ("leads:lead_take",                  GET,  "lead",                405,      405,      405,      405,      405),
    ("leads:lead_take",                  POST, "lead",                LOGIN,    403,      LEAD,     403,      LEAD),
    ("leads:lead_take",                  POST, "archived_lead",       LOGIN,    403,      404,      403,      A_LEAD),
    ("leads:lead_assign",                GET,  "lead",                405,      405,      405,      405,      405),
    ("leads:lead_assign",                POST, "lead",                LOGIN,    403,      400,      403,      400),
    # A lead a colleague holds: only the head of its unit (tests in leads) or an admin reassigns it
    ("leads:lead_take",                  POST, "colleagues_lead",     LOGIN,    403,      403,      403,      C_LEAD),
    ("leads:lead_assign",                POST, "colleagues_lead",     LOGIN,    403,      403,      403,      400),
    ("leads:lead_contacted",             GET,  "lead",                405,      405,      405,      405,      405),
    ("leads:lead_contacted",             POST, "lead",                LOGIN,    403,      LEAD,     403,      LEAD),
    ("leads:lead_qualify",               GET,  "lead",                405,      405,      405,      405,      405),
    ("leads:lead_qualify",               POST, "lead",                LOGIN,    403,      LEAD,     403,      LEAD),
    ("leads:lead_convert",               GET,  "lead",                405,      405,      405,      405,      405),
    ("leads:lead_convert",               POST, "lead",                LOGIN,    403,      LEAD,     403,      LEAD),
    ("leads:lead_close",                 GET,  "lead",                405,      405,      405,      405,      405),
    ("leads:lead_close",                 POST, "lead",                LOGIN,    403,      400,      403,      400),
    # Offers carry euros: never shown to teachers
    ("leads:offer_list",                 GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("leads:offer_list",                 HTMX, None,                  LOGIN,    403,      200,      200,      200),
    ("leads:offer_create",               GET,  None,                  LOGIN,    403,      200,      403,      200),
    ("leads:offer_create",               POST, None,                  LOGIN,    403,      200,      403,      200),
    ("leads:offer_detail",               GET,  "offer",               LOGIN,    403,      200,      200,      200),
    ("leads:offer_detail",               GET,  "archived_offer",      LOGIN,    403,      404,      404,      200),
    ("leads:offer_edit",                 GET,  "offer",               LOGIN,    403,      200,      403,      200),
    ("leads:offer_edit",                 POST, "offer",               LOGIN,    403,      200,      403,      200),
    ("leads:offer_edit",                 GET,  "archived_offer",      LOGIN,    403,      404,      403,      200),
    ("leads:offer_transition",           GET,  "offer_send",          405,      405,      405,      405,      405),
    ("leads:offer_transition",           POST, "offer_send",          LOGIN,    403,      OFFER,    403,      OFFER),
    # Notifications are personal: each person reads and marks their own
    ("notifications:list",               GET,  None,                  LOGIN,    200,      200,      200,      200),
    ("notifications:open",               GET,  "my_notification",     405,      405,      405,      405,      405),
    ("notifications:open",               POST, "my_notification",     LOGIN,    WORK,     WORK,     WORK,     WORK),
    ("notifications:open",               POST, "others_notification", LOGIN,    404,      404,      404,      404),
    ("notifications:read_all",           GET,  None,                  405,      405,      405,      405,      405),
    ("notifications:read_all",           POST, None,                  LOGIN,    NOTES,    NOTES,    NOTES,    NOTES),
    # After-care follow-ups: their owner (a teacher too) records them; management reads
    ("care_plans:followup_list",         GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("care_plans:followup_list",         HTMX, None,                  LOGIN,    403,      200,      200,      200),
    ("care_plans:followup_detail",       GET,  "follow_up",           LOGIN,    404,      200,      200,      200),
    ("care_plans:followup_detail",       GET,  "teachers_follow_up",  LOGIN,    200,      200,      200,      200),
    ("care_plans:followup_detail",       GET,  "archived_follow_up",  LOGIN,    404,      404,      404,      200),
    ("care_plans:followup_detail",       POST, "follow_up",           LOGIN,    404,      200,      403,      200),
    ("care_plans:followup_detail",       POST, "teachers_follow_up",  LOGIN,    200,      200,      403,      200),
    ("care_plans:need_to_lead",          GET,  "need",                405,      405,      405,      405,      405),
    ("care_plans:need_to_lead",          POST, "need",                LOGIN,    404,      FU,       403,      FU),
    ("care_plans:need_to_lead",          POST, "teachers_need",       LOGIN,    T_FU,     T_FU,     403,      T_FU),
    ("care_plans:need_to_offer",         GET,  "need",                405,      405,      405,      405,      405),
    ("care_plans:need_to_offer",         POST, "need",                LOGIN,    404,      DRAFT,    403,      DRAFT),
    # ...a teacher may turn their need into a lead, but offers are account managers' work
    ("care_plans:need_to_offer",         POST, "teachers_need",       LOGIN,    403,      DRAFT,    403,      DRAFT),
    # Care plans
    ("care_plans:referral_create",       GET,  "follow_up",           LOGIN,    403,      200,      403,      200),
    ("care_plans:referral_create",       POST, "follow_up",           LOGIN,    403,      200,      403,      200),
    ("care_plans:referral_create",       GET,  "archived_follow_up",  LOGIN,    403,      404,      403,      200),
    ("care_plans:service_start",         GET,  "delivery",            LOGIN,    403,      200,      200,      200),
    ("care_plans:service_start",         POST, "delivery",            LOGIN,    403,      200,      403,      200),
    ("care_plans:service_start",         GET,  "archived_delivery",   LOGIN,    403,      404,      404,      200),
    ("care_plans:plan_list",             GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("care_plans:plan_list",             HTMX, None,                  LOGIN,    403,      200,      200,      200),
    ("care_plans:plan_review_list",      GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("care_plans:plan_create",           GET,  "other",               LOGIN,    403,      200,      403,      200),
    ("care_plans:plan_create",           POST, "other",               LOGIN,    403,      200,      403,      200),
    # ...of a customer that has an open plan: that plan opens instead
    ("care_plans:plan_create",           GET,  "planned_org",         LOGIN,    403,      PLAN,     403,      PLAN),
    ("care_plans:plan_create",           GET,  "archived",            LOGIN,    403,      404,      403,      200),
    ("care_plans:plan_detail",           GET,  "plan",                LOGIN,    403,      200,      200,      200),
    ("care_plans:plan_detail",           GET,  "archived_plan",       LOGIN,    403,      404,      404,      200),
    ("care_plans:plan_edit",             GET,  "plan",                LOGIN,    403,      200,      403,      200),
    ("care_plans:plan_edit",             POST, "plan",                LOGIN,    403,      200,      403,      200),
    ("care_plans:plan_history",          GET,  "plan",                LOGIN,    403,      200,      200,      200),
    ("care_plans:plan_history",          GET,  "archived_plan",       LOGIN,    403,      404,      404,      200),
    ("care_plans:plan_status",           GET,  "plan",                405,      405,      405,      405,      405),
    ("care_plans:plan_status",           POST, "plan",                LOGIN,    403,      PLAN,     403,      PLAN),
    ("care_plans:plan_reviewed",         GET,  "plan",                405,      405,      405,      405,      405),
    ("care_plans:plan_reviewed",         POST, "plan",                LOGIN,    403,      PLAN,     403,      PLAN),
    ("care_plans:management_review_create", GET, "plan",               LOGIN,    403,      403,      200,      200),
    ("care_plans:management_review_create", POST, "plan",              LOGIN,    403,      403,      200,      200),
    ("care_plans:management_review_create", GET, "archived_plan",      LOGIN,    403,      403,      404,      200),
    ("care_plans:action_create",         GET,  "plan",                405,      405,      405,      405,      405),
    ("care_plans:action_create",         POST, "plan",                LOGIN,    403,      200,      403,      200),
    ("care_plans:action_done",           GET,  "action",              405,      405,      405,      405,      405),
    ("care_plans:action_done",           POST, "action",              LOGIN,    404,      ACT,      403,      ACT),
    ("care_plans:action_done",           POST, "teachers_action",     LOGIN,    T_ACT,    T_ACT,    403,      T_ACT),
    ("care_plans:action_done",           POST, "archived_action",     LOGIN,    404,      404,      404,      A_ACT),
    # Steering groups and their meetings
    ("care_plans:group_create",          GET,  "org",                 LOGIN,    403,      200,      403,      200),
    ("care_plans:group_create",          POST, "org",                 LOGIN,    403,      200,      403,      200),
    ("care_plans:group_create",          GET,  "archived",            LOGIN,    403,      404,      403,      200),
    ("care_plans:group_detail",          GET,  "group",               LOGIN,    403,      200,      200,      200),
    ("care_plans:group_detail",          GET,  "archived_group",      LOGIN,    403,      404,      404,      200),
    ("care_plans:member_add",            GET,  "group",               405,      405,      405,      405,      405),
    ("care_plans:member_add",            POST, "group",               LOGIN,    403,      200,      403,      200),
    ("care_plans:meeting_create",        GET,  "group",               LOGIN,    403,      200,      403,      200),
    ("care_plans:meeting_create",        POST, "group",               LOGIN,    403,      200,      403,      200),
    ("care_plans:meeting_detail",        GET,  "meeting",             LOGIN,    403,      200,      200,      200),
    ("care_plans:meeting_detail",        GET,  "archived_meeting",    LOGIN,    403,      404,      404,      200),
    ("care_plans:meeting_edit",          GET,  "meeting",             LOGIN,    403,      200,      403,      200),
    ("care_plans:meeting_edit",          POST, "meeting",             LOGIN,    403,      200,      403,      200),
    ("care_plans:meeting_action_create", GET,  "meeting",             405,      405,      405,      405,      405),
    ("care_plans:meeting_action_create", POST, "meeting",             LOGIN,    403,      200,      403,      200),
    # A person's own settings and the calendar feed (its secret address is the key: no login)
    ("care_plans:preferences",           GET,  None,                  LOGIN,    200,      200,      200,      200),
    ("care_plans:preferences",           POST, None,                  LOGIN,    200,      200,      200,      200),
    ("care_plans:feed_rotate",           GET,  None,                  405,      405,      405,      405,      405),
    ("care_plans:feed_rotate",           POST, None,                  LOGIN,    PREFS,    PREFS,    PREFS,    PREFS),
    ("care_plans:calendar_feed",         GET,  "feed",                200,      200,      200,      200,      200),
    ("care_plans:calendar_feed",         GET,  "unknown_feed",        404,      404,      404,      404,      404),
    # Feedback: figures and answers (teachers see none; an account manager reads their own customers' answers)
    ("feedback:figures",                 GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("feedback:response_detail",         GET,  "response",            LOGIN,    403,      200,      200,      200),
    ("feedback:response_detail",         GET,  "others_response",     LOGIN,    403,      404,      200,      200),
    ("feedback:response_detail",         GET,  "archived_response",   LOGIN,    403,      404,      404,      200),
    ("feedback:action_detail",           GET,  "loop_action",         LOGIN,    404,      200,      200,      200),
    ("feedback:action_detail",           POST, "loop_action",         LOGIN,    404,      200,      403,      200),
    ("feedback:direct_create",           GET,  "org",                 LOGIN,    403,      200,      403,      200),
    ("feedback:direct_create",           POST, "org",                 LOGIN,    403,      200,      403,      200),
    ("feedback:direct_create",           GET,  "archived",            LOGIN,    403,      404,      403,      200),
    ("feedback:organisation_panel",      HTMX, "org",                 LOGIN,    403,      200,      200,      200),
    ("feedback:organisation_panel",      GET,  "archived",            LOGIN,    403,      404,      404,      200),
    ("feedback:invitation_dismiss",      GET,  "not_sent",            405,      405,      405,      405,      405),
    ("feedback:invitation_dismiss",      POST, "not_sent",            LOGIN,    403,      WORK,     403,      WORK),
    # Segments
    ("segments:overview",                GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("segments:pivot",                   GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("segments:care_models",             GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("segments:overdue",                 GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("segments:mailing_list",            GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("segments:suggestions",             GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("segments:suggestions",             HTMX, None,                  LOGIN,    403,      200,      200,      200),
    ("segments:segment_list",            GET,  "key",                 LOGIN,    403,      200,      200,      200),
    ("segments:segment_list",            GET,  "unclassified",        LOGIN,    403,      200,      200,      200),
    ("segments:segment_list",            GET,  "nonsense",            LOGIN,    403,      404,      404,      404),
    ("segments:change",                  GET,  "org",                 LOGIN,    403,      200,      403,      200),
    ("segments:change",                  POST, "org",                 LOGIN,    403,      200,      403,      200),
    ("segments:change",                  GET,  "archived",            LOGIN,    403,      404,      403,      200),
    ("segments:suggestion_bulk",         GET,  None,                  405,      405,      405,      405,      405),
    ("segments:suggestion_bulk",         POST, None,                  LOGIN,    403,      SUGG,     403,      SUGG),
    ("segments:suggestion_accept",       GET,  "suggestion",          405,      405,      405,      405,      405),
    ("segments:suggestion_accept",       POST, "suggestion",          LOGIN,    403,      SUGG,     403,      SUGG),
    ("segments:suggestion_accept",       POST, "archived_suggestion", LOGIN,    403,      404,      403,      SUGG),
    ("segments:suggestion_reject",       GET,  "suggestion",          405,      405,      405,      405,      405),
    ("segments:suggestion_reject",       POST, "suggestion",          LOGIN,    403,      SUGG,     403,      SUGG),
    # The roadmap and management dashboards: management, account managers and admins read; management and
    # admins record a goal's progress (management's own work); teachers see nothing of it
    ("roadmap:dashboard",                GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("roadmap:roadmap_detail",           GET,  "roadmap",             LOGIN,    403,      200,      200,      200),
    ("roadmap:goal_detail",              GET,  "goal",                LOGIN,    403,      200,      200,      200),
    ("roadmap:goal_history",             GET,  "goal",                LOGIN,    403,      200,      200,      200),
    ("roadmap:goal_progress",            GET,  "goal",                405,      405,      405,      405,      405),
    ("roadmap:goal_progress",            POST, "goal",                LOGIN,    403,      403,      GOAL,     GOAL),
    ("roadmap:evidence_add",             GET,  "goal",                405,      405,      405,      405,      405),
    ("roadmap:evidence_add",             POST, "goal",                LOGIN,    403,      403,      GOAL,     GOAL),
    ("roadmap:indicator_list",           GET,  None,                  LOGIN,    403,      200,      200,      200),
    ("roadmap:indicator_detail",         GET,  "indicator",           LOGIN,    403,      200,      200,      200),
    ("roadmap:measurement_add",          GET,  "indicator",           405,      405,      405,      405,      405),
    ("roadmap:measurement_add",          POST, "indicator",           LOGIN,    403,      403,      IND,      IND),
    ("roadmap:live_detail",              GET,  "live",                LOGIN,    403,      200,      200,      200),
    ("roadmap:live_detail",              GET,  "unknown_live",        LOGIN,    403,      404,      404,      404),
    ("roadmap:live_rows",                GET,  "live_part",           LOGIN,    403,      200,      200,      200),
    ("roadmap:live_rows",                HTMX, "live_part",           LOGIN,    403,      200,      200,      200),
    # Accounts
    ("accounts:login",                   GET,  None,                  200,      HOME,     HOME,     HOME,     HOME),
    ("accounts:login",                   POST, None,                  200,      HOME,     HOME,     HOME,     HOME),
    ("accounts:logout",                  GET,  None,                  405,      405,      405,      405,      405),
    ("accounts:logout",                  POST, None,                  TO_LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN, TO_LOGIN),
    ("accounts:password_change",         GET,  None,                  LOGIN,    200,      200,      200,      200),
    ("accounts:password_change",         POST, None,                  LOGIN,    200,      200,      200,      200),
    ("accounts:password_change_done",    GET,  None,                  LOGIN,    200,      200,      200,      200),
    ("accounts:password_reset",          GET,  None,                  200,      200,      200,      200,      200),
    ("accounts:password_reset",          POST, None,                  200,      200,      200,      200,      200),
    ("accounts:password_reset_done",     GET,  None,                  200,      200,      200,      200,      200),
    ("accounts:password_reset_confirm",  GET,  "bad_token",           200,      200,      200,      200,      200),
    ("accounts:password_reset_confirm",  POST, "bad_token",           200,      200,      200,      200,      200),
    ("accounts:password_reset_complete", GET,  None,                  200,      200,      200,      200,      200),
    # Public no-login links: the token in the address is the key, so every role gets the same answer
    ("unsubscribe",                      GET,  "unsubscribe_token",   200,      200,      200,      200,      200),
    ("unsubscribe",                      POST, "unsubscribe_token",   200,      200,      200,      200,      200),
    ("unsubscribe",                      GET,  "unknown_token",       404,      404,      404,      404,      404),
    ("unsubscribe",                      POST, "unknown_token",       404,      404,      404,      404,      404),
    # A survey answer: an empty post is asked again (400); the page and its errors are the same for everyone
    ("feedback_answer",                  GET,  "survey_token",        200,      200,      200,      200,      200),
    ("feedback_answer",                  POST, "survey_token",        400,      400,      400,      400,      400),
    ("feedback_answer",                  GET,  "unknown_token",       404,      404,      404,      404,      404),
    # The API's schema maps every endpoint: admins only
    ("api_schema",                       GET,  None,                  LOGIN,    403,      403,      403,      200),
    # The Django admin keeps its own login page; only staff get in
    ("admin:index",                      GET,  None,                  STAFF,    STAFF,    STAFF,    STAFF,    200),
]
# fmt: on

# Each history admin's "Deleted records" page (kumppani.web.admin): staff only, like the rest of the admin.
MATRIX += [
    (f"admin:{model._meta.app_label}_{model._meta.model_name}_deleted", GET, None, *[STAFF_PAGE] * 4, 200)
    for model, model_admin in django_admin.site._registry.items()
    if isinstance(model_admin, HistoryAdmin)
]

# URL patterns the table leaves out, each with the reason. Everything else needs a row.
# Django admin's views, its redirects of old object addresses and the admin add-ons' views
ADMIN_PACKAGES = (
    "django.contrib.",
    "django.views.generic.",
    "import_export.",
    "simple_history.",
    "django_celery_beat.",
)
IGNORED = [
    (
        "Django admin's own pages under /admin/",
        lambda name, view: name.startswith("admin:") and view.__module__.startswith(ADMIN_PACKAGES),
        "ModelAdmin permissions guard them, tested in the apps' test_admin.py; the admin:index row pins who gets in",
    ),
    (
        "i18n/ set_language",
        lambda name, view: name == "set_language",
        "Django's language switch only sets the visitor's language cookie; it is open to everyone by design",
    ),
    (
        "static and media files",
        lambda name, view: view.__module__ == "django.views.static",
        "served in development only (WhiteNoise and the storage backend serve them in production)",
    ),
]

POST_DATA = {
    "crm:organisation_archive": {"archive": "1"},
    "leads:lead_convert": {"to": "offer"},
    "care_plans:plan_status": {"status": "under_review"},
    "roadmap:goal_progress": {"state": "in_progress", "note": "Edistyy."},
    "roadmap:evidence_add": {"title": "Pöytäkirja", "url": "https://example.fi/pk"},
    "roadmap:measurement_add": {"measured_on": "2026-03-01", "value": "12"},
}
SEGMENT_CODES = ("key", "unclassified", "nonsense")


class World:
    """The objects the table names, each made on first use: a case builds only what its row needs."""

    def __init__(self, request):
        self._request = request
        self._made: dict = {}

    def __getitem__(self, key: str):
        if key not in self._made:
            self._made[key] = getattr(self, f"_make_{key}")()
        return self._made[key]

    def make(self, key: str) -> None:
        """Make the object now (a page checked for its controls then shows it)."""
        self[key]

    def _user(self, role: str):
        return self._request.getfixturevalue(role)

    # The register: a customer the account manager runs, one run by another, an archived one
    def _make_org(self):
        return OrganisationFactory(name="Matriisi Oy", account_manager=self._user("account_manager"))

    def _make_other(self):
        return OrganisationFactory(name="Toisen Oy", account_manager=UserFactory(roles=[Role.ACCOUNT_MANAGER]))

    def _make_archived(self):
        return OrganisationFactory(name="Arkistoitu Oy", is_archived=True)

    def _make_planned_org(self):
        return self["plan"].organisation

    def _make_contact(self):
        return ContactFactory(organisation=self["org"])

    def _make_archived_contact(self):
        return ContactFactory(organisation=self["archived"])

    def _make_interaction(self):
        return InteractionFactory(organisation=self["org"])

    def _make_archived_interaction(self):
        return InteractionFactory(organisation=self["archived"])

    def _make_delivery(self):
        return DeliveryFactory(organisation=self["org"])

    def _make_archived_delivery(self):
        return DeliveryFactory(organisation=self["archived"])

    def _make_agreement(self):
        return AgreementFactory(organisation=self["org"])

    def _make_archived_agreement(self):
        return AgreementFactory(organisation=self["archived"])

    def _documented(self, organisation, **fields):
        self._request.getfixturevalue("settings").MEDIA_ROOT = self._request.getfixturevalue("tmp_path")
        document = ContentFile(b"%PDF-1.7\n%%EOF\n", name="sopimus.pdf")
        return AgreementFactory(organisation=organisation, document=document, **fields)

    def _make_documented_agreement(self):
        return self._documented(self["org"])

    def _make_withheld_agreement(self):
        return self._documented(self["org"], document_quarantine="type")

    def _make_archived_documented(self):
        return self._documented(self["archived"])

    # Leads and offers: the teacher's own lead, another teacher's, the teacher's lead on an archived customer
    def _make_lead(self):
        return LeadFactory(organisation=self["org"], passed_by=self._user("teacher"))

    def _make_others_lead(self):
        return LeadFactory(organisation=self["org"])

    def _make_colleagues_lead(self):
        colleague = UserFactory(roles=[Role.ACCOUNT_MANAGER])
        return LeadFactory(organisation=self["org"], assignee=colleague, state=Lead.State.ASSIGNED)

    def _make_archived_lead(self):
        return LeadFactory(organisation=self["archived"], passed_by=self._user("teacher"))

    def _offer(self, organisation) -> Offer:
        return Offer.objects.create(
            organisation=organisation,
            title="Tarjous",
            responsible=self._user("account_manager"),
            valid_until=datetime.date(2030, 1, 1),
        )

    def _make_offer(self):
        return self._offer(self["org"])

    def _make_archived_offer(self):
        return self._offer(self["archived"])

    # After-care and care plans
    def _make_follow_up(self):
        return FollowUpFactory(organisation=self["org"], owner=self._user("account_manager"))

    def _make_teachers_follow_up(self):
        return FollowUpFactory(organisation=self["org"], owner=self._user("teacher"))

    def _make_archived_follow_up(self):
        return FollowUpFactory(organisation=self["archived"], owner=self._user("teacher"))

    def _make_need(self):
        follow_up = self["follow_up"]
        return NewNeed.objects.create(follow_up=follow_up, organisation=follow_up.organisation, description="Tarve")

    def _make_teachers_need(self):
        follow_up = self["teachers_follow_up"]
        return NewNeed.objects.create(follow_up=follow_up, organisation=follow_up.organisation, description="Tarve")

    def _make_plan(self):
        return CarePlanFactory(organisation=self["org"], owner=self._user("account_manager"))

    def _make_archived_plan(self):
        return CarePlanFactory(organisation=self["archived"], owner=self._user("account_manager"))

    def _make_action(self):
        return PlanActionFactory(plan=self["plan"], owner=self._user("account_manager"))

    def _make_teachers_action(self):
        return PlanActionFactory(plan=self["plan"], owner=self._user("teacher"))

    def _make_archived_action(self):
        return PlanActionFactory(plan=self["archived_plan"], owner=self._user("teacher"))

    def _make_group(self):
        return SteeringGroup.objects.create(organisation=self["org"], plan=self["plan"], name="Ohjausryhmä")

    def _make_archived_group(self):
        return SteeringGroup.objects.create(organisation=self["archived"], name="Vanha ohjausryhmä")

    def _meeting(self, group) -> Meeting:
        return Meeting.objects.create(group=group, starts_at=datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC))

    def _make_meeting(self):
        return self._meeting(self["group"])

    def _make_archived_meeting(self):
        return self._meeting(self["archived_group"])

    def _make_feed(self):
        return CalendarFeed.objects.create(user=self._user("account_manager"))

    # Segments
    def _make_suggestion(self):
        return SuggestionFactory(organisation=self["org"])

    def _make_archived_suggestion(self):
        return SuggestionFactory(organisation=self["archived"])

    # Feedback
    def _make_response(self):
        return ResponseFactory(organisation=self["org"], comment="Hyvä palvelu")

    def _make_others_response(self):
        return ResponseFactory(organisation=self["other"], comment="Toisen asiakkaan palaute")

    def _make_archived_response(self):
        return ResponseFactory(organisation=self["archived"])

    def _make_loop_action(self):
        response = ResponseFactory(organisation=self["org"], score=3)
        return LoopAction.objects.create(
            response=response,
            organisation=self["org"],
            rule=LoopRule.objects.get(category="detractor"),
            owner=self._user("account_manager"),
            due_date=datetime.date(2026, 5, 4),
        )

    def _make_not_sent(self):
        return InvitationFactory(
            organisation=self["org"], contact=None, status="not_sent", reason="no_contact", sent_at=None
        )

    def _make_invitation(self):
        return InvitationFactory(contact=ContactFactory(organisation=self["org"]))

    # The roadmap
    def _make_goal(self):
        return GoalFactory()

    def _make_roadmap(self):
        return self["goal"].theme.roadmap

    def _make_indicator(self):
        return IndicatorFactory()

    # Notifications: someone else's
    def _make_others_notification(self):
        return notify(
            recipient=UserFactory(), code="leads.offer_sent", params={"title": "Ei sinun"}, url=NOTIFICATION_LINK
        )

    def url(self, name: str, target: str | None, user) -> str:
        if target is None:
            return reverse(name)
        if target == "bad_token":
            return reverse(name, kwargs={"uidb64": "MQ", "token": "bad-token"})
        if target in SEGMENT_CODES:
            return reverse(name, args=[target])
        if target == "feed":
            return reverse(name, args=[self["feed"].token])
        if target == "unknown_feed":
            return reverse(name, args=["no-such-feed"])
        if target == "unsubscribe_token":
            return reverse(
                name, args=[link_token_issue(unsubscribe_link(self["contact"], "newsletters_and_campaigns"))]
            )
        if target == "survey_token":
            return reverse(name, args=[link_token_issue(self["invitation"].link)])
        if target == "live":
            return reverse(name, args=["plan_coverage"])
        if target == "unknown_live":
            return reverse(name, args=["no_such_figure"])
        if target == "live_part":
            self.make("plan")
            return reverse(name, args=["plan_coverage", "with"])
        if target == "unknown_token":
            return reverse(name, args=["no-such-token"])
        if target == "offer_send":
            return reverse(name, args=[self["offer"].pk, "send"])
        if target == "my_notification":
            recipient = user if user is not None else UserFactory()
            return reverse(
                name,
                args=[
                    notify(
                        recipient=recipient, code="leads.offer_sent", params={"title": "Sinulle"}, url=NOTIFICATION_LINK
                    ).pk
                ],
            )
        return reverse(name, args=[self[target].pk])


class _Pks:
    """`str.format_map` view of a world: {org} is the pk of the world's "org"."""

    def __init__(self, world: World):
        self._world = world

    def __getitem__(self, key: str):
        return self._world[key].pk


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # Several users per case: PBKDF2 would make this table take minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(request) -> World:
    return World(request)


def _cases():
    for name, method, target, *answers in MATRIX:
        assert len(answers) == len(ROLES), name
        for role, expected in zip(ROLES, answers, strict=True):
            yield pytest.param(name, method, target, role, expected, id=f"{name}-{method}-{target or '-'}-{role}")


def _request(client, method: str, url: str, name: str):
    if method == POST:
        return client.post(url, POST_DATA.get(name, {}))
    if method == HTMX:
        return client.get(url, headers={"HX-Request": "true"})
    return client.get(url)


@pytest.mark.parametrize(("name", "method", "target", "role", "expected"), list(_cases()))
def test_every_url_answers_every_role_as_the_table_says(client, request, world, name, method, target, role, expected):
    user = None
    if role != "anonymous":
        user = request.getfixturevalue(role)
        client.force_login(user)
    url = world.url(name, target, user)

    response = _request(client, method, url, name)

    where = f"{method} {url} as {role}"
    if expected == LOGIN:
        assert response.status_code == 302, where
        assert response["Location"] == f"/accounts/login/?next={quote(url)}", where
    elif isinstance(expected, str):
        assert response.status_code == 302, f"{where}: {response.status_code}"
        wanted = expected.removeprefix("→ ")
        if wanted.endswith("*"):
            assert response["Location"].startswith(wanted.removesuffix("*").format_map(_Pks(world))), where
        else:
            assert response["Location"] == wanted.format_map(_Pks(world)), where
    else:
        assert response.status_code == expected, where


# --- the table covers the project ------------------------------------------------------------------------------


def _url_patterns(resolver: URLResolver | None = None, namespace: str = ""):
    """(qualified name, view) of every URL pattern, walking included URLconfs recursively."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or pattern.pattern}", pattern.callback


def _ignored(name: str, view) -> bool:
    return any(recognise(name, view) for _what, recognise, _why in IGNORED)


def test_the_table_has_a_row_for_every_url_pattern():
    in_table = {name for name, *_rest in MATRIX}
    missing = sorted({name for name, view in _url_patterns() if not _ignored(name, view)} - in_table)
    assert not missing, f"URL patterns with no row in the access matrix: {', '.join(missing)}"


def test_the_ignore_list_leaves_out_no_view_of_ours():
    ours = ("accounts", "links", "crm", "leads", "segments", "care_plans", "roadmap", "kumppani")
    ignored = [(name, view.__module__) for name, view in _url_patterns() if _ignored(name, view)]
    assert ignored and not [(name, module) for name, module in ignored if module.split(".")[0] in ours]


def test_every_post_only_url_has_a_post_row():
    post_only = {name for name, method, _t, *answers in MATRIX if method == GET and set(answers) == {405}}
    with_post = {name for name, method, *_rest in MATRIX if method == POST}
    assert post_only <= with_post, sorted(post_only - with_post)


# --- read-only pages show no controls the reader may not use ---------------------------------------------------


class _Controls(HTMLParser):
    """Links, form targets and htmx requests of a page, as (method, address)."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.found.append((GET, attributes["href"]))
        if tag == "form":
            method = POST if (attributes.get("method") or "get").lower() == "post" else GET
            self.found.append((method, attributes.get("action") or self.page_url))
        if attributes.get("formaction"):
            self.found.append((POST, attributes["formaction"]))
        for attribute, method in (("hx-post", POST), ("hx-get", GET)):
            if attributes.get(attribute):
                self.found.append((method, attributes[attribute]))


# What a page shows, made before its controls are checked; lists and personal pages get one of everything.
PAGE_CONTENT = {
    None: ("lead", "others_lead", "offer", "follow_up", "teachers_follow_up", "plan", "action", "suggestion"),
    "org": ("contact", "interaction", "delivery", "agreement", "plan", "follow_up", "lead", "offer", "suggestion"),
    "plan": ("action", "teachers_action", "group"),
    "group": ("meeting",),
    "follow_up": ("need",),
    "teachers_follow_up": ("teachers_need",),
}


def _forbidden(role: str) -> dict[str, set[str]]:
    """Per method, the URL names whose every row answers this role 403."""
    column = ROLES.index(role)
    answers: dict[tuple[str, str], set] = {}
    for name, method, _target, *row in MATRIX:
        answers.setdefault((POST if method == POST else GET, name), set()).add(row[column])
    forbidden: dict[str, set[str]] = {GET: set(), POST: set()}
    for (method, name), seen in answers.items():
        if seen == {403}:
            forbidden[method].add(name)
    return forbidden


def _readable_pages(role: str):
    column = ROLES.index(role)
    for name, method, target, *row in MATRIX:
        if method in (GET, HTMX) and row[column] == 200:
            yield pytest.param(role, name, method, target, id=f"{role}-{name}-{method}-{target or '-'}")


@pytest.mark.parametrize(
    ("role", "name", "method", "target"), [*_readable_pages("management"), *_readable_pages("teacher")]
)
def test_pages_show_no_controls_the_reader_may_not_use(client, request, world, role, name, method, target):
    """Management reads without edit buttons or forms; teachers see no links to pages closed to them."""
    user = request.getfixturevalue(role)
    for shown in PAGE_CONTENT.get(target, ()):
        world.make(shown)
    notify(recipient=user, code="leads.offer_sent", params={"title": "Sinulle"}, url=NOTIFICATION_LINK)
    client.force_login(user)
    url = world.url(name, target, user)
    response = _request(client, method, url, name)
    assert response.status_code == 200
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    parser = _Controls(url)
    parser.feed(response.content.decode())
    forbidden = _forbidden(role)
    shown = []
    for control_method, address in parser.found:
        path = urlsplit(address).path
        if not path.startswith("/"):
            continue
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.view_name in forbidden[control_method]:
            shown.append(f"{control_method} {address} ({match.view_name})")
    assert not shown, f"{url} shows {role} controls that answer 403: {shown}"


def test_management_sees_a_customer_without_edit_controls(client, management, world):
    organisation = world["org"]
    client.force_login(management)
    html = client.get(organisation.get_absolute_url()).content.decode()
    for name in ("crm:organisation_edit", "crm:contact_create", "crm:organisation_archive", "crm:account_team_edit"):
        assert reverse(name, args=[organisation.pk]) not in html, name
    # Following is personal, so its button stays
    assert f'action="{reverse("crm:organisation_follow", args=[organisation.pk])}"' in html


def test_management_sees_a_care_plan_without_edit_controls(client, management, account_manager, world):
    plan = world["plan"]
    client.force_login(account_manager)
    editable = client.get(plan.get_absolute_url()).content.decode()
    client.force_login(management)
    html = client.get(plan.get_absolute_url()).content.decode()
    for name in ("care_plans:plan_edit", "care_plans:plan_status", "care_plans:action_create"):
        address = reverse(name, args=[plan.pk])
        assert address in editable and address not in html, name
    page = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'method="post"' not in page  # no form on the page writes anything
