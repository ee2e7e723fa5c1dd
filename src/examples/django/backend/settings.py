"""Settings of the example backend: one API endpoint, open only to holders of a broker token."""
import os

DEBUG = False
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
# This project has no sessions, CSRF cookies or signed data, so it needs no SECRET_KEY; yours likely does.
INSTALLED_APPS = ["rest_framework"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "backend.urls"
DATABASES = {}
USE_TZ = True

# The broker: its issuer exactly as in the tokens' iss (scheme, host, port, no trailing slash), and the audience
# this backend was given (one of the broker's broker.audiences).
ANON_BROKER_ISSUER = os.environ.get("ANON_BROKER_ISSUER", "http://127.0.0.1:8080")
ANON_BROKER_AUDIENCE = os.environ.get("ANON_BROKER_AUDIENCE", "backend")
ANON_BROKER_ALGORITHMS = ["ES256"]
# This backend's public URL as browsers call it, e.g. https://api.example.com: the DPoP proofs of bound tokens name it
# (with the path) in htu. Unset, DPoP-bound tokens are refused.
ANON_BROKER_BACKEND_URL = os.environ.get("ANON_BROKER_BACKEND_URL", "")
# The broker's cookie mode: the cookie's name (e.g. __Host-anon-broker; unset, cookies are ignored) and the origins
# that may send it with unsafe methods (CSRF).
ANON_BROKER_COOKIE_NAME = os.environ.get("ANON_BROKER_COOKIE_NAME", "")
ANON_BROKER_ALLOWED_ORIGINS = [o for o in os.environ.get("ANON_BROKER_ALLOWED_ORIGINS", "").split(",") if o]
# Optional: ANON_BROKER_JWKS_URL (default <issuer>/.well-known/jwks.json), ANON_BROKER_LEEWAY (seconds, default 30),
# ANON_BROKER_JWKS_LIFESPAN (seconds the key set is cached, default 300).

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["anon_broker_auth.authentication.BrokerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # No django.contrib.auth here: an unauthenticated request's user is None rather than AnonymousUser.
    "UNAUTHENTICATED_USER": None,
}
