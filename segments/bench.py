"""segments' part of the scale data and benchmark (kumppani.bench).

Customers are classified the way people do it: the suggestion engine (`suggestions_refresh`) proposes a
segment from each customer's data and about 70 % of the suggestions are accepted (a SegmentChange, the stored
segment and a timeline entry each, written in bulk); the rest wait in the review queue. The next contact due
dates then come from `next_contacts_recompute` and the agreement check from `agreements_check`, the same
services `manage.py rebuild_segment_fields` runs.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from accounts.bench import user_from_facts
from crm.bench.shapes import copy_timeline
from crm.models import Organisation
from kumppani.bench.context import json_text
from kumppani.bench.registry import FIRST_BYTE, Targets, register_generator, register_page, register_task
from segments import services
from segments.messages import accepted_suggestion_message
from segments.models import Segment, SegmentChange, Suggestion

ACCEPTED_SHARE = 0.7


def generate(ctx) -> None:
    rng = ctx.rng("segments")
    with ctx.step("suggestions (segments.services.suggestions_refresh)"):
        services.suggestions_refresh()
    now = timezone.now()
    segments = Segment.objects.in_bulk(field_name="code")
    pending = list(
        Suggestion.objects.filter(status=Suggestion.Status.PENDING).values_list(
            "pk", "organisation_id", "from_code", "suggested_code", "explanation"
        )
    )
    accepted = [row for row in pending if rng.random() < ACCEPTED_SHARE]
    change_type = ContentType.objects.get_for_model(SegmentChange).pk
    change_id = ctx.next_id(SegmentChange)
    changes, timeline, cache = [], [], {}
    admin = ctx.facts["admin"]
    for offset, (_pk, org, from_code, to_code, explanation) in enumerate(accepted):
        key = (from_code, to_code, explanation)
        if key not in cache:
            explanations = {"fi": explanation}
            params = accepted_suggestion_message(from_code, to_code, explanations)["params"]
            cache[key] = (json_text(explanations), json_text(params))
        explanations_json, params_json = cache[key]
        changes.append(
            (
                change_id + offset,
                org,
                from_code,
                to_code,
                now,
                admin,
                f"Hyväksytty ehdotus: {explanation}",
                SegmentChange.Source.SUGGESTION,
                explanations_json,
            )
        )
        timeline.append(
            (
                org,
                now,
                "segment",
                admin,
                "segments.changed_by_suggestion",
                params_json,
                "",
                "",
                change_type,
                change_id + offset,
            )
        )
    with ctx.step(f"{len(accepted)} accepted suggestions"):
        ctx.copy(
            SegmentChange,
            [
                "id",
                "organisation_id",
                "from_code",
                "to_code",
                "changed_at",
                "changed_by_id",
                "reason",
                "source",
                "explanations",
            ],
            changes,
        )
        copy_timeline(ctx, timeline)
        Suggestion.objects.filter(pk__in=[row[0] for row in accepted]).update(
            status=Suggestion.Status.ACCEPTED, decided_by_id=admin, decided_at=now
        )
    ctx.finish()
    # The organisations' indexes are built once after these two updates of every row, not kept row by row.
    with ctx.without_indexes(Organisation):
        with ctx.step("stored segments"), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE crm_organisation o SET segment = c.to_code FROM segments_segmentchange c "
                "WHERE c.organisation_id = o.id AND c.source = 'suggestion'"
            )
        with ctx.step("next contact due (segments.services.next_contacts_recompute)"):
            services.next_contacts_recompute()
    with ctx.step("agreements (segments.services.agreements_check)"):
        services.agreements_check()
    ctx.facts["segments"] = sorted(segments)


def refresh_suggestions(ctx) -> dict:
    return services.suggestions_refresh()


def register() -> None:
    register_generator("segments", order=40, fn=generate)
    manager, management = user_from_facts("managers", -1), user_from_facts("management", 0)
    figures = Targets(p95_ms=150)
    page = lambda name, url, who, targets=None, **kw: register_page(name, url, who, targets, app="segments", **kw)  # noqa: E731
    page("segment overview", "/segments/", management, figures)
    page("segment pivot", "/segments/pivot/?dimension=customer_group", management, figures)
    page("segment list: key customers", "/segments/key/", manager)
    page("overdue contacts", "/segments/overdue/", management, figures)
    page("suggestion queue", "/segments/suggestions/", manager)
    page(
        "mailing list CSV (every consenting contact)",
        "/segments/mailing-list/?format=csv",
        manager,
        Targets(p95_ms=300, queries=None),
        kind=FIRST_BYTE,
    )
    register_task(
        "suggestion refresh (segments.services.suggestions_refresh)",
        refresh_suggestions,
        Targets(p95_ms=None, queries=None, growth=None, seconds=60),
        app="segments",
    )
