"""`manage.py backup` and `manage.py restore`: a round trip gives back every row and every file."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cim.scan.models import Answer, EvidenceDocument
from cim.servicedesk.models import Thread
from cim.testing.populated import populate
from cim.testing.world import FOREIGN_PENVOERDER
from tests.reliability.snapshot import database_snapshot, files_snapshot

pytestmark = pytest.mark.django_db


def test_round_trip_restores_every_row_and_every_file(
    world, tmp_path: Path, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        populate(world)
    from cim.testing.populated import fill_scan

    fill_scan(world, participation=world.foreign_participation, user=world.user(FOREIGN_PENVOERDER), seed=3)
    before_db, before_files = database_snapshot(), files_snapshot()
    assert before_files, "the world has uploaded files"
    assert sum(len(rows) for rows in before_db.values()) > 500

    out = io.StringIO()
    call_command("backup", "--output", str(tmp_path / "b.tar.gz"), stdout=out)
    assert "Backup written to" in out.getvalue()

    # Things go wrong after the backup: answers change, a conversation is deleted, a file is lost.
    Answer.objects.filter(response__participation=world.participation).update(value="kapot")
    Thread.objects.all().delete()
    document = EvidenceDocument.objects.first()
    Path(document.file.path).unlink()
    (Path(document.file.path).parent / "indringer.txt").write_text("niet van ons")
    assert database_snapshot() != before_db

    out = io.StringIO()
    call_command("restore", str(tmp_path / "b.tar.gz"), "--yes", stdout=out)
    assert "Restored the backup" in out.getvalue()
    after_db = database_snapshot()
    for label in before_db:
        assert after_db[label] == before_db[label], label
    assert files_snapshot() == before_files


def test_a_tampered_backup_is_refused_and_changes_nothing(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    populate(world)
    call_command("backup", "--output", str(tmp_path / "b.tar.gz"), stdout=io.StringIO())
    before = database_snapshot()
    # Rewrite the archive with a changed database dump.
    with (
        tarfile.open(tmp_path / "b.tar.gz", "r:gz") as original,
        tarfile.open(tmp_path / "t.tar.gz", "w:gz") as tampered,
    ):
        for member in original.getmembers():
            data = original.extractfile(member).read() if member.isfile() else b""
            if member.name == "database.json":
                data = data.replace(b"Arnhem", b"Arnhen")
                member.size = len(data)
            tampered.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(tmp_path / "t.tar.gz"), "--yes", stdout=io.StringIO())
    assert database_snapshot() == before


def test_path_traversal_in_a_backup_is_refused(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        info = tarfile.TarInfo("../../etc/cron.d/x")
        info.size = 1
        archive.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(CommandError, match="unsafe path"):
        call_command("restore", str(evil), "--yes", stdout=io.StringIO())
    assert not (tmp_path.parent.parent / "etc" / "cron.d" / "x").exists()
