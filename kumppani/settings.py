"""Kumppani settings.

Every value that differs between machines is read from the environment by the typed helpers
below; `.env.example` lists them all. Defaults are safe for `make run` on one laptop: SQLite,
Celery's filesystem transport and e-mail printed to the console.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# Off unless asked for: a deployment that forgets the variable must not run in debug mode. `make run`, `make demo`
# and `make test` turn it on.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "import_export",
    "rest_framework",
    "drf_spectacular",
    "django_celery_beat",
    "axes",
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
    "kumppani",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kumppani.web.params.RefuseNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page (accounts.throttle).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kumppani.urls"
WSGI_APPLICATION = "kumppani.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.navigation",
                "accounts.notifications.notification_count",
            ],
        },
    },
]

# SQLite for `make run`; DATABASE_URL points at PostgreSQL everywhere else.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'kumppani.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "test_kumppani")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a query once its estimated cost crosses a threshold: on the register's queries
    # at 100,000 customers it cost more than it saved (a search took ~1.2 s with it, ~0.3 s without), so it is
    # off for our connections unless DATABASE_JIT=on. RANDOM_PAGE_COST: PostgreSQL's default (4) assumes
    # spinning disks and makes it scan whole tables rather than fetch a few thousand rows by their index; 1.1
    # suits SSDs and cloud volumes. Empty leaves the server's value.
    _planner = [f"-c jit={'on' if env_bool('DATABASE_JIT', False) else 'off'}"]
    if env_str("DATABASE_RANDOM_PAGE_COST", "1.1"):
        _planner.append(f"-c random_page_cost={float(env_str('DATABASE_RANDOM_PAGE_COST', '1.1'))}")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(_planner)
    # A pooler in transaction mode (PgBouncer's pool_mode=transaction) hands each transaction any server
    # connection: server-side cursors, which outlive a transaction, would break, so Django must not use them.
    if env_str("DATABASE_POOLER", "") not in ("", "session", "transaction"):
        raise ImproperlyConfigured("DATABASE_POOLER must be empty, session or transaction")
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_str("DATABASE_POOLER", "") == "transaction"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out login before the password is checked, for every way in (the app's
# login, the admin's, and the API when it takes passwords).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling by django-axes (accounts/throttle.py), its state in the database so every web node shares it:
# LOGIN_THROTTLE_ATTEMPTS failed logins for one e-mail address lock it for LOGIN_THROTTLE_WINDOW_MINUTES; one
# client address gets AXES_IP_FAILURE_FACTOR times as many (several people may share a school's address).
AXES_HANDLER = "accounts.throttle.LoginThrottleHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_THROTTLE_ATTEMPTS", 5)
AXES_IP_FAILURE_FACTOR = 4
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_THROTTLE_WINDOW_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Both login forms post the e-mail address as "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.throttle.login_username"
AXES_CLIENT_IP_CALLABLE = "kumppani.web.client.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.throttle.lockout_response"
AXES_RESET_ON_SUCCESS = True
# The lock runs from the failures, not from the last try while locked: a locked-out user can wait it out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_SENSITIVE_PARAMETERS = ["password"]
# accounts/admin.py shows the failed logins read-only, with an unlock action.
AXES_ENABLE_ADMIN = False
# Days the record of logins (who, when, from where) is kept; a nightly task prunes older ones. Ours.
LOGIN_LOG_DAYS = env_int("LOGIN_LOG_DAYS", 90)
# Reverse proxies in front of the web nodes that append to X-Forwarded-For (kumppani.web.client): 0 trusts no
# header and uses the connecting address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Public no-login links (links app): resolving tries allowed per client address per minute.
PUBLIC_LINK_RATE_LIMIT_PER_MINUTE = env_int("PUBLIC_LINK_RATE_LIMIT_PER_MINUTE", 30)

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("en", _("English")), ("sv", _("Swedish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date and number formats per language (kumppani/formats/); shown through kumppani.web.formatting.
FORMAT_MODULE_PATH = ["kumppani.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploaded agreement documents are checked by content (crm/uploads.py) and may be at most this large.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 25 * 1024 * 1024)
# Uploaded files (agreement documents): on this machine's disk under MEDIA_ROOT by default, which serves one web
# node only. With several nodes every node must read what another stored: set AWS_STORAGE_BUCKET_NAME (and for a
# store other than AWS, AWS_S3_ENDPOINT_URL) to keep them in an S3-compatible bucket. The bucket stays private:
# files are handed out by the application, never by a public bucket address.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # Empty keys mean boto3's own lookup (instance role, ~/.aws); explicit ones win.
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "location": env_str("AWS_LOCATION", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
            # Two nodes saving "sopimus.pdf" at once must not overwrite each other's file.
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": env_str("DEFAULT_FILE_STORAGE", "django.core.files.storage.FileSystemStorage")}
STORAGES = {
    "default": _default_storage,
    # With DEBUG off, hashed names from `collectstatic`; STATICFILES_BACKEND overrides it (the two-node test runs
    # without collecting).
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND",
            (
                "django.contrib.staticfiles.storage.StaticFilesStorage"
                if DEBUG
                else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            ),
        )
    },
}

# Sessions live in the database so that any web node can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("CACHE_URL"),
            # Keeps two installations (or test runs) sharing one Redis apart.
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX"),
        }
        if env_str("CACHE_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Longest a cached dashboard figure (kumppani.web.figures) is kept; a change to its data drops it at once. 0: off.
FIGURE_CACHE_SECONDS = env_int("FIGURE_CACHE_SECONDS", 300)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))  # for the file-based backend
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kumppani <kumppani@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Seconds an SMTP connection may hang: a send must end well inside OUTBOX_STALE_CLAIM_SECONDS, or the sweep would
# take a slow send for a dead worker and send the mail again.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)

# The outbox (outbox/services.py): a failed send is retried after BASE seconds, doubling up to MAX. A mail the
# server refuses MAX_ATTEMPTS times is failed (kept, and can be queued again in the admin); a server that cannot
# be reached (an outage) uses up no attempts, so mail waits out an outage of any length. A claim older than
# STALE_CLAIM_SECONDS belongs to a worker that died, and the sweep queues its mail again. Due mail goes out
# BATCH_SIZE rows to one SMTP connection.
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 3600)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 50)
OUTBOX_STALE_CLAIM_SECONDS = env_int("OUTBOX_STALE_CLAIM_SECONDS", 600)
OUTBOX_BATCH_SIZE = env_int("OUTBOX_BATCH_SIZE", 200)

# Celery: Redis in production and tests; the filesystem transport when nothing is configured.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = BASE_DIR / "var" / "celery"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(BASE_DIR / "var" / "celery-control"),
    }
    CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", f"file://{BASE_DIR / 'var' / 'celery-results'}")
else:
    CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # For when API tokens come: requests per client, on top of the login throttle.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "30/minute"),
        "user": env_str("API_THROTTLE_USER", "600/minute"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {"TITLE": "Kumppani API", "VERSION": "1.0.0"}

# Production hardening; `manage.py check --deploy` is clean with DEBUG off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preloading puts the domain in the browsers' built-in HSTS list, which is slow to undo: only when asked for.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

PAGINATE_BY = 25  # rows per list page (kumppani.web.pagination)
