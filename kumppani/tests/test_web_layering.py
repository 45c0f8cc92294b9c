"""kumppani.web and the template filters serve every app, so they may import none (docs/ARCHITECTURE.md)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

KUMPPANI = Path(__file__).resolve().parent.parent
SHARED = sorted([*(KUMPPANI / "web").glob("*.py"), *(KUMPPANI / "templatetags").glob("*.py")])
PROJECT_APPS = {
    "outbox",
    "accounts",
    "links",
    "reminders",
    "crm",
    "leads",
    "segments",
    "care_plans",
    "feedback",
    "roadmap",
}


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_every_project_app_is_checked():
    """An app added to INSTALLED_APPS from this repository must be added to PROJECT_APPS too."""
    local = {app.split(".")[0] for app in settings.INSTALLED_APPS if (Path(settings.BASE_DIR) / app).is_dir()}
    assert local - {"kumppani"} <= PROJECT_APPS


@pytest.mark.parametrize("path", SHARED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_shared_web_layer_imports_no_project_app(path):
    apps = {module.split(".")[0] for module in _imported_modules(path)} & PROJECT_APPS
    assert apps == set(), f"{path.name} imports {apps}"
