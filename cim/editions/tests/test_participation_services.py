"""Participations: one by one or in bulk (all or nothing), withdrawal, and the penvoerder handover."""

import pytest

from cim.access.scoping import actor_of
from cim.audit.models import AuditEntry
from cim.core.errors import DomainError
from cim.editions.models import Participation, ParticipationMember
from cim.editions.services import participations as services
from cim.organisations.models import Organisation
from cim.testing import factories as f

pytestmark = pytest.mark.django_db


def test_add_one_snapshots_province_and_size_class() -> None:
    arnhem = f.organisation("GM0202")
    arnhem.population = 164_000
    arnhem.save()
    edition = f.EditionFactory()
    participation = services.participation_add(
        actor=None, edition=edition, organisation=arnhem, contact_email=" Petra@Arnhem.NL "
    )
    assert participation.province.cbs_code == "PV25"
    assert participation.size_class == "XL"
    assert participation.contact_email == "petra@arnhem.nl"
    assert AuditEntry.objects.filter(action="participation.added", organisation=arnhem).exists()
    with pytest.raises(DomainError, match=r"Arnhem neemt al deel aan deze editie\."):
        services.participation_add(actor=None, edition=edition, organisation=arnhem)


def test_add_refuses_closed_edition_and_ended_organisation() -> None:
    closed = f.EditionFactory(status="closed")
    with pytest.raises(DomainError, match="gesloten"):
        services.participation_add(actor=None, edition=closed, organisation=f.organisation("GM0202"))
    ended = f.organisation("GM0197")
    ended.is_active = False
    ended.save()
    with pytest.raises(DomainError, match="bestaat niet meer"):
        services.participation_add(actor=None, edition=f.EditionFactory(), organisation=ended)
    assert not Participation.objects.exists()


def test_bulk_add_parses_codes_and_skips_those_already_taking_part() -> None:
    edition = f.EditionFactory()
    f.ParticipationFactory(edition=edition, organisation=f.organisation("GM0202"))
    result = services.participations_add_bulk(actor=None, edition=edition, codes_text="GM0202, 0268;\ngm0301 0268")
    assert [p.organisation.cbs_code for p in result.added] == ["GM0268", "GM0301"]
    assert [o.cbs_code for o in result.already] == ["GM0202"]
    assert Participation.objects.filter(edition=edition).count() == 3


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ("GM0202 GM9999 PV99", "onbekende codes: GM9999, PV99"),
        ("GM0202 GM0197", "beëindigde gemeenten: GM0197"),
        ("<script>alert(1)</script>", "onbekende codes"),
        ("   ", "Vul een of meer CBS-codes in"),
        (" ".join(f"GM{i:04d}" for i in range(1001)), "hoogstens 1000"),
    ],
)
def test_bulk_add_with_unknown_or_ended_codes_changes_nothing(codes: str, message: str) -> None:
    ended = f.organisation("GM0197")
    ended.is_active = False
    ended.save()
    edition = f.EditionFactory()
    with pytest.raises(DomainError) as caught:
        services.participations_add_bulk(actor=None, edition=edition, codes_text=codes)
    assert message in caught.value.message
    assert not Participation.objects.filter(edition=edition).exists()
    assert not AuditEntry.objects.filter(action="participation.added").exists()


def test_withdraw_revokes_open_codes_and_needs_a_reason() -> None:
    from cim.editions.services.login_codes import login_code_issue

    participation = f.ParticipationFactory()
    issued = login_code_issue(actor=None, participation=participation)
    with pytest.raises(DomainError, match=r"Geef een reden op\."):
        services.participation_withdraw(actor=None, participation=participation, reason="  ")
    services.participation_withdraw(actor=None, participation=participation, reason="Stopt")
    issued.login_code.refresh_from_db()
    assert issued.login_code.state == "revoked"
    with pytest.raises(DomainError, match="al teruggetrokken"):
        services.participation_withdraw(actor=None, participation=participation, reason="Nog eens")
    assert AuditEntry.objects.get(action="participation.withdrawn").reason == "Stopt"


def test_handover_keeps_exactly_one_penvoerder_and_the_history() -> None:
    desk = f.StaffFactory()
    old = f.MemberFactory(participation__edition__programme=desk.programme)
    participation = old.participation
    colleague = f.MemberFactory(participation=participation, role="contributor")
    services.membership_grant(
        actor=desk.user, participation=participation, user=colleague.user, role="penvoerder", reason="Vertrekt"
    )
    members = ParticipationMember.objects.filter(participation=participation)
    active = members.filter(is_active=True)
    assert list(active.values_list("user", "role")) == [(colleague.user.pk, "penvoerder")]
    old.refresh_from_db()
    assert not old.is_active
    assert old.ended_at
    assert old.end_reason == "Vertrekt"
    assert members.count() == 3  # old penvoerder, colleague's ended contributor role, new penvoerder role
    entry = AuditEntry.objects.get(action="participation.penvoerder_changed")
    assert entry.details["previous_penvoerder"] == old.user.email
    assert entry.reason == "Vertrekt"
    assert not actor_of(old.user).is_member  # the old penvoerder lost access


def test_penvoerder_cannot_be_removed_as_a_colleague() -> None:
    penvoerder = f.MemberFactory()
    with pytest.raises(DomainError, match="alleen door de servicedesk"):
        services.membership_end(actor=penvoerder.user, member=penvoerder)
    colleague = f.MemberFactory(participation=penvoerder.participation, role="contributor")
    services.membership_end(actor=penvoerder.user, member=colleague)
    with pytest.raises(DomainError, match="al beëindigd"):
        services.membership_end(actor=penvoerder.user, member=colleague)


def test_organisation_names_are_escaped_where_shown(client) -> None:  # type: ignore[no-untyped-def]
    """A name with markup (e.g. from a crafted import) is shown as text on staff pages."""
    desk = f.StaffFactory()
    from cim.accounts.totp import totp_activate

    totp_activate(desk.user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    org = Organisation.objects.create(kind="overig", name="<script>alert('x')</script> Regio")
    participation = f.ParticipationFactory(edition__programme=desk.programme, organisation=org, province=None)
    client.force_login(desk.user)
    html = client.get(f"/beheer/deelnames/{participation.pk}/").content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Regio" in html
