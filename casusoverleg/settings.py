"""Settings for casusoverleg, read from the environment.

Every value comes through ``env()``, which fails loudly on a value it cannot
understand. The defaults give a working local install (SQLite under ``var/``,
the in-memory channel layer); production sets ``SECRET_KEY``, ``ALLOWED_HOSTS``,
``DATABASE_URL`` and ``REDIS_URL``. Tests load this same module.
"""

import json
import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_MISSING = object()
_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def env(name, default=_MISSING, *, cast=str):
    """Read one setting from the environment; unknown or missing values stop start-up."""
    raw = os.environ.get(name)
    if raw is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    if cast is bool:
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1 or 0.")
    if cast is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    try:
        return cast(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not valid: {exc}") from exc


DEBUG = env("DEBUG", False, cast=bool)

SECRET_KEY = env("SECRET_KEY", None)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY to a long random "
            "value (for example: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )
    # Only reached with DEBUG on (above): production refuses to start without SECRET_KEY.
    SECRET_KEY = "django-insecure-local-development-only-never-use-in-production"  # noqa: S105  # nosec B105

# The key of the person key (``casusoverleg.persoonssleutel``): an HMAC over the
# normalised name and date of birth, so that two records of one person find each
# other without the name being stored for matching. Without the key the hashes are
# a dictionary attack away from the names, so production refuses to start without
# it; changing it makes every stored hash stale (run the backfill migration's
# function again, ``persoonssleutels_herberekenen``).
PERSOON_SLEUTEL = env("PERSOON_SLEUTEL", None)
if not PERSOON_SLEUTEL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "PERSOON_SLEUTEL is required when DEBUG is off. Set PERSOON_SLEUTEL to a long "
            "random value, different from SECRET_KEY, and keep it: changing it stops "
            "earlier records of one person from being found."
        )
    PERSOON_SLEUTEL = "local-development-only-persoon-sleutel"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [], cast=list)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", [], cast=list)

VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp_webauthn",
    "django_countries",
    "channels",
    "viewflow",
    "viewflow.workflow",
    "casusoverleg",
    "identificatie",
    "advies",
    "zorgtafel",
    "wegwijzer",
    "statistiek",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "casusoverleg.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files stay cacheable, everything else is no-store.
    "casusoverleg.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "casusoverleg.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "casusoverleg.middleware.RefusalAuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages: the login page says why after the idle limit.
    "casusoverleg.middleware.IdleLogoutNoticeMiddleware",
    "casusoverleg.middleware.AbsoluteSessionLimitMiddleware",
    # After the session limit: an expired session is sent to log in, not to MFA.
    "casusoverleg.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "casusoverleg.middleware.RenderLimitMiddleware",
    "casusoverleg.gebruiksdoel.GebruiksdoelMiddleware",
    # Last, so that a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "casusoverleg.urls"
ASGI_APPLICATION = "casusoverleg.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casusoverleg.context_processors.toegang",
                "casusoverleg.context_processors.meldingen",
            ],
        },
    },
]
FORM_RENDERER = "casusoverleg.forms.AccessibleFormRenderer"

