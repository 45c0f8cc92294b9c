"""accounts.messages: codes with parameters, rendered in the reader's language."""

import datetime
import types

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts.message_parsing import parse
from accounts.messages import (
    LEGACY,
    attach_names,
    build,
    check_message,
    choice,
    date,
    legacy_text,
    nested,
    register_choices,
    register_message,
    render_message,
    render_message_html,
    user,
    variants,
)
from accounts.models import OrgUnit

# Templates whose translations the catalogues already have.
register_message("tests.closed", _("Closed: %(reason)s"))
register_message("tests.due", _("Follow-up due %(date)s: %(title)s"))
register_message("tests.assigned", _("Assigned to %(user)s"))
register_message("tests.event", _("Lead: %(event)s"))
register_message("tests.kind", _("Follow-up"))
register_message("tests.escalated", _("Escalated: %(owner)s's %(kind_lower)s is overdue since %(date)s: %(what)s"))
register_choices(OrgUnit, "kind")


class _Person:
    pk = 7

    def __str__(self) -> str:
        return "Anna Asiakas"


def rendered(code: str, params: dict, *, html: bool = False) -> dict[str, str]:
    texts = {}
    for language in ("fi", "en", "sv"):
        with translation.override(language):
            texts[language] = str((render_message_html if html else render_message)(code, params))
    return texts


def test_a_choice_is_its_label_in_the_readers_language():
    params = {"reason": choice(OrgUnit, "kind", OrgUnit.Kind.TEAM)}
    assert params == {"reason": {"choice": "accounts.OrgUnit.kind", "value": "team"}}
    assert rendered("tests.closed", params) == {"fi": "Suljettu: Tiimi", "en": "Closed: Team", "sv": "Avslutat: Team"}


def test_a_date_follows_the_readers_locale_and_a_name_stays_as_written():
    params = {"date": date(datetime.date(2026, 5, 4)), "title": "Hygieniapassi"}
    assert rendered("tests.due", params) == {
        "fi": "Jatkoyhteydenotto viimeistään 4.5.2026: Hygieniapassi",
        "en": "Follow-up due 4 May 2026: Hygieniapassi",
        "sv": "Uppföljning senast 2026-05-04: Hygieniapassi",
    }


def test_a_person_is_stored_by_id_and_shown_by_name():
    person = _Person()
    assert user(person) == {"user": 7, "name": "Anna Asiakas"}
    assert rendered("tests.assigned", {"user": user(person)})["en"] == "Assigned to Anna Asiakas"


def test_data_in_several_languages_falls_back_to_finnish_marked_as_such():
    step = types.SimpleNamespace(title_fi="Soitto", title_en="A call", title_sv="")
    params = {"date": date(datetime.date(2026, 5, 4)), "title": variants(step, "title")}
    assert params["title"] == {"text": {"fi": "Soitto", "en": "A call", "sv": ""}}
    html = rendered("tests.due", params, html=True)
    assert html["en"] == "Follow-up due 4 May 2026: A call"
    assert html["fi"] == "Jatkoyhteydenotto viimeistään 4.5.2026: Soitto"
    assert html["sv"] == 'Uppföljning senast 2026-05-04: <span lang="fi">Soitto</span>'


def test_nested_messages_render_in_the_same_language_and_may_be_lowercased():
    kind = build("tests.kind")
    params = {
        "owner": "Anna",
        "kind_lower": nested(kind, lower=True),
        "date": date(datetime.date(2026, 5, 4)),
        "what": "Soitto",
    }
    assert (
        rendered("tests.escalated", params)["en"] == "Escalated: Anna's follow-up is overdue since 4 May 2026: Soitto"
    )
    event = nested(build("tests.assigned", user=user(None)))
    assert rendered("tests.event", {"event": event})["sv"] == "Tips: Tilldelat "


def test_html_escapes_every_part():
    html = rendered("tests.assigned", {"user": "<b>Anna</b> & co"}, html=True)
    assert html["en"] == "Assigned to &lt;b&gt;Anna&lt;/b&gt; &amp; co"


def test_legacy_rows_show_their_stored_text_marked_finnish():
    for code in ("", LEGACY):
        assert render_message(code, {}, legacy="Asiakas arkistoitiin") == "Asiakas arkistoitiin"
        assert render_message_html(code, {}, legacy="<Vanha>") == '<span lang="fi">&lt;Vanha&gt;</span>'
    assert render_message_html("tests.event", {"event": legacy_text("Vanha")}) == 'Liidi: <span lang="fi">Vanha</span>'


def test_a_parameter_the_row_lacks_renders_empty_and_an_unknown_code_as_itself():
    assert rendered("tests.assigned", {})["en"] == "Assigned to "
    assert render_message("gone.code", {}) == "gone.code"


def test_writing_an_unknown_code_or_an_unregistered_choice_fails():
    with pytest.raises(LookupError):
        check_message("no.such.code", {})
    with pytest.raises(LookupError):
        choice(OrgUnit, "name", "x")


def test_old_text_is_read_back_in_any_language_with_the_values_of_its_time():
    prototype = build("tests.due", date=date(datetime.date(2020, 1, 1)), title="Hygieniapassi")
    assert parse("Uppföljning senast 04.05.2026: Hygieniapassi", prototype) == build(
        "tests.due", date={"date": "2026-05-04"}, title="Hygieniapassi"
    )
    closed = build("tests.closed", reason=choice(OrgUnit, "kind", OrgUnit.Kind.TEAM))
    assert parse("Suljettu: koulutusala", closed)["params"]["reason"]["value"] == "field"
    assert parse("Suljettu: jotain muuta", closed) is None
    assert parse("Something else entirely", closed) is None


@pytest.mark.django_db
def test_people_are_shown_by_their_current_name_when_looked_up_else_as_written():
    from accounts.notifications import Notification, notify
    from accounts.tests.factories import UserFactory

    anna = UserFactory(first_name="Anna", last_name="Asiakas")
    gone = UserFactory(first_name="Ville", last_name="Vanha")
    first = notify(recipient=anna, code="tests.assigned", params={"user": user(anna)})
    notify(recipient=anna, code="tests.assigned", params={"event": "", "user": user(gone)})
    anna.last_name = "Uusitalo"
    anna.save()
    gone.delete()

    with translation.override("en"):
        rows = attach_names(Notification.objects.order_by("pk"))
        assert [row.rendered for row in rows] == ["Assigned to Anna Uusitalo", "Assigned to Ville Vanha"]
        assert Notification.objects.get(pk=first.pk).rendered == "Assigned to Anna Asiakas"
