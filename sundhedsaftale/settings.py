"""One env-driven settings module.

Embedded default (no environment): SQLite under ``var/``, an SQLite-backed Celery broker, console e-mail.
Production: ``DATABASE_URL`` (PostgreSQL via psycopg 3), ``REDIS_URL`` / ``CELERY_BROKER_URL``,
``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` and ``DJANGO_HTTPS=1``. Every setting below exists in both.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SUNDHEDSAFTALE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """The key from the environment, or one generated once per installation under var/ (never a constant)."""
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DJANGO_DEBUG")
HTTPS = env_bool("DJANGO_HTTPS")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # the kernel shared by every agreement area
    "sundhedsaftale.organisations",
    "sundhedsaftale.citizens",
    "sundhedsaftale.access",
    "sundhedsaftale.deadlines",
    "sundhedsaftale.ops",
    # organisations, then the agreement areas in import order
    "clusters",
    "admissions",
    "discharge",
    "rehab",
    "aids",
    "prevention",
    "psychiatry",
    # on top: MedCom messages in and out, calling the areas' services
    "medcom",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # after WhiteNoise: static files stay cacheable; before the rest: refuse oversized or NUL-laden requests
    # unread, and mark every authenticated answer no-store
    "sundhedsaftale.ops.middleware.no_store_middleware",
    "sundhedsaftale.ops.middleware.request_guard_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sundhedsaftale.organisations.middleware.actor_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sundhedsaftale.urls"
WSGI_APPLICATION = "sundhedsaftale.wsgi.application"
ASGI_APPLICATION = "sundhedsaftale.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sundhedsaftale.organisations.context_processors.actor",
            ],
            # the navigation bar, built from the kernel's entries and each area's AppConfig
            "libraries": {"kernel_nav": "sundhedsaftale.nav", "dansk": "sundhedsaftale.templatetags.dansk"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'sundhedsaftale.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat share one file: WAL lets readers run beside the one writer,
    # IMMEDIATE transactions make writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures lock the username from that address for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_CLIENT_IP_CALLABLE = "sundhedsaftale.access.throttles.client_ip"  # the throttles' address (NUM_PROXIES)
# TOTP is optional: with SUNDHEDSAFTALE_ADMIN_OTP=1 the admin asks superusers for a verified device.
ADMIN_REQUIRE_OTP = env_bool("SUNDHEDSAFTALE_ADMIN_OTP")
OTP_TOTP_ISSUER = "Sundhedsaftale"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Attachments on correspondence: PDFs and images, at most 10 MB each.
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# A body without files (form fields, JSON) holds at most 1 MB; an upload at most a few attachments. Larger
# bodies are refused on their Content-Length before they are read (sundhedsaftale.ops.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
REQUEST_MAX_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", str(3 * ATTACHMENT_MAX_BYTES + 1024 * 1024)))

# E-mail (Django 6.1 MAILERS): the console on the embedded default, SMTP when EMAIL_HOST is set.
_SMTP_HOST = os.environ.get("EMAIL_HOST", "")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _SMTP_HOST,
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
        if _SMTP_HOST
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sundhedsaftale@localhost")

# Security: the same settings everywhere; DJANGO_HTTPS=1 switches on what only makes sense behind TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working shift

# Access follows a current care relation (Sundhedsloven § 42 a): a hospital's relation with a citizen ends this
# many days after the course ends (the follow-up: replies, epikrise corrections); a regional administrator's
# look-up for a stated purpose (an access request, a complaint) lasts this many hours.
CARE_RELATION_DAYS_AFTER_COURSE = int(os.environ.get("CARE_RELATION_DAYS_AFTER_COURSE", "30"))
CARE_RELATION_LOOKUP_HOURS = int(os.environ.get("CARE_RELATION_LOOKUP_HOURS", "8"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: a REST client without valid credentials gets 401 with WWW-Authenticate.
        "sundhedsaftale.access.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "sundhedsaftale.api.pagination.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sundhedsaftale.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "sundhedsaftale.api.parsers.JSONParser",
        "sundhedsaftale.api.parsers.FormParser",
        "sundhedsaftale.api.parsers.MultiPartParser",
    ],
    # Throttles count per client address: REMOTE_ADDR, or behind NUM_PROXIES trusted proxies the address the
    # nearest one saw (X-Forwarded-For from the right); a client cannot choose its own. They fail open.
    "NUM_PROXIES": int(os.environ.get("DJANGO_NUM_PROXIES", "0")),
    "DEFAULT_THROTTLE_CLASSES": [
        "sundhedsaftale.access.throttles.UserRateThrottle",
        "sundhedsaftale.access.throttles.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        # an integration syncing in bulk; a person clicks far less (a load or fuzz bench raises them by env)
        "user": os.environ.get("API_USER_RATE", "1200/min"),
        "anon": os.environ.get("API_ANON_RATE", "120/min"),
        # log-in, the form and the token endpoint alike (axes locks a username+address after 5 failures)
        "login_address": "30/min",  # a ward behind one NAT address logs in at shift change
        "login_username": "10/min",
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# An API token expires like a session: one working shift after it was issued (seconds).
API_TOKEN_MAX_AGE = int(os.environ.get("API_TOKEN_MAX_AGE", str(SESSION_COOKIE_AGE)))
SPECTACULAR_SETTINGS = {
    "TITLE": "Sundhedsaftale API",
    "DESCRIPTION": (
        "Indlæggelses- og udskrivningsforløb efter sundhedsaftalerne i Region Midtjylland. "
        "Alle lister er afgrænset af brugerens organisationer; fremmede rækker giver 404."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Every operation documents the error answers it can give, all with the one error body.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sundhedsaftale.api.schema.document_error_responses",
    ],
    # Choice sets that share a field name across apps get explicit component names.
    "ENUM_NAME_OVERRIDES": {
        "AdmissionKindEnum": "admissions.models.Course.Kind",
        "DeadlineStateEnum": "sundhedsaftale.deadlines.models.Deadline.State",
        "DischargeNeedEnum": "discharge.models.Need",
        "AidDischargeNeedEnum": "aids.models.needs.AidNeed.DischargeNeed",
        "ScreeningAssessmentEnum": "prevention.models.referrals.Assessment",
        "AidPartyEnum": "aids.models.needs.PARTY_CHOICES",
        "AidSituationEnum": "aids.models.catalogue.SITUATION_CHOICES",
        "AidDisputeLevelEnum": "aids.models.disputes.Level",
        "AidDisputeOutcomeEnum": "aids.models.disputes.Outcome",
        "RehabLevelEnum": "rehab.models.training.RehabCourse.Level",
        "PsychiatryReferralOutcomeEnum": "psychiatry.models.plans.Referral.Outcome",
    },
}

# Celery: Redis in production, an SQLite file as broker on the embedded default, so beat really runs.
CELERY_BROKER_URL = (
    os.environ.get("CELERY_BROKER_URL") or REDIS_URL or f"sqla+sqlite:///{VAR_DIR / 'broker.sqlite3'}"
)
# Redis: a message taken by a worker that then died is redelivered after this many seconds; every task
# here finishes in seconds, so ten minutes is ample and keeps a crash from delaying e-mails by an hour.
# (The SQLite transport of the embedded default takes no such option.)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600} if CELERY_BROKER_URL.startswith("redis") else {}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_cpr": {"()": "sundhedsaftale.access.logmask.MaskCprFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_cpr"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

SUNDHEDSAFTALE_SITE_NAME = "Sundhedsaftale"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

# Key figures: the care fee a færdigbehandlet sengedag implies (kr. per day), set to the rate in force.
SUNDHEDSAFTALE_CARE_FEE_PER_DAY = int(os.environ.get("SUNDHEDSAFTALE_CARE_FEE_PER_DAY", "2000"))
