"""roadmap's part of the benchmark (kumppani.bench): the dashboard and the live indicators' pages, as management.

Its scale data is Gradia's roadmap (32 goals) with a progress note on each; the figures read the register,
after-care, leads, segments and deliveries that the apps below generate.
"""

from accounts.bench import user_from_facts
from kumppani.bench.registry import register_generator, register_page
from roadmap.live import LIVE_INDICATORS


def generate(ctx) -> None:
    from roadmap.demo import demo_progress

    with ctx.step("roadmap with progress notes and indicators"):
        demo_progress()
    ctx.finish()


def register() -> None:
    register_generator("roadmap", order=90, fn=generate)
    management = user_from_facts("management", 0)
    register_page("management dashboard", "/roadmap/", management, app="roadmap")
    for code in LIVE_INDICATORS:
        register_page(f"live indicator: {code}", f"/roadmap/live/{code}/", management, app="roadmap")
    register_page("drill-down: care plans missing", "/roadmap/live/plan_coverage/without/", management, app="roadmap")
