"""Dashboard figures computed once and shared by every web node through the cache (Redis with `CACHE_URL`).

    figure = cached_figure("segments.overview", compute, key=(scope, today), depends_on=["segments"])
    figure.value, figure.computed_at  # the page shows "computed at HH.MM"

A figure is kept under a key that holds the current version of each topic it depends on. A write to the data
behind a topic bumps the topic's version after its transaction commits (`figures_touch`, or `figure_watch` for
a model's saves and deletes), so the next request on any node computes the figure afresh; the old entry is
never read again and expires. A write that bypasses model signals (`QuerySet.update()`, `bulk_create()`) calls
`figures_touch` itself. `FIGURE_CACHE_SECONDS` bounds how long any figure is kept, whatever happens; 0 turns
caching off.

A version is a random token, not a counter: if the cache drops a version key, the new one cannot meet a figure
stored under the old.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language

_VERSION_KEY = "figures:version:{topic}"


@dataclass(frozen=True)
class Figure:
    value: object
    computed_at: datetime
    from_cache: bool


def figure_version(topic: str) -> str:
    key = _VERSION_KEY.format(topic=topic)
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    return version


def _bump(topic: str) -> None:
    cache.set(_VERSION_KEY.format(topic=topic), uuid.uuid4().hex, timeout=None)


def figures_touch(*topics: str) -> None:
    """The data behind these topics changed: figures over them are computed afresh.

    Bumped now, so that this transaction's own later reads see no stale figure, and again after the commit: a
    request on another node computing between the write and the commit reads the old rows and stores them under
    the first new version, which the second bump leaves behind.
    """
    if settings.FIGURE_CACHE_SECONDS <= 0:
        return  # nothing is cached, so nothing to drop
    for topic in topics:
        _bump(topic)
        transaction.on_commit(partial(_bump, topic))


def _on_model_change(sender, topic: str, **kwargs) -> None:
    figures_touch(topic)


def figure_watch(topic: str, *models) -> None:
    """Every save and delete of these models changes the figures of `topic`."""
    for model in models:
        handler = partial(_on_model_change, topic=topic)
        uid = f"figures:{topic}:{model._meta.label}"
        # weak=False: the partial would otherwise be collected at once.
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}:delete")


def cached_figure(name: str, compute: Callable[[], object], *, key: Iterable = (), depends_on: Iterable[str]) -> Figure:
    """`compute()`'s value from the cache when none of `depends_on` changed since; else computed and stored.

    `key` holds whatever else the value depends on (whose rows the viewer may see, the day, the period); the
    active language is always part of it, since figures carry translated labels.
    """
    if settings.FIGURE_CACHE_SECONDS <= 0:  # caching off (most tests): every request computes
        return Figure(value=compute(), computed_at=timezone.now(), from_cache=False)
    versions = [figure_version(topic) for topic in sorted(depends_on)]
    parts = "|".join(str(part) for part in [get_language(), *key, *versions])
    cache_key = f"figures:{name}:{hashlib.sha256(parts.encode()).hexdigest()}"
    stored = cache.get(cache_key)
    if stored is not None:
        computed_at, value = stored
        return Figure(value=value, computed_at=computed_at, from_cache=True)
    computed_at = timezone.now()
    value = compute()
    cache.set(cache_key, (computed_at, value), timeout=settings.FIGURE_CACHE_SECONDS)
    return Figure(value=value, computed_at=computed_at, from_cache=False)
