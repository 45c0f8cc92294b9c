"""links sits just above accounts: it imports no app above it (docs/ARCHITECTURE.md)."""

import ast
from pathlib import Path

import pytest

LINKS = Path(__file__).resolve().parent.parent
ABOVE = {"reminders", "crm", "leads", "segments", "care_plans", "feedback", "roadmap"}
CODE = sorted(p for p in LINKS.rglob("*.py") if "tests" not in p.parts)


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(LINKS)))
def test_links_imports_no_app_above_it(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        assert not {name.split(".")[0] for name in names} & ABOVE, f"{path.name} imports {names}"
