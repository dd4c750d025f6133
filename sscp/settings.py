"""SSCP Board settings, read from the environment.

Production is the default: DEBUG is off unless asked for, and without SECRET_KEY the app refuses
to start unless DEBUG is on, so development settings are never picked up by accident.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from sscp.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (50+ random characters) in production, "
            "or DEBUG=1 for a development server."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "sscp.apps.SSCPAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "csp",
    # The rich-text editor of reports and minutes: its static files (served by us, no CDN).
    "django_prose_editor",
    # The task queue (Django's tasks framework, backported) and its database backend.
    "django_tasks",
    "django_tasks_db",
    "sscp",
    "meetings",
    "assessments",
    "marac",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sscp.middleware.PrivateNoStoreMiddleware",
    "sscp.middleware.PublicRateLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must come last: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sscp.urls"
WSGI_APPLICATION = "sscp.wsgi.application"

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
                "sscp.context_processors.navigation",
            ],
        },
    },
]

# Production names its database: with DEBUG off, a missing DATABASE_URL is a mistake, not a
# request for a SQLite file beside the code (give `sqlite:///...` explicitly to mean that).
if not DEBUG and not env_str("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Set it to the production database "
        "(postgres://user:password@host:5432/sscp), or to sqlite:///path/to/db.sqlite3 "
        "explicitly, or DEBUG=1 for a development server."
    )
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# In the database, so every worker shares it and no other service is needed; the table is made
# by `migrate` (marac's migration 0009). It holds the MARAC dashboard's figures (see
# marac/figures_cache.py), keyed on the version of the records: never stale.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sscp_cache",
        "TIMEOUT": 24 * 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # The public pages' rate limiter counts in each worker's memory: a write to the database on
    # every anonymous request would cost more than the page (tests/bench/test_bench_public.py).
    # With N workers an address gets up to N x SSCP_PUBLIC_RATE_LIMIT a minute; point this at a
    # shared cache (Redis) to count across workers and machines.
    # Rendered public pages, in each worker's memory in front of the database cache: their keys
    # hold the published state, so a copy per worker is never stale.
    "public_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sscp-public-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "sscp-ratelimit",
        "OPTIONS": {"MAX_ENTRIES": 10000},
    },
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sscp.backends.RoleBackend",
    # Still named so sessions signed in through it stay valid; it shares RoleBackend's cached
    # permissions, so asking it costs no query.
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)

# Login throttling: after AXES_FAILURE_LIMIT failures for one username from one address, that
# pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "sscp.storage.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Largest upload accepted for agenda papers and datasets, in megabytes.
SSCP_MAX_UPLOAD_MB = env_int("SSCP_MAX_UPLOAD_MB", 20)
# Web imports (assessment datasets, MARAC files) larger than this many megabytes run on the
# task queue while the page shows a progress bar; smaller ones are imported during the request.
SSCP_QUEUE_IMPORT_MB = env_int("SSCP_QUEUE_IMPORT_MB", 2)
# Build the agenda pack on the task queue as soon as an agenda is published.
SSCP_BUILD_PACK_ON_PUBLISH = env_bool("SSCP_BUILD_PACK_ON_PUBLISH", True)
# Office papers (Word, spreadsheets) become PDF with LibreOffice: docs/papers.md.
SSCP_SOFFICE = env_str("SSCP_SOFFICE", "soffice")  # the command, found on PATH
SSCP_CONVERSION_TIMEOUT = env_int("SSCP_CONVERSION_TIMEOUT", 60)  # seconds
SSCP_CONVERSION_MEMORY_MB = env_int("SSCP_CONVERSION_MEMORY_MB", 2048)  # address space
SSCP_CONVERSION_MAX_PAGES = env_int("SSCP_CONVERSION_MAX_PAGES", 300)

# The task queue. `database` (the default) keeps jobs in the database, where `manage.py db_worker`
# processes take them (with row locks on PostgreSQL, so any number of workers share one queue);
# `immediate` runs each job inside the request that enqueues it (no worker; tests); any other
# value is the dotted path of a backend class (for example `django_tasks_rq.RQBackend`).
TASK_BACKENDS = {
    "database": "django_tasks_db.backend.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env_str("TASK_BACKEND", "database")
if _task_backend not in TASK_BACKENDS and "." not in _task_backend:
    raise ImproperlyConfigured(
        f"TASK_BACKEND={_task_backend!r}: use database, immediate or a backend's dotted path."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(_task_backend, _task_backend)}}
# A failed job is tried again after SSCP_TASK_RETRY_SECONDS (doubling each time) until it has
# been tried SSCP_TASK_MAX_ATTEMPTS times; then it is shown as failed to whoever started it.
SSCP_TASK_MAX_ATTEMPTS = env_int("SSCP_TASK_MAX_ATTEMPTS", 3)
SSCP_TASK_RETRY_SECONDS = env_int("SSCP_TASK_RETRY_SECONDS", 30)

# Email (alerts, digests, reminders): SMTP from the environment; printed to the console in
# development unless EMAIL_BACKEND says otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SSCP Board <board@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people reach the app at, for the links in emails (no request to read it from).
SSCP_SITE_URL = env_str("SSCP_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The day `manage.py send_scheduled_alerts` sends the weekly digests: 0 Monday ... 6 Sunday.
SSCP_DIGEST_WEEKDAY = env_int("SSCP_DIGEST_WEEKDAY", 0)
# Public pages, feeds, API and calendars: requests a minute from one address without signing in
# (0: no limit), and how long a public page is kept in the cache (it is keyed on the meeting's
# published state, so it is never stale; this only bounds the cache's size).
SSCP_PUBLIC_RATE_LIMIT = env_int("SSCP_PUBLIC_RATE_LIMIT", 120)
SSCP_PUBLIC_CACHE_SECONDS = env_int("SSCP_PUBLIC_CACHE_SECONDS", 24 * 60 * 60)
# Days a member's secret calendar address works before they must make a new one.
SSCP_CALENDAR_TOKEN_DAYS = env_int("SSCP_CALENDAR_TOKEN_DAYS", 365)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "5.8.0"

# Content-Security-Policy: no inline script or style anywhere; every asset is served by us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# HTTPS and cookie hardening. On by default whenever DEBUG is off; each can be turned off
# explicitly (for example SECURE_SSL_REDIRECT=0 when the proxy already redirects).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Preloading is a commitment a deployer makes for the whole domain (browsers ship the list), so
# it is off unless asked for; the deployment check's reminder about it is silenced only then.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Members' secret calendar addresses never reach a log line (sscp/logs.py).
    "filters": {"redact_secrets": {"()": "sscp.logs.RedactSecretsFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step at INFO; only its warnings matter to us.
    "loggers": {
        "axes": {"level": "WARNING"},
        # runserver's request lines, through the redacting handler too.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
