# Kumppani: `make run` for a local demo, `make test` for the full suite (PostgreSQL + Redis).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Tests run on PostgreSQL and a real Redis; override to point elsewhere.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
# Settings default to DEBUG off (a deployment that forgets it is not in debug mode); the local targets (run, demo,
# test and the steps under them) turn it on, which also gives them a development SECRET_KEY. `make run DEBUG=0
# SECRET_KEY=…` tries the production settings.
export DEBUG ?= 1

.PHONY: run test venv install migrate demo lint messages ci clean browsers bench

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

venv install: $(BIN)/activate

# gettext's msgfmt compiles the translations; Debian's package if it is missing.
messages: $(BIN)/activate
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

migrate: $(BIN)/activate messages
	mkdir -p var/celery var/celery-results var/celery-control
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py setup_periodic_tasks

demo: migrate
	$(BIN)/python manage.py seed_demo --seed 2026
	@# Segment suggestions for the review queue; people accept them (nothing is classified silently).
	$(BIN)/python manage.py rebuild_segment_fields --agreements --suggestions
	@# A first classification by the demo admin (recorded in each customer's segment history); the rest of the
	@# suggestions wait in the review queue.
	$(BIN)/python manage.py accept_suggestions --as admin@kumppani.demo --every 3 --first-time
	@# The demo's history reaches two years back; after-care long past due is closed, not left overdue.
	$(BIN)/python manage.py close_past_followups --days 30
	@# Gradia's roadmap 2020–2023 with believable progress, and indicators with targets and measurements.
	$(BIN)/python manage.py load_roadmap --demo

# Web server, Celery worker and beat together; Ctrl-C stops all three.
run: demo
	@echo "Kumppani at http://127.0.0.1:$(PORT) (demo users above; Ctrl-C stops)"
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/celery -A kumppani worker --loglevel=INFO --concurrency=2 & \
	$(BIN)/celery -A kumppani beat --loglevel=INFO & \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

browsers:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

test: $(BIN)/activate messages browsers
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PYTEST_ARGS)

# Speed at scale (kumppani/bench/): a database per size on PostgreSQL, generated once and reused while its size
# matches (BENCH_ARGS="--regenerate" rebuilds it); writes bench/results.md. Takes long: the 100,000 size is
# generated in minutes and its heaviest pages and tasks take minutes more.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kumppani_bench
BENCH_SIZES ?= 10000,100000
bench: $(BIN)/activate messages
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench --sizes $(BENCH_SIZES) $(BENCH_ARGS)

lint: $(BIN)/activate
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

ci: test

clean:
	rm -rf $(VENV) var .pytest_cache test-artifacts
