"""The demo's progress on Gradia's roadmap (`manage.py load_roadmap --demo`, run by `make demo`)."""


def demo_progress() -> str:
    return "nothing yet"
