"""Fixed-window rate limits on the shared cache (the database cache, so all workers agree)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address. Behind TRUSTED_PROXY_COUNT reverse proxies it is the entry that many
    places from the end of X-Forwarded-For (each proxy appends the address it saw); without
    proxies REMOTE_ADDR. See docs/operations.md#reverse-proxy."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def _key(scope: str, ident: str, window: int) -> str:
    bucket = int(time.time() // window)
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{bucket}"


def count(scope: str, ident: str, window: int) -> int:
    return int(cache.get(_key(scope, ident, window), 0))


def hit(scope: str, ident: str, window: int) -> int:
    key = _key(scope, ident, window)
    if cache.add(key, 1, timeout=window + 5):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:
        cache.set(key, 1, timeout=window + 5)
        return 1


def exceeded(scope: str, ident: str, *, limit: int, window: int) -> bool:
    return count(scope, ident, window) >= limit
