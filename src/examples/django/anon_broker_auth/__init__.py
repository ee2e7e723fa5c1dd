"""Offline verification of anon-broker tokens for Django REST framework.

Add ``anon_broker_auth.authentication.BrokerTokenAuthentication`` to DRF's authentication classes and set
``ANON_BROKER_ISSUER`` (and, if they differ from the defaults, ``ANON_BROKER_AUDIENCE``, ``ANON_BROKER_ALGORITHMS``,
``ANON_BROKER_JWKS_URL``, ``ANON_BROKER_LEEWAY``, ``ANON_BROKER_JWKS_LIFESPAN``) in the settings.
"""