DATABASE_URL = env("DATABASE_URL", "")
if not DATABASE_URL:
    # The embedded default: a SQLite file in var/, created on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'casusoverleg.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        # Persistent connections with a health check: opening one per request
        # costs more than the page itself on PostgreSQL.
        conn_max_age=env("DATABASE_CONN_MAX_AGE", 60, cast=int),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the live room and page requests read while another request writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # channels-redis waits for messages with a 5 s BZPOPMIN; redis-py's
                # default socket timeout is also 5 s, so a room quiet for 5 s killed
                # every consumer ("Timeout reading from ..."). Read longer than that.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 15}],
                "prefix": "casusoverleg:channels",
                # Per process (all its sockets share one Redis list) and per socket
                # buffer: a chair typing fast to a full room, or everyone arriving at
                # once (presence), must not silently drop the oldest messages.
                "capacity": 1000,
                # Undelivered messages older than this are dropped (a client that
                # was away catches up on reconnect); group membership outlives the
                # longest session (12 hours).
                "expiry": 60,
                "group_expiry": 86400,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "casusoverleg",
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "casusoverleg.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Dutch and common words with digits, years or leetspeak around them (welkom123456).
    {"NAME": "casusoverleg.wachtwoorden.NederlandseWachtwoordValidator"},
]
# A reset link works once (its token is bound to the password hash) and for an hour.
PASSWORD_RESET_TIMEOUT = env("PASSWORD_RESET_TIMEOUT", 60 * 60, cast=int)
# Reset requests per hour: per client address, and per e-mail address asked for
# (known or not, so the limit tells nothing about which addresses exist).
WACHTWOORDHERSTEL_PER_ADRES = env("WACHTWOORDHERSTEL_PER_ADRES", 20, cast=int)
WACHTWOORDHERSTEL_PER_EMAIL = env("WACHTWOORDHERSTEL_PER_EMAIL", 3, cast=int)
# Need to know: no object permission is ever granted to anonymous users.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "casusoverleg:home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: 15 minutes idle (the cookie is renewed on every request) and at most
# 12 hours after login (AbsoluteSessionLimitMiddleware).
SESSION_COOKIE_AGE = env("SESSION_IDLE_SECONDS", 15 * 60, cast=int)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60, cast=int)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two minutes before the idle limit a dialog offers to stay signed in (WCAG 2.2.1).
SESSION_WARNING_SECONDS = env("SESSION_WARNING_SECONDS", 2 * 60, cast=int)

# Drafts of long forms (casusoverleg.services.concepten): saved by the "Concept
# opslaan" button and by the page every CONCEPT_AUTOSAVE_SECONDS while the text
# changes; at most CONCEPT_MAX_BYTES each; dropped CONCEPT_BEWAARDAGEN days after
# their last save (on read, and by `manage.py concepten_opruimen`).
CONCEPT_AUTOSAVE_SECONDS = env("CONCEPT_AUTOSAVE_SECONDS", 30, cast=int)
CONCEPT_MAX_BYTES = env("CONCEPT_MAX_BYTES", 64 * 1024, cast=int)
CONCEPT_BEWAARDAGEN = env("CONCEPT_BEWAARDAGEN", 30, cast=int)

# A closed case is kept BEWAARTERMIJN_JAREN years from its closing day
# (Casus.bewaren_tot); what happens after that is decided elsewhere.
BEWAARTERMIJN_JAREN = env("BEWAARTERMIJN_JAREN", 5, cast=int)
# Signals that never became a case, from the signal's date; and the audit trail,
# from each row's date (NEN 7513: at least five years).
SIGNAAL_BEWAARTERMIJN_JAREN = env("SIGNAAL_BEWAARTERMIJN_JAREN", 2, cast=int)
AUDIT_BEWAARTERMIJN_JAREN = env("AUDIT_BEWAARTERMIJN_JAREN", 5, cast=int)
# Signals for functional management in the audit (/auditrapport/signalen/): a user
# who opens this many cases in a day that they never opened before; this many
# refusals in a day; use outside office hours (local time, weekends too).
AUDIT_SIGNAAL_NIEUWE_CASUSSEN = env("AUDIT_SIGNAAL_NIEUWE_CASUSSEN", 10, cast=int)
AUDIT_SIGNAAL_WEIGERINGEN = env("AUDIT_SIGNAAL_WEIGERINGEN", 5, cast=int)
KANTOORUREN_VAN = env("KANTOORUREN_VAN", 7, cast=int)
KANTOORUREN_TOT = env("KANTOORUREN_TOT", 19, cast=int)
if AUDIT_BEWAARTERMIJN_JAREN < 5:
    raise ImproperlyConfigured("AUDIT_BEWAARTERMIJN_JAREN: NEN 7513 asks at least 5 years.")

