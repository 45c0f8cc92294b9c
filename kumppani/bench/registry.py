"""The benchmark registry: each app registers its generator part, its pages and its tasks here.

An app's `bench.py` (imported from its AppConfig.ready()) calls:

    register_generator("crm", order=20, fn=generate)        # fn(ctx: ScaleContext) -> None
    register_page("organisation list", "/customers/", user=manager, targets=Targets(p95_ms=50))
    register_task("reminder run", fn=run, targets=Targets(seconds=60))

A page's URL is a string or a callable(ctx) -> str; its user is a callable(ctx) -> User (the facts the
generator recorded, such as the big manager's id, are in `ctx.facts`). A page of kind FIRST_BYTE (a streamed
export) is timed to its first data row. Targets default to the issue's: p95 ≤ 50 ms, ≤ 20 queries, and
growth below 1.5 times from the smaller size to the larger.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PAGE = "page"
FIRST_BYTE = "first_byte"


@dataclass(frozen=True)
class Targets:
    p95_ms: float | None = 50.0
    queries: int | None = 20
    growth: float | None = 1.5
    seconds: float | None = None  # tasks: wall time of one run


@dataclass(frozen=True)
class Generator:
    app: str
    order: int
    fn: Callable


@dataclass(frozen=True)
class BenchPage:
    name: str
    url: str | Callable
    user: Callable
    targets: Targets = field(default_factory=Targets)
    kind: str = PAGE
    app: str = ""
    headers: dict = field(default_factory=dict)  # e.g. {"HX-Request": "true"} for a fragment
    requests: int | None = None  # None: the run's --requests
    data: Callable | None = None  # callable(ctx) -> dict: POST it instead of a GET


@dataclass(frozen=True)
class BenchTask:
    name: str
    # fn(ctx) -> dict of figures (e.g. {"mails": 20000}); prepare(ctx) runs before, untimed, e.g. to reset state.
    fn: Callable
    targets: Targets = field(default_factory=lambda: Targets(p95_ms=None, queries=None, growth=None, seconds=60))
    prepare: Callable | None = None
    app: str = ""


_GENERATORS: dict[str, Generator] = {}
_PAGES: dict[str, BenchPage] = {}
_TASKS: dict[str, BenchTask] = {}


def register_generator(app: str, order: int, fn: Callable) -> None:
    _GENERATORS[app] = Generator(app, order, fn)


def register_page(
    name: str,
    url: str | Callable,
    user: Callable,
    targets: Targets | None = None,
    *,
    kind: str = PAGE,
    app: str = "",
    headers: dict | None = None,
    requests: int | None = None,
    data: Callable | None = None,
) -> None:
    _PAGES[name] = BenchPage(name, url, user, targets or Targets(), kind, app, headers or {}, requests, data)


def register_task(
    name: str, fn: Callable, targets: Targets | None = None, *, prepare: Callable | None = None, app: str = ""
) -> None:
    _TASKS[name] = BenchTask(
        name, fn, targets or Targets(p95_ms=None, queries=None, growth=None, seconds=60), prepare, app
    )


def generators() -> list[Generator]:
    return sorted(_GENERATORS.values(), key=lambda g: (g.order, g.app))


def pages() -> list[BenchPage]:
    return list(_PAGES.values())


def tasks() -> list[BenchTask]:
    return list(_TASKS.values())
