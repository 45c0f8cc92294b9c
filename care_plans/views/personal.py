"""A person's own settings: reminder preferences and the secret calendar feed."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from accounts.access import not_archived
from care_plans.access import get_calendar_feed
from care_plans.forms import ReminderPreferenceForm
from care_plans.models import CalendarFeed, FollowUp, Meeting, new_feed_token
from kumppani.web.urls import absolute_url, site_host
from reminders.models import ReminderPreference


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    preference, _created = ReminderPreference.objects.get_or_create(user=request.user)
    form = ReminderPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder settings were saved."))
        return redirect("care_plans:preferences")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = absolute_url(feed.get_absolute_url()) if feed else ""
    return render(request, "care_plans/preferences.html", {"form": form, "feed_url": feed_url})


@require_POST
@login_required
def feed_rotate(request: HttpRequest) -> HttpResponse:
    """Create the feed address, or replace it with a new one (the old one stops working)."""
    CalendarFeed.objects.update_or_create(
        user=request.user, defaults={"token": new_feed_token(), "created_at": timezone.now()}
    )
    messages.success(request, _("Your calendar address was created. Keep it secret."))
    return redirect("care_plans:preferences")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """An iCalendar feed of the person's open follow-ups and their steering-group meetings. The URL is the key."""
    user = get_calendar_feed(token).user
    calendar = Calendar()
    calendar.add("prodid", "-//Kumppani//care_plans//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Kumppani")
    host = site_host()
    since = timezone.localdate() - datetime.timedelta(days=90)
    # Archived customers are hidden from all but admins, in the feed as on the pages.
    follow_ups = not_archived(FollowUp.objects.filter(owner=user, status=FollowUp.Status.OPEN), user)
    follow_ups = follow_ups.select_related("organisation")[:500]
    for follow_up in follow_ups:
        event = Event()
        event.add("uid", f"follow-up-{follow_up.pk}@{host}")
        with translation.override(user.language):  # a calendar app fetches the feed: the owner's language
            event.add("summary", f"{follow_up.organisation.name}: {follow_up.display_title}")
        event.add("dtstart", follow_up.due_date)
        event.add("dtend", follow_up.due_date + datetime.timedelta(days=1))
        event.add("dtstamp", follow_up.created_at)
        event.add("url", absolute_url(follow_up.get_absolute_url()))
        calendar.add_component(event)
    meetings = (
        not_archived(Meeting.objects.filter(starts_at__date__gte=since), user, "group__organisation")
        .filter(Q(group__members__user=user) | Q(group__organisation__account_manager=user))
        .select_related("group__organisation")
        .distinct()[:500]
    )
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("summary", f"{meeting.group.organisation.name}: {meeting.group.name}")
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes))
        event.add("dtstamp", meeting.starts_at)
        if meeting.location:
            event.add("location", meeting.location)
        event.add("url", absolute_url(meeting.get_absolute_url()))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
