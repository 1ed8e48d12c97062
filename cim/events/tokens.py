"""Personal links to a registration: the registration's random UUID, signed with the secret key.

The link can be rebuilt for every e-mail (confirmation, update, offer), yet reading the database
alone does not yield a working link. Anonymising a registration gives it a new UUID, so old links
stop working.
"""

from __future__ import annotations

import uuid

from django.core import signing

SALT = "cim.events.registration"


def registration_token(registration_uuid: uuid.UUID) -> str:
    return signing.Signer(salt=SALT).sign(registration_uuid.hex)


def registration_uuid(token: str) -> uuid.UUID | None:
    if not token or len(token) > 200:
        return None
    try:
        value = signing.Signer(salt=SALT).unsign(token)
        return uuid.UUID(hex=value)
    except (signing.BadSignature, ValueError):
        return None
