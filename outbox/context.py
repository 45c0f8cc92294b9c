"""What a stored mail context may hold, and the registry of providers that turn it into template objects.

A row stores ids and plain values (`{"lead": 12, "recipient": 3}`), never objects or rendered text: the mail
is rendered when it is sent, in the row's language, from the rows as they are then. An app above the outbox
registers a provider for its templates in `AppConfig.ready()`; the provider runs at render time, inside the
row's language, so it is also the place to add what must not be stored (a password-reset token, a one-time
link's token). A provider that must also set headers made at that moment (a List-Unsubscribe address with a
fresh token) returns a `Rendered` instead of a bare context.
"""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Rendered:
    """A provider's answer: the template context, and headers added to the row's stored ones for this send."""

    context: Mapping[str, Any]
    headers: Mapping[str, str] = field(default_factory=dict)


Provider = Callable[[dict[str, Any]], Mapping[str, Any] | Rendered]

_PROVIDERS: dict[str, Provider] = {}


class EmailContextError(TypeError):
    """A context or header value that would not survive a trip through JSON unchanged."""


def register_context(template_prefix: str, provider: Provider) -> None:
    """Render templates under `template_prefix` (a template, or a folder such as "emails/leads") with `provider`.

    The provider gets the stored context and returns the template context. It may raise (say, the row it points
    to was deleted): the mail then fails at once with that error, as retrying would not help.
    """
    prefix = template_prefix.rstrip("/")
    if not prefix:
        raise ValueError("a context provider needs a template prefix")
    _PROVIDERS[prefix] = provider


def provider_for(template: str) -> Provider | None:
    """The provider of the longest registered prefix that is the template itself or one of its folders."""
    path = template
    while path:
        if path in _PROVIDERS:
            return _PROVIDERS[path]
        path = path.rpartition("/")[0]
    return None


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
