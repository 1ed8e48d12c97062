"""Backups: the database (Django's dumpdata with natural foreign keys, so it restores on SQLite and
PostgreSQL alike) and the uploaded files under PRIVATE_ROOT, in one .tar.gz with a manifest of
checksums. `manage.py backup` writes one; `manage.py restore` replaces the current data with it.

The archive holds confidential data: store it encrypted and outside the web root (see
docs/operations.md#backups).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
DATABASE_MEMBER = "database.json"
SERIALIZER = "cim-json"  # JSON with times to the microsecond (cim/core/backup_serializer.py)
MANIFEST_MEMBER = "manifest.json"
FILES_PREFIX = "files/"
# Rebuilt by `migrate` (content types, permissions) or worthless after a restore (sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """The archive is not a usable backup; nothing was changed."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def private_files(root: Path) -> dict[str, str]:
    """Every file under `root`: relative POSIX path -> SHA-256."""
    if not root.exists():
        return {}
    return {path.relative_to(root).as_posix(): sha256_of(path) for path in sorted(root.rglob("*")) if path.is_file()}


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def model_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"contenttypes", "sessions"} and model._meta.label_lower != "auth.permission"
    }


@dataclass(frozen=True)
class BackupResult:
    path: Path
    files: int
    objects: int
    size: int


def _register_serializer() -> None:
    from django.core import serializers

    if SERIALIZER not in serializers.get_serializer_formats():
        serializers.register_serializer(SERIALIZER, "cim.core.backup_serializer")


def backup_create(target: Path, *, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write a backup to `target` (a .tar.gz). The database is read in one transaction."""
    _register_serializer()
    root = Path(settings.PRIVATE_ROOT)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / DATABASE_MEMBER
        outermost = not connections[using].in_atomic_block
        with transaction.atomic(using=using):  # one consistent snapshot (REPEATABLE READ on PostgreSQL)
            if connections[using].vendor == "postgresql" and outermost:
                with connections[using].cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            call_command(
                "dumpdata",
                natural_foreign=True,
                exclude=EXCLUDED,
                format=SERIALIZER,
                output=str(dump),
                database=using,
                verbosity=0,
            )
            counts = model_counts()
            migrations = applied_migrations(using)
        files = private_files(root)
        objects = len(json.loads(dump.read_text()))
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "django": django.get_version(),
            "database_vendor": connections[using].vendor,
            "database_sha256": sha256_of(dump),
            "objects": objects,
            "counts": counts,
            "migrations": migrations,
            "files": files,
        }
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST_MEMBER)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=DATABASE_MEMBER)
            for relative in files:
                archive.add(root / relative, arcname=FILES_PREFIX + relative)
        partial.replace(target)  # never a half-written backup under the real name
    return BackupResult(path=target, files=len(files), objects=objects, size=target.stat().st_size)


def _safe_member(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"unsafe path in archive: {name!r}")
    return name


def backup_read(source: Path, workdir: Path) -> dict[str, Any]:
    """Unpack and verify a backup into `workdir`; return its manifest. Raises BackupError."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            for member in archive.getmembers():
                _safe_member(member.name)
                if not (member.isfile() or member.isdir()):
                    raise BackupError(f"unexpected entry in archive: {member.name!r}")
            archive.extractall(workdir, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"not a readable backup: {exc}") from exc
    try:
        manifest = json.loads((workdir / MANIFEST_MEMBER).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError("the backup has no valid manifest") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    if sha256_of(workdir / DATABASE_MEMBER) != manifest["database_sha256"]:
        raise BackupError("the database dump does not match its checksum")
    restored = private_files(workdir / "files")
    if restored != manifest["files"]:
        raise BackupError("the uploaded files do not match their checksums")
    return manifest


def backup_restore(source: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Replace the database content and the uploaded files with the backup's.

    The database schema must be at the backup's migration state (run `migrate` with the same
    release first). The database is replaced in one transaction: on any error nothing changes.
    """
    from django.contrib.contenttypes.models import ContentType

    _register_serializer()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        manifest = backup_read(source, workdir)
        current = applied_migrations(using)
        if current != manifest["migrations"]:
            missing = {tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in current}
            extra = {tuple(m) for m in current} - {tuple(m) for m in manifest["migrations"]}
            raise BackupError(
                "the database is not at the backup's migration state; install the release the backup was made "
                f"with and run migrate (missing: {sorted(missing)[:5]}, newer: {sorted(extra)[:5]})"
            )
        with transaction.atomic(using=using):
            if connections[using].vendor == "postgresql":
                with connections[using].cursor() as cursor:  # TRUNCATE refuses pending deferred checks
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            call_command("flush", interactive=False, database=using, verbosity=0)
            if connections[using].vendor == "postgresql":
                with connections[using].cursor() as cursor:  # loaddata inserts in any order
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            ContentType.objects.clear_cache()
            call_command("loaddata", str(workdir / DATABASE_MEMBER), database=using, format=SERIALIZER, verbosity=0)
            counts = model_counts()
            if counts != manifest["counts"]:
                differences = {
                    k: (manifest["counts"].get(k), counts.get(k))
                    for k in set(counts) | set(manifest["counts"])
                    if counts.get(k) != manifest["counts"].get(k)
                }
                raise BackupError(f"restored row counts differ from the backup: {differences}")
        _replace_files(workdir / "files", Path(settings.PRIVATE_ROOT))
    return manifest


def _replace_files(source: Path, root: Path) -> None:
    """Swap the uploaded files: the new tree is copied beside the old one, then renamed into place."""
    root.parent.mkdir(parents=True, exist_ok=True)
    incoming = root.with_name(root.name + ".restoring")
    previous = root.with_name(root.name + ".before-restore")
    shutil.rmtree(incoming, ignore_errors=True)
    if source.exists():
        shutil.copytree(source, incoming)
    else:
        incoming.mkdir()
    shutil.rmtree(previous, ignore_errors=True)
    if root.exists():
        root.rename(previous)
    incoming.rename(root)
    shutil.rmtree(previous, ignore_errors=True)
