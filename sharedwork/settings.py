"""SharedWork settings: wiring only. Every setting comes from the environment with an embedded default.

SHAREDWORK_ENV=production switches to production mode: a secret key is required, DEBUG is off and the
security headers that ``manage.py check --deploy`` asks for are on.
"""

import os
import sys
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("SHAREDWORK_DATA_DIR", BASE_DIR / "data"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENV = os.environ.get("SHAREDWORK_ENV", "development")
PRODUCTION = ENV == "production"
TESTING = "pytest" in sys.modules or os.environ.get("SHAREDWORK_TESTING") == "1"

SECRET_KEY = os.environ.get("SHAREDWORK_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SHAREDWORK_SECRET_KEY must be set when SHAREDWORK_ENV=production.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghijkl"

DEBUG = env_bool("SHAREDWORK_DEBUG", default=False)
ALLOWED_HOSTS = env_list("SHAREDWORK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("SHAREDWORK_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SHAREDWORK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "SharedWork"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "sharedwork.core",
    "sharedwork.accounts",
    "sharedwork.communities",
    "sharedwork.tools",
    "sharedwork.activity",
    "sharedwork.guides",
    "sharedwork.tools.wiki",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the address or the cookies in a query (see the class).
    "sharedwork.core.middleware.RefuseNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sharedwork.accounts.middleware.UserTimezoneMiddleware",
    "sharedwork.core.middleware.MethodNotAllowedPageMiddleware",
    # Axes last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sharedwork.urls"
WSGI_APPLICATION = "sharedwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sharedwork" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "sharedwork.core.context_processors.site",
            ],
            "builtins": ["sharedwork.core.templatetags.sharedwork"],
        },
    }
]

# Database: SQLite in WAL mode under the data folder unless DATABASE_URL says otherwise.
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'sharedwork.sqlite3'}"),
        conn_max_age=int(os.environ.get("SHAREDWORK_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept open like PostgreSQL's (CONN_MAX_AGE): opening one and running the PRAGMAs
    # below cost more than a typical page's queries.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set (needed as soon as there is more than one app server).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work through django.tasks. Tests run tasks immediately.
if TESTING or os.environ.get("SHAREDWORK_TASKS") == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email: written as files to data/mail/ unless EMAIL_URL says otherwise (e.g. smtp://user:pass@host:587).
EMAIL_DIR = DATA_DIR / "mail"


def _mailer_from_url(url: str) -> dict:
    if url.startswith("file://"):
        # file:///abs/path or file://relative/path (dj-email-url drops the leading slash of the first).
        return {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": url[len("file://") :] or str(EMAIL_DIR)},
        }
    parsed = dj_email_url.parse(url)
    backend = parsed["EMAIL_BACKEND"]
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": parsed.get("EMAIL_HOST") or "localhost",
            "port": parsed.get("EMAIL_PORT") or 25,
            "use_tls": bool(parsed.get("EMAIL_USE_TLS")),
            "use_ssl": bool(parsed.get("EMAIL_USE_SSL")),
            "timeout": int(parsed.get("EMAIL_TIMEOUT") or 20),
        }
        if parsed.get("EMAIL_HOST_USER"):
            options.update(username=parsed["EMAIL_HOST_USER"], password=parsed.get("EMAIL_HOST_PASSWORD", ""))
        return {"BACKEND": backend, "OPTIONS": options}
    return {"BACKEND": backend}


# In production the default is the local mail server, never a folder nobody reads.
MAILERS = {
    "default": _mailer_from_url(
        os.environ.get("EMAIL_URL", "smtp://localhost:25" if PRODUCTION else f"file://{EMAIL_DIR}")
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("SHAREDWORK_FROM_EMAIL", "SharedWork <noreply@sharedwork.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sharedwork.accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests hash hundreds of passwords.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:signin"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
EMAIL_VERIFICATION_MAX_AGE = 60 * 60 * 24 * 7  # a week
INVITATION_DAYS = 14

# Sign-in rate limit: django-axes pauses an account after a few wrong passwords (from anywhere); a network
# address is paused only after many more (sharedwork.accounts.ratelimit), because a whole agency office
# often signs in from one address and one person's typos must not lock out their colleagues.
AXES_FAILURE_LIMIT = int(os.environ.get("SHAREDWORK_SIGNIN_FAILURE_LIMIT", "5"))
SIGNIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SHAREDWORK_SIGNIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username"]]
# axes warns that addresses are not in its lockout parameters: the per-address limit is ours (above).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sharedwork.accounts.views.signin_locked_out"
AXES_ENABLED = env_bool("SHAREDWORK_AXES_ENABLED", default=True)
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("SHAREDWORK_PROXY_COUNT", "0")) or None

# Sessions
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Internationalisation
LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("SHAREDWORK_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("SHAREDWORK_MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: every file goes through a view that checks permission
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("SHAREDWORK_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = (
    3 * 1024 * 1024
)  # the wiki's 1 MB body limit, with room for the rest of the form
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing folder

# Strict Content-Security-Policy: no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    DEBUG = False
    SECURE_SSL_REDIRECT = env_bool("SHAREDWORK_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SHAREDWORK_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SHAREDWORK_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SHAREDWORK_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Demo data
DEMO_PASSWORD = os.environ.get("SHAREDWORK_DEMO_PASSWORD", "sharedwork-demo-2026")
