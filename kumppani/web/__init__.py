"""The shared web layer every app's views use: pagination, htmx lists, safe redirects, downloads, URLs, formatting.

It imports no project app (accounts, crm, leads, …), so the lowest app may use it; a test in kumppani/tests
keeps it that way.
"""
