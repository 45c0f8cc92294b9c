"""Live indicators computed from the CRM's own data (filled in below)."""

LIVE_INDICATORS: dict = {}
