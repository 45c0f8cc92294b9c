"""Speed at scale: a data generator and a benchmark of every page, both fed by a registry each app fills.

`registry` is what apps use (their `bench.py`, imported from AppConfig.ready()); `context` is what a
generator part gets; `generate`, `measure`, `report` and `databases` run it all (`manage.py
generate_scale_data`, `manage.py bench`, `make bench`). Nothing here imports a project app.
"""
