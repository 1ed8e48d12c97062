"""The audit log: typed entries, immutable through the application, browsable by staff only."""

import pytest
from django.test import Client

from cim.audit.log import record
from cim.audit.models import AuditEntry, ImmutableError
from cim.testing import factories as f
from cim.testing.world import SERVICE_DESK

pytestmark = pytest.mark.django_db


def test_entries_cannot_be_changed_or_deleted() -> None:
    entry = record("confidential.read", details={"what": "rapport"})
    entry.reason = "gewijzigd"
    with pytest.raises(ImmutableError):
        entry.save()
    with pytest.raises(ImmutableError):
        entry.delete()
    with pytest.raises(ImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(ImmutableError):
        AuditEntry.objects.all().delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.reason == ""
    assert entry.details == {"what": "rapport"}


def test_unregistered_actions_are_refused() -> None:
    with pytest.raises(ValueError, match="unregistered"):
        record("iets.zomaar")


def test_entry_names_who_and_shows_a_label() -> None:
    user = f.UserFactory(name="Sanne")
    entry = record("edition.created", actor=user, reason="r" * 600)
    assert entry.actor_label == "Sanne"
    assert len(entry.reason) == 500
    assert entry.action_label == "Editie aangemaakt"
    assert record("edition.created").actor_label == "systeem"


def test_admin_cannot_change_or_delete_entries() -> None:
    admin = f.UserFactory(is_staff=True, is_superuser=True)
    entry = record("edition.created")
    client = Client()
    client.force_login(admin)
    assert client.get("/django-admin/audit/auditentry/").status_code == 200
    assert client.post(f"/django-admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_audit_page_filters_and_escapes(world, client_for) -> None:  # type: ignore[no-untyped-def]
    record("edition.created", actor=world.user(SERVICE_DESK), programme=world.programme, details={"x": "<b>vet</b>"})
    record("confidential.read", programme=world.programme, organisation=world.participation.organisation)
    record("edition.created", programme=world.other_programme)  # another programme's entry
    client = client_for(SERVICE_DESK)
    page = client.get("/beheer/audit/").content.decode()
    assert "2 regels" in page
    assert "&lt;b&gt;vet&lt;/b&gt;" in page
    filtered = client.get("/beheer/audit/", {"action": "confidential.read"}).content.decode()
    assert "1 regel" in filtered
    assert "Vertrouwelijke gegevens ingezien" in filtered
    assert (
        "0 regels"
        in client.get("/beheer/audit/", {"organisation": world.foreign_participation.organisation_id}).content.decode()
    )
    # Garbage filters are ignored, not a crash.
    assert client.get("/beheer/audit/", {"date_from": "gisteren", "pagina": "x'--"}).status_code == 200