# How many fictional background cases ``manage.py demo`` adds for the statistics
# (statistiek.demo); the tests set 0 so the walked demo stays small.
DEMO_FICTIEVE_CASUSSEN = env("DEMO_FICTIEVE_CASUSSEN", 600, cast=int)

# The live room's sockets end with their session (casusoverleg.sessies). A socket
# re-reads its session on every message it receives; before forwarding it trusts
# the last verdict for LIVE_SESSION_RECHECK_SECONDS (logout, a password change and
# deactivation close sockets at once anyway); a quiet socket checks every
# LIVE_SESSION_CHECK_SECONDS, so it closes that long after idle or absolute expiry
# at the latest.
LIVE_SESSION_RECHECK_SECONDS = env("LIVE_SESSION_RECHECK_SECONDS", 2.0, cast=float)
LIVE_SESSION_CHECK_SECONDS = env("LIVE_SESSION_CHECK_SECONDS", 15.0, cast=float)
# What one socket may send: a catch-up (a full snapshot, audited) at most once per
# LIVE_SYNC_INTERVAL_SECONDS, LIVE_MESSAGES_PER_MINUTE messages of any kind, each at
# most LIVE_MESSAGE_MAX_BYTES; more closes the socket (4429, or 1009 if too large).
LIVE_SYNC_INTERVAL_SECONDS = env("LIVE_SYNC_INTERVAL_SECONDS", 3.0, cast=float)
LIVE_MESSAGES_PER_MINUTE = env("LIVE_MESSAGES_PER_MINUTE", 30, cast=int)
LIVE_MESSAGE_MAX_BYTES = env("LIVE_MESSAGE_MAX_BYTES", 1024, cast=int)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "casusoverleg.errors.csrf_failure"

# Login lockout, counted twice over the cool-off period: per username whatever the
# address (five failures lock the account: no spreading guesses over many
# addresses), and per client address whatever the username (twenty, so that an
# office behind one NAT address is not locked out by a few typos, while one
# address cannot try a password on many accounts). An unknown username is
# counted the same as a known one. django-axes knows one limit for all
# parameters; casusoverleg.inloggen.LockoutHandler gives each its own.
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT", 5, cast=int)
LOCKOUT_ADDRESS_FAILURE_LIMIT = env("LOCKOUT_ADDRESS_FAILURE_LIMIT", 20, cast=int)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "casusoverleg.inloggen.LockoutHandler"
# Attempts refused during a lockout do not count: a persistent attacker gains no
# guess from them either way, and a locked-out user pressing the button again
# must not push their office's shared address towards its own lockout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# One rule for the client address, shared by the lockout and the audit trail.
AXES_CLIENT_IP_CALLABLE = "casusoverleg.http.client_ip"

# Security headers. With DEBUG off everything is strict; `make run` (DEBUG on)
# serves plain http on 127.0.0.1, so the cookie and transport flags follow DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", not DEBUG, cast=bool)
SECURE_HSTS_SECONDS = 0 if DEBUG else env("SECURE_HSTS_SECONDS", 31536000, cast=int)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# Number of reverse proxies in front of the application that append to
# X-Forwarded-For; 0 means the address of the connection is the client's.
PROXY_COUNT = env("PROXY_COUNT", 0, cast=int)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # data: only for images: the Utrecht component library's checkbox ticks and the
        # select arrow in app.css are inline SVG in the CSS (README, "Front-end").
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# var/vendor: the NL Design System CSS and fonts, copied from node_modules by the Makefile
# (scripts/vendor_assets.py), served as /static/vendor/...
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor", BASE_DIR / "var" / "vendor")]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "casusoverleg.staticfiles.AppDirectoriesFinder",
]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "media"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "casusoverleg@localhost")
# The address users reach the application on: links in e-mail and calendar
# invitations (which carry a link and never case data).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Multi-factor authentication (TOTP app, security key, backup codes). Required for
# every account on every page, download and websocket. Only a local `make run`
# (DEBUG on) may switch it off, or exempt the demo accounts (MFA_DEMO_VRIJSTELLING):
# with DEBUG off either stops start-up.
MFA_VERPLICHT = env("MFA_VERPLICHT", True, cast=bool)
MFA_DEMO_VRIJSTELLING = env("MFA_DEMO_VRIJSTELLING", False, cast=bool)

