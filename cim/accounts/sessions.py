"""Database sessions whose refresh does not wait for the disk.

With SESSION_SAVE_EVERY_REQUEST (the idle timeout slides) every request writes its session. On
PostgreSQL that write is committed with ``synchronous_commit = off``: the commit returns without
waiting for the WAL flush (one fsync, 5–12 ms on the development machine; see the load test in
docs/performance.md). What can be lost is only that write, and only if PostgreSQL itself
crashes within a fraction of a second: the session then keeps its previous expiry, or a fresh
login is gone and the person logs in again. Deleting a session (logout) stays synchronous, and a
save inside a larger transaction is left alone (it commits with that transaction's setting).
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router, transaction


class SessionStore(DatabaseSessionStore):
    def save(self, must_create: bool = False) -> None:
        using = router.db_for_write(self.model)
        connection = connections[using]
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            super().save(must_create=must_create)
            return
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            super().save(must_create=must_create)
