"""What a stored mail context may hold, and the registry of providers that turn it into template objects.

A row stores ids and plain values (`{"lead": 12, "recipient": 3}`), never objects or rendered text: the mail
is rendered when it is sent, in the row's language, from the rows as they are then. An app above the outbox
registers a provider for its templates in `AppConfig.ready()`; the provider runs at render time, inside the
row's language, so it is also the place to add what must not be stored (a password-reset token, a one-time
link's token). A provider that must also set headers made at that moment (a List-Unsubscribe address with a
fresh token) returns a `Rendered` instead of a bare context.
"""

import logging
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rendered:
    """A provider's answer: the template context, and headers added to the row's stored ones for this send."""

    context: Mapping[str, Any]
    headers: Mapping[str, str] = field(default_factory=dict)


logger = logging.getLogger(__name__)

Provider = Callable[[dict[str, Any]], Mapping[str, Any] | Rendered]

_PROVIDERS: dict[str, Provider] = {}
# Per prefix: (stored contexts of a batch) -> what the provider reads with `preloaded()` while the batch renders.
_PRELOADERS: dict[str, Callable[[list[dict[str, Any]]], Any]] = {}
_BATCH: ContextVar[dict[Callable, Any] | None] = ContextVar("outbox_rendering_batch", default=None)


class EmailContextError(TypeError):
    """A context or header value that would not survive a trip through JSON unchanged."""


def register_context(template_prefix: str, provider: Provider, *, preload: Callable | None = None) -> None:
    """Render templates under `template_prefix` (a template, or a folder such as "emails/leads") with `provider`.

    The provider gets the stored context and returns the template context. It may raise (say, the row it points
    to was deleted): the mail then fails at once with that error, as retrying would not help.

    `preload`, if given, gets the stored contexts of every mail under the prefix in a batch the outbox is about
    to render and returns what the provider then reads with `preloaded(preload)` (e.g. the rows those
    mails point to, fetched in one query per kind instead of one a mail). The provider must still work without
    it (a single mail rendered outside a batch): `preloaded(preload)` then answers None. Prefixes registered
    with the same preload share one call a batch.
    """
    prefix = template_prefix.rstrip("/")
    if not prefix:
        raise ValueError("a context provider needs a template prefix")
    _PROVIDERS[prefix] = provider
    if preload is not None:
        _PRELOADERS[prefix] = preload


def _prefix_for(template: str) -> str | None:
    """The longest registered prefix that is the template itself or one of its folders."""
    path = template
    while path:
        if path in _PROVIDERS:
            return path
        path = path.rpartition("/")[0]
    return None


def provider_for(template: str) -> Provider | None:
    prefix = _prefix_for(template)
    return _PROVIDERS[prefix] if prefix is not None else None


@contextmanager
def rendering_batch(mails: Iterable[tuple[str, Mapping[str, Any]]]) -> Iterator[None]:
    """While rendering these (template, stored context) mails, each preload has run once for the mails of the
    prefixes it was registered for."""
    groups: dict[Callable, list[dict[str, Any]]] = {}
    for template, stored in mails:
        prefix = _prefix_for(template)
        if prefix in _PRELOADERS:
            groups.setdefault(_PRELOADERS[prefix], []).append(dict(stored))
    data = {}
    for function, contexts in groups.items():
        try:
            data[function] = function(contexts)
        except Exception:  # the provider then fetches its rows mail by mail, as without a preload
            logger.exception("Outbox: preloading mails with %s failed; they are rendered one by one", function)
    token = _BATCH.set(data)
    try:
        yield
    finally:
        _BATCH.reset(token)


def preloaded(preload: Callable) -> Any:
    """What `preload` returned for the batch being rendered, or None outside a batch."""
    batch = _BATCH.get()
    return batch.get(preload) if batch else None


def render_mail(template: str, stored: Mapping[str, Any]) -> Rendered:
    """The template context and the render-time headers of a mail, from its provider (or the stored context)."""
    provider = provider_for(template)
    if provider is None:
        return Rendered(context=dict(stored))
    provided = provider(dict(stored))
    return provided if isinstance(provided, Rendered) else Rendered(context=provided)


def validate_json(value: Any, *, path: str = "context") -> None:
    """Refuse anything but JSON values: dicts with string keys, lists, strings, finite numbers, booleans, None.

    Tuples, dates, Decimals, lazy translations and model instances are refused rather than converted: a
    converted value would come back different (a list, a string), and text must be rendered when sending.
    """
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EmailContextError(f"{path} is {value!r}: JSON has no NaN or infinity")
        return
    if isinstance(value, list):
        for index, item in enumerate(value):
            validate_json(item, path=f"{path}[{index}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise EmailContextError(f"{path} has the key {key!r}: JSON object keys are strings")
            validate_json(item, path=f"{path}[{key!r}]")
        return
    raise EmailContextError(
        f"{path} is a {type(value).__name__}: a mail context holds only JSON values (ids, strings, "
        "numbers, booleans, None, lists and dicts); store an id and load the object in a context provider"
    )
