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

from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, IntegrityError, connections, router, transaction


class SessionStore(DatabaseSessionStore):
    def save(self, must_create: bool = False) -> None:
        using = router.db_for_write(self.model)
        connection = connections[using]
        if self.session_key is None or connection.vendor != "postgresql" or connection.in_atomic_block:
            super().save(must_create=must_create)
            return
        # Django's save, with the commit setting in the same transaction (no extra savepoint).
        data = self._get_session(no_load=must_create)  # type: ignore[attr-defined]  # not in the stubs
        obj = self.create_model_instance(data)
        try:
            with transaction.atomic(using=using):
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
                obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError as exc:
            if must_create:
                raise CreateError from exc
            raise
        except DatabaseError as exc:
            if not must_create:
                raise UpdateError from exc
            raise
