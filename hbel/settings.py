"""Settings for HBEL Inburgering, read from the environment (django-environ).

Every variable is listed with a comment in `.env.example`. Without DATABASE_URL the app
runs on SQLite; without REDIS_URL Celery tasks run eagerly in the web process.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Outside DEBUG there is no default: Django refuses to sign sessions with an empty key, so a
# production process without SECRET_KEY fails on its first request instead of running unsafely.
SECRET_KEY = env.str(
    "SECRET_KEY", default="dev-only-insecure-key-not-for-production" if DEBUG else ""
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin at /beheer/, every change and refusal audited (cases.admin_site, issue 22).
    "cases.admin_site.HbelAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "crispy_forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "cases",
    "intake",
    "pip_plans",
    "learning_routes",
    "participation",
    "finance",
    "enforcement",
    # `seed_demo` (synthetic demo data); the command refuses to run outside the demo.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cases.middleware.TraceIdMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cases.middleware.SessionLifetimeMiddleware",
    "cases.middleware.MfaRequiredMiddleware",
    "cases.middleware.NoStoreMiddleware",
    "cases.middleware.DeniedAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # The Dutch 404 and 500 pages with DEBUG on as well (the demo); inert otherwise.
    "cases.middleware.DutchErrorPagesMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "hbel.urls"
WSGI_APPLICATION = "hbel.wsgi.application"

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
                "cases.context_processors.navigation_context",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cases.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Issue 13, item 1: the start page of the user's role (cases.start), never a 403.
LOGIN_REDIRECT_URL = "cases:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

CRISPY_ALLOWED_TEMPLATE_PACKS = ("nlds",)
CRISPY_TEMPLATE_PACK = "nlds"

# E-mail (digests and notices). consolemail:// in development.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="inburgering@hbel.example")

# Celery: Redis as broker when REDIS_URL is set, otherwise eager (no broker needed).
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A web request never waits on the broker: publishing fails fast, the caller logs it and the
# nightly scan (or the first download of a PDF) catches up.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict = {
    # REQ D, issue 4: the nightly deadline scan (with catch-up of missed days) …
    "deadlines-nightly-scan": {
        "task": "cases.tasks.deadlines_scan",
        "schedule": crontab(hour=1, minute=30),
    },
    # … and the consultants' e-mail digest at 07:00 Europe/Amsterdam (CELERY_TIMEZONE).
    "deadlines-daily-digest": {
        "task": "cases.tasks.deadlines_digest",
        "schedule": crontab(hour=7, minute=0),
    },
}

# Deadlines: cases per chunk of the scan, days the scan replays after missed runs, and lead
# times per rule code overriding the rule's own (JSON, e.g. {"pip_vastgesteld": 21}).
DEADLINES_SCAN_CHUNK_SIZE = env.int("DEADLINES_SCAN_CHUNK_SIZE", default=5000)
DEADLINES_CATCH_UP_DAYS = env.int("DEADLINES_CATCH_UP_DAYS", default=31)
DEADLINE_LEAD_TIME_DAYS: dict = env.json("DEADLINE_LEAD_TIME_DAYS", default={})

# Absolute base URL for links in e-mails (the digest).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Caseload page size.
CASELOAD_PAGE_SIZE = env.int("CASELOAD_PAGE_SIZE", default=25)

# Demo mode (make run): shows a banner on every page; never set in production.
HBEL_DEMO = env.bool("HBEL_DEMO", default=False)
# Issue 13 item 5: the Dutch 404 and 500 pages even with DEBUG on (the demo shows no
# English traceback page); set HBEL_DUTCH_ERROR_PAGES=false for Django's debug pages.
HBEL_DUTCH_ERROR_PAGES = env.bool("HBEL_DUTCH_ERROR_PAGES", default=HBEL_DEMO)

# --- Security baseline (BIO, OWASP ASVS L2; see README "Productie") -----------------------
# MFA (TOTP + backup codes) for every staff user. Only the local demo (`make run`, HBEL_DEMO
# together with DEBUG) switches it off, and then every page shows the demo banner. A stray
# HBEL_DEMO with DEBUG off leaves MFA on, and the system check cases.E001 refuses it (issue 22).
HBEL_MFA_REQUIRED = not (HBEL_DEMO and DEBUG)

# The key of the BSN's unique hash (cases.bsn; issue 22, finding 4). Set it once per
# deployment and never change it: the stored keys are made with it. Defaults to SECRET_KEY.
HBEL_BSN_HASH_KEY = env.str("BSN_HASH_KEY", default="") or SECRET_KEY
OTP_TOTP_ISSUER = "HBEL Inburgering"

# Lockout after 5 failed logins per user name and address (django-axes).
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Issue 22, finding 2: behind the TLS proxy, lock (and audit) the client's address from the
# trusted proxies' X-Forwarded-For, not the proxy's own (cases.client_address).
HBEL_TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=env.int("AXES_PROXY_COUNT", default=0)
)
AXES_CLIENT_IP_CALLABLE = "cases.client_address.client_address"

# Sessions live in the database (a Redis outage must not log anyone out). Idle timeout 30
# minutes (sliding), absolute lifetime 12 hours (cases.middleware.SessionLifetimeMiddleware).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
HBEL_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_NAME = "hbel_sessionid"

# Transport and headers.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # The Django admin sets a few style attributes; no <style> elements, no scripts.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
HBEL_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# REQ L-06: afschalen B1 → A2 is offered once this many course hours are attended.
HBEL_AFSCHALEN_HOURS = env.int("HBEL_AFSCHALEN_HOURS", default=600)

# Issue 13: plausibility of a beschikking's dagtekening and dispatch date, in days from
# today: beyond the first a warning that must be confirmed, beyond the second a refusal.
HBEL_BESCHIKKING_DATE_WARN_DAYS = env.int("HBEL_BESCHIKKING_DATE_WARN_DAYS", default=14)
HBEL_BESCHIKKING_DATE_REFUSE_DAYS = env.int("HBEL_BESCHIKKING_DATE_REFUSE_DAYS", default=60)

# Retention of closed cases (years after closing) before purge_closed_cases removes them.
HBEL_RETENTION_YEARS = env.int("HBEL_RETENTION_YEARS", default=10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
