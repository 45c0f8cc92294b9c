"""Every e-mail goes through the outbox: no code outside outbox/ sends mail through django.core.mail itself."""

import ast
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "var", "node_modules", ".git", "outbox", "test-artifacts"}
# Reading the test outbox (`mail.outbox`) is how tests look at sent mail; everything else sends or builds mail.
ALLOWED_NAMES = {"outbox"}
# Django helpers that send mail through django.core.mail on the caller's behalf.
SENDING_METHODS = {"email_user"}


def mail_sending_in(source: str) -> list[str]:
    """Uses of django.core.mail (other than reading the test outbox) and calls of email_user, as 'line: text'."""
    tree = ast.parse(source)
    found: set[tuple[int, str]] = set()
    module_aliases = set()  # names bound to django.core.mail itself
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.core.mail":
            found |= {(node.lineno, f"import {a.name}") for a in node.names if a.name not in ALLOWED_NAMES}
        elif isinstance(node, ast.ImportFrom) and node.module == "django.core":
            module_aliases |= {a.asname or a.name for a in node.names if a.name == "mail"}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("django.core.mail"):
                    if alias.asname:
                        module_aliases.add(alias.asname)
                    else:
                        found.add((node.lineno, f"import {alias.name}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id in module_aliases:
                if node.attr not in ALLOWED_NAMES:
                    found.add((node.lineno, f"{node.value.id}.{node.attr}"))
            elif node.attr in SENDING_METHODS:
                found.add((node.lineno, f".{node.attr}"))
    return [f"{line}: {text}" for line, text in sorted(found)]


def _project_files() -> list[Path]:
    files = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_DIRS]  # never descend into .venv
        files += [Path(folder) / name for name in names if name.endswith(".py")]
    return files


def test_nothing_outside_the_outbox_sends_mail_itself():
    files = _project_files()
    assert any(path.name == "timeline.py" for path in files)  # the walk found the project
    offenders = {}
    for path in files:
        found = mail_sending_in(path.read_text(encoding="utf-8"))
        if found:
            offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}, "queue mail with outbox.services.email_queue instead"


def test_the_guard_catches_each_way_of_sending():
    source = """
from django.core.mail import send_mail, EmailMessage
from django.core import mail
from django.core import mail as django_mail
import django.core.mail
import django.core.mail as m

mail.mail_admins("s", "b")
django_mail.EmailMultiAlternatives()
m.send_mass_mail(())
user.email_user("s", "b")
assert len(mail.outbox) == 1
"""
    assert mail_sending_in(source) == [
        "2: import EmailMessage",
        "2: import send_mail",
        "5: import django.core.mail",
        "8: mail.mail_admins",
        "9: django_mail.EmailMultiAlternatives",
        "10: m.send_mass_mail",
        "11: .email_user",
    ]
