"""A believable demo provider for `manage.py seed_demo`: plan (pure, seeded) and writer (through crm.services)."""

from .plan import DemoPlan, build_plan
from .vocabulary import ADMIN_EMAIL, DEMO_PASSWORD
from .writer import demo_exists, demo_users, plan_demo, seed_demo

__all__ = [
    "ADMIN_EMAIL",
    "DEMO_PASSWORD",
    "DemoPlan",
    "build_plan",
    "demo_exists",
    "demo_users",
    "plan_demo",
    "seed_demo",
]