# The first time in a session that a user opens a case, they say why; every audit
# row of that session about that case records it (casusoverleg/gebruiksdoel.py).
# Only the tests switch it off by default (tests/settings.py), to test it where
# it is the subject.
GEBRUIKSDOEL_VRAGEN = env("GEBRUIKSDOEL_VRAGEN", True, cast=bool)
if not DEBUG and not MFA_VERPLICHT:
    raise ImproperlyConfigured("MFA_VERPLICHT=0 is only allowed with DEBUG=1.")
if not DEBUG and MFA_DEMO_VRIJSTELLING:
    raise ImproperlyConfigured(
        "MFA_DEMO_VRIJSTELLING is a demo setting for `make run` and needs DEBUG=1."
    )
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = "Casusoverleg"
# Failed codes wait 1, 2, 4, 8... seconds before the next try, per device.
OTP_TOTP_THROTTLE_FACTOR = 1
MFA_HERSTELCODE_THROTTLE_FACTOR = 1
# Security keys (WebAuthn) as a second factor only: never instead of the password.
_site = urlparse(SITE_URL)
# A relying party is a domain name, never an address: `make run` on 127.0.0.1
# offers security keys on http://localhost:8000.
_rp_host = "localhost" if _site.hostname in {"127.0.0.1", "::1"} else _site.hostname
OTP_WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID", _rp_host)
OTP_WEBAUTHN_RP_NAME = "Casusoverleg"
OTP_WEBAUTHN_ALLOWED_ORIGINS = env(
    "WEBAUTHN_ORIGINS",
    [f"{_site.scheme}://{_rp_host}" + (f":{_site.port}" if _site.port else "")],
    cast=list,
)
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# How long an administrator's password reset waits for a second administrator.
WACHTWOORDRESET_GELDIG_UREN = env("WACHTWOORDRESET_GELDIG_UREN", 24, cast=int)

# The start page names a coordinator's cases without a change for this many days.
STARTPAGINA_STIL_DAGEN = env("STARTPAGINA_STIL_DAGEN", 14, cast=int)

# Legal terms as timers (casusoverleg/termijnen.py): per kind its length in days
# ("dagen", where the term has a fixed length) and the days before its end at which
# reminders go out ("herinneren"). Lengths are settings, never constants in code;
# TERMIJNEN_JSON (a JSON object of the same shape) overrides them per kind and key.
TERMIJNEN = {
    # The reflection period: "up to three months" (Vreemdelingencirculaire B8.3).
    "bedenktijd": {"dagen": 90, "herinneren": [14, 3]},
    # The disciplines' assessments (the date the coordinator sets). When it passes
    # with assessments open, "sluiten" closes the round (the missing organisations
    # named in the reason; a late assessment still attaches, marked late) and
    # "escaleren" gives the coordinator a task to close it or extend the deadline.
    # Why closing is the default: identificatie.services.proces.BIJ_VERLOPEN.
    "beoordelingsdeadline": {"herinneren": [3, 1], "bij_verlopen": "sluiten"},
    # A minor's 18th birthday: handover tasks 100 and 30 days before.
    "achttien": {"herinneren": [100, 30]},
    # The report to CoMensha, from the case's opening: two weeks, enough to settle
    # consent or the legal basis with the person (and their lawyer), yet well before
    # any advice can be adopted (which needs the report). Reminders a week and two
    # days before its end.
    "comensha_melding": {"dagen": 14, "herinneren": [7, 2]},
    # The addressee's decision on an advice, from its first sending to that addressee
    # (advies.termijnen). IND: the statutory term for a residence application
    # (Vreemdelingenwet 2000, art. 25: 90 days). Gemeente: Wmo 2015, six weeks of
    # inquiry (art. 2.3.2) plus two for the decision (art. 2.3.5). OM: no statutory
    # term; a quarter, to ask after it. Zorgaanbieder: a shelter or care placement
    # is decided in days, not months; two weeks. Anders: the Awb's outer limit of a
    # reasonable decision term, eight weeks (art. 4:13).
    "advies_besluit": {
        "dagen_per_geadresseerde": {
            "ind": 90,
            "om": 90,
            "zorgaanbieder": 14,
            "gemeente": 56,
            "anders": 56,
        },
        "herinneren": [14, 3],
    },
}
for _soort, _waarden in env("TERMIJNEN_JSON", {}, cast=json.loads).items():
    TERMIJNEN.setdefault(_soort, {}).update(_waarden)

