"""The erasure search over every table that holds text: a name, e-mail and phone planted in every registered
field of a row of every registered table (history tables included) of the seeded demo is found, and replaced.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import models

from kumppani import privacy

pytestmark = pytest.mark.django_db

SUBJECT = privacy.Subject(
    pk=0, names=(("Tuulikki", "Täsmäläinen"),), emails=("tuulikki.t@esimerkki.fi",), phones=("+358 44 987 6543",)
)
# Written as people write them: the other name order, upper case, the national phone format with spaces.
PLANTED = "TÄSMÄLÄINEN Tuulikki"
PLANTED_EMAIL = "Tuulikki.T@esimerkki.fi"
PLANTED_PHONE = "044 987 65 43"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _value_for(field, text: str):
    if isinstance(field, models.JSONField):
        return {"note": text, "nested": [text]}
    return text[: field.max_length] if getattr(field, "max_length", None) else text


def test_search_finds_and_replaces_the_person_in_every_registered_text_field():
    call_command("seed_demo", "--seed", "7", "--organisations", "12", stdout=StringIO())
    planted: set[str] = set()
    empty_tables = []
    texts = (PLANTED, PLANTED_EMAIL, PLANTED_PHONE)
    for entry in privacy.entries():
        row = entry.model._base_manager.order_by("pk").first()
        if row is None:
            empty_tables.append(entry.label)
            continue
        for number, name in enumerate(entry.fields):
            field = entry.model._meta.get_field(name)
            text = texts[number % len(texts)]
            entry.model._base_manager.filter(pk=row.pk).update(**{name: _value_for(field, text)})
            planted.add(f"{entry.label}:{row.pk}:{name}")
    # The seed fills most tables; the test is only worth something if it reaches them.
    assert len(planted) >= 40, empty_tables

    found = {hit.key for hit in privacy.search(SUBJECT)}
    assert planted - found == set()

    hits = [hit for hit in privacy.search(SUBJECT) if hit.key in planted]
    assert privacy.replace(SUBJECT, hits, "[poistettu]") >= len(planted)
    assert {hit.key for hit in privacy.search(SUBJECT)} & planted == set()
