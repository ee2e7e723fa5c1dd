"""Django REST framework authentication with broker tokens: ``Authorization: Bearer <token>``,
``Authorization: DPoP <token>`` with a ``DPoP`` proof for a token bound to the browser's key, and optionally the
broker's cookie."""
from dataclasses import dataclass, field

from django.conf import settings
from rest_framework import authentication, exceptions

from .dpop import PROOF_ALGORITHMS, InvalidProof, UsedProofs, verify_proof
from .verifier import BrokerTokenSettings, InvalidBrokerToken, verifier_for

REALM = "api"
# RFC 9110 section 9.2.1; any other method with the token in a cookie must come from an allowed Origin (CSRF).
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
DPOP_MAX_AGE_SECONDS = 60
DPOP_CLOCK_SKEW_SECONDS = 5
USED_PROOFS = UsedProofs()


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
    """Accepts broker tokens verified offline; requests without one are left to the next class.

    A presented but invalid token is refused with 401 and ``WWW-Authenticate: Bearer ... error="invalid_token"``
    (RFC 6750 section 3), or a ``DPoP`` challenge (RFC 9449 section 7.1) where DPoP is the remedy; a token from the
    cookie with an unsafe method and an ``Origin`` not in ``ANON_BROKER_ALLOWED_ORIGINS`` gets 403. ``request.auth``
    holds the verified claims.
    """

    def authenticate(self, request):
        presented = _presented_token(request)
        if presented is None:
            return None
        source, token = presented
        if source == "cookie" and request.method not in SAFE_METHODS \
                and request.headers.get("Origin") not in _allowed_origins():
            raise exceptions.PermissionDenied("a request with the broker cookie and this method needs an allowed Origin")
        request._broker_challenge = ("DPoP" if source == "dpop" else "Bearer", "invalid_token")
        try:
            claims = verifier_for(broker_token_settings()).verify(token)
        except InvalidBrokerToken as e:
            raise exceptions.AuthenticationFailed(f"Broker token refused ({e.reason}): {e}")
        self._check_binding(request, source, token, claims)
        request._broker_challenge = None
        return BrokerPrincipal(sub=claims["sub"], sid=claims.get("sid", ""), claims=claims), claims

    def authenticate_header(self, request):
        scheme, error = getattr(request, "_broker_challenge", None) or ("Bearer", None)
        params = [f'realm="{REALM}"']
        if error:
            params.append(f'error="{error}"')
        if scheme == "DPoP":
            params.append(f'algs="{" ".join(PROOF_ALGORITHMS)}"')
        return f"{scheme} {', '.join(params)}"

    def _check_binding(self, request, source, token, claims):
        """RFC 9449 section 7: a bound token only as DPoP with a valid proof, an unbound one never as DPoP."""
        if "cnf" not in claims:
            if source == "dpop":
                self._refuse(request, "invalid_token", "Broker token refused (not-dpop-bound): send it as Bearer")
            return
        key_thumbprint = claims["cnf"].get("jkt") if isinstance(claims["cnf"], dict) else None
        if source != "dpop" or not isinstance(key_thumbprint, str):
            self._refuse(request, "invalid_token", "Broker token refused (dpop-bound): send it as "
                                                   "'Authorization: DPoP <token>' with a DPoP proof")
        backend_url = getattr(settings, "ANON_BROKER_BACKEND_URL", "").rstrip("/")
        if not backend_url:
            self._refuse(request, "invalid_token", "Broker token refused (dpop-not-configured)")
        # A compact JWS has no comma: one in the header means several proofs folded into one line (RFC 9110 5.3).
        proofs = [p.strip() for p in request.headers.get("DPoP", "").split(",") if p.strip()]
        try:
            if not proofs:
                raise InvalidProof("dpop-proof-missing", "a DPoP proof header is needed")
            if len(proofs) > 1:
                raise InvalidProof("dpop-proof-multiple", "exactly one DPoP proof is allowed")
            verify_proof(proofs[0], token=token, key_thumbprint=key_thumbprint, method=request.method,
                         url=backend_url + request.path, used_proofs=USED_PROOFS, max_age=DPOP_MAX_AGE_SECONDS,
                         clock_skew=DPOP_CLOCK_SKEW_SECONDS)
        except InvalidProof as e:
            self._refuse(request, "invalid_dpop_proof", f"DPoP proof refused ({e.reason}): {e}")

    @staticmethod
    def _refuse(request, error, detail):
        request._broker_challenge = ("DPoP", error)
        raise exceptions.AuthenticationFailed(detail)


def _presented_token(request):
    """``(source, token)`` with source ``bearer``, ``dpop`` or ``cookie``; None when the request carries none."""
    parts = authentication.get_authorization_header(request).split()
    if parts:
        scheme = parts[0].lower()
        if scheme not in (b"bearer", b"dpop"):
            return None
        source = scheme.decode("ascii")
        if len(parts) != 2:
            request._broker_challenge = ("DPoP" if source == "dpop" else "Bearer", "invalid_request")
            raise exceptions.AuthenticationFailed("Authorization header must be 'Bearer <token>' or 'DPoP <token>'")
        try:
            return source, parts[1].decode("ascii")
        except UnicodeDecodeError:
            request._broker_challenge = ("Bearer", "invalid_token")
            raise exceptions.AuthenticationFailed("the token is not a JWT")
    cookie_name = getattr(settings, "ANON_BROKER_COOKIE_NAME", "")
    tokens = _cookie_values(request.META.get("HTTP_COOKIE", ""), cookie_name) if cookie_name else []
    if len(tokens) > 1:
        request._broker_challenge = ("Bearer", "invalid_request")
        raise exceptions.AuthenticationFailed(f"more than one {cookie_name} cookie")
    return ("cookie", tokens[0]) if tokens else None


def _cookie_values(header, name):
    """The values of every cookie called ``name`` in a ``Cookie`` header (RFC 6265 section 5.4); Django's
    ``request.COOKIES`` would keep only the last of several."""
    pairs = (pair.strip().partition("=") for pair in header.split(";"))
    return [value.strip('"') for key, _, value in pairs if key == name and value]


def _allowed_origins():
    return {origin.rstrip("/") for origin in getattr(settings, "ANON_BROKER_ALLOWED_ORIGINS", ())}


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