# Days a minor's task has before it is overdue: adding Nidos to an amv case,
# handing over coordination per the youth-care delineation, recording what
# happens at 18 (casusoverleg.minderjarigen).
MINDERJARIGEN_TAAK_DAGEN = env("MINDERJARIGEN_TAAK_DAGEN", 7, cast=int)

# A warm referral nobody answers: days until the receiving organisation is reminded,
# and until the case's coordinator is told (wegwijzer.herinneringen).
DOORVERWIJZING_HERINNERING_DAGEN = env("DOORVERWIJZING_HERINNERING_DAGEN", 3, cast=int)
DOORVERWIJZING_ESCALATIE_DAGEN = env("DOORVERWIJZING_ESCALATIE_DAGEN", 7, cast=int)

# The access review (casusoverleg.toegangsreview): a grant of a case to an
# organisation that none of its members used for this many days is flagged; an
# organisation's administrators are reminded once (and it is in Mijn taken) when
# their last review is this many days old.
TOEGANG_ONGEBRUIKT_DAGEN = env("TOEGANG_ONGEBRUIKT_DAGEN", 90, cast=int)
TOEGANG_REVIEW_DAGEN = env("TOEGANG_REVIEW_DAGEN", 365, cast=int)

# Limits on a meeting's minutes, per agenda item: characters per entry (minute or
# addendum), minute entries, and addenda (which are never removed). They keep the
# minutes' PDF within what the safe PDF engine renders (casusoverleg/pdf.py).
NOTULE_MAX_TEKENS = env("NOTULE_MAX_TEKENS", 10_000, cast=int)
NOTULEN_MAX_PER_AGENDAPUNT = env("NOTULEN_MAX_PER_AGENDAPUNT", 50, cast=int)
ADDENDA_MAX_PER_AGENDAPUNT = env("ADDENDA_MAX_PER_AGENDAPUNT", 10, cast=int)

# Small-cell suppression of the project group's figures (statistiek.onderdrukking):
# counts from 1 to ONDERDRUKKING_DREMPEL - 1 are shown as "<5", and time statistics
# over fewer cases are not shown. At least 3: with zeros shown, "<2" would read as 1.
ONDERDRUKKING_DREMPEL = env("ONDERDRUKKING_DREMPEL", 5, cast=int)
# How long (seconds) the figures are kept once counted: every look within it shows the
# same snapshot, with its time on the page. 0 counts again at every look.
STATISTIEK_VERVERSEN = env("STATISTIEK_VERVERSEN", 900, cast=int)

# Logs carry case numbers and public ids only, never names or case content.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # Not "weasyprint": configuring it would reset weasyprint.progress, on which the
    # PDF render limit listens (casusoverleg.pdf._install_limits).
    "loggers": {"axes": {"level": "WARNING"}},
}
