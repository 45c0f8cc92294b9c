"""Kumppani's locale formats (FORMAT_MODULE_PATH): what differs from, or is pinned over, Django's defaults.

Anything not set here falls back to Django's own format files for the language.
"""
