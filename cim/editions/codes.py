"""Login codes and invitation tokens: generation, normalisation and hashing. Plain Python.

A login code is 20 letters from an alphabet without look-alikes (no I/L/1, O/Q/0, B/8, S/5,
Z/2, U/V), shown in groups of four: about 83 bits of randomness. Only a SHA-256 hash is stored;
with this much randomness a salt adds nothing.
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "ACDEFGHJKMNPRTWXY"  # 17 letters; 20 of them carry log2(17) * 20 ≈ 81.7 bits
CODE_LENGTH = 20
GROUP = 4


class MalformedCode(ValueError):
    pass


def generate_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def normalise_code(text: str) -> str:
    """Upper-case, drop spaces and dashes; raise MalformedCode if it cannot be a code."""
    cleaned = "".join(ch for ch in str(text).upper() if ch not in " -\t\u00a0")
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        raise MalformedCode(cleaned)
    return cleaned


def hash_secret(normalised: str) -> str:
    return hashlib.sha256(normalised.encode()).hexdigest()


def generate_token() -> str:
    return secrets.token_urlsafe(32)
