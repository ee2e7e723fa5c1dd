"""Django REST framework authentication with broker tokens (``Authorization: Bearer <token>``)."""
from dataclasses import dataclass, field

from django.conf import settings
from rest_framework import authentication, exceptions

from .verifier import BrokerTokenSettings, InvalidBrokerToken, verifier_for

REALM = "api"


@dataclass(frozen=True)
class BrokerPrincipal:
    """``request.user`` for a verified broker token: one anonymous visitor's session, no Django user behind it."""

    sub: str
    sid: str
    claims: dict = field(compare=False, repr=False)
    is_authenticated = True
    is_anonymous = False

    def __str__(self):
        return f"anon:{self.sub}"


class BrokerTokenAuthentication(authentication.BaseAuthentication):
    """Accepts broker tokens verified offline; requests without a bearer token are left to the next class.

    A presented but invalid token is refused with 401 and ``WWW-Authenticate: Bearer ... error="invalid_token"``
    (RFC 6750 section 3); ``request.auth`` holds the verified claims.
    """

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        request._broker_token_refused = True
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Authorization header must be 'Bearer <token>'")
        try:
            token = parts[1].decode("ascii")
            claims = verifier_for(broker_token_settings()).verify(token)
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("the token is not a JWT")
        except InvalidBrokerToken as e:
            raise exceptions.AuthenticationFailed(f"Broker token refused ({e.reason}): {e}")
        request._broker_token_refused = False
        return BrokerPrincipal(sub=claims["sub"], sid=claims.get("sid", ""), claims=claims), claims

    def authenticate_header(self, request):
        if getattr(request, "_broker_token_refused", False):
            return f'Bearer realm="{REALM}", error="invalid_token"'
        return f'Bearer realm="{REALM}"'


def broker_token_settings():
    """Reads the ``ANON_BROKER_*`` Django settings (read per request, so tests may override them)."""
    return BrokerTokenSettings(
        issuer=getattr(settings, "ANON_BROKER_ISSUER", ""),
        audience=getattr(settings, "ANON_BROKER_AUDIENCE", "backend"),
        algorithms=tuple(getattr(settings, "ANON_BROKER_ALGORITHMS", ("ES256",))),
        jwks_url=getattr(settings, "ANON_BROKER_JWKS_URL", ""),
        leeway_seconds=getattr(settings, "ANON_BROKER_LEEWAY", 30),
        jwks_lifespan_seconds=getattr(settings, "ANON_BROKER_JWKS_LIFESPAN", 300),
    )
