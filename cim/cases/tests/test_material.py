"""Programme material: published by the service desk with a mandatory attribution that shows on
every page and in every download; uploads are checked by their content."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cim.audit.models import AuditEntry
from cim.cases.models import Material
from cim.cases.tests import objects as o
from cim.cases.views.material import download_filename
from cim.testing.world import FOREIGN_STAFF, PENVOERDER, SERVICE_DESK

pytestmark = pytest.mark.django_db


def pptx_bytes(*, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<presentation/>")
        archive.writestr("ppt/slides/slide1.xml", "<sld/>")
        if macro:
            archive.writestr("ppt/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()


def form_data(w, **extra):  # type: ignore[no-untyped-def]
    return {
        "programme": w.programme.pk,
        "kind": "slides",
        "occasion": "mc1",
        "title": "Masterclass 1: de drie perspectieven",
        "description": "De presentatie van masterclass 1.",
        "attribution": "Circulair Inkopen Gelderland, masterclass 1 (2030)",
        "themes": [o.tag("innovatie-partnerschap").pk],
        **extra,
    }


def test_staff_publish_slides_and_everyone_sees_the_attribution(world, client_for) -> None:
    desk = client_for(SERVICE_DESK)
    content = pptx_bytes()
    upload = SimpleUploadedFile("Perspectieven.pptx", content)
    response = desk.post(reverse("cases:material_create"), form_data(world, upload=upload))
    material = Material.objects.get()
    assert response["Location"] == reverse("cases:material", args=[material.pk])
    assert (material.file_type, material.is_published) == ("pptx", False)
    assert material.file.name.startswith("material/")
    assert "Perspectieven" not in material.file.name
    anonymous = client_for("anonymous")
    assert anonymous.get(reverse("cases:material", args=[material.pk])).status_code == 404
    desk.post(reverse("cases:material_publish", args=[material.pk]), {"published": "1"})
    assert AuditEntry.objects.filter(action="cases.material_published").exists()

    listing = anonymous.get(reverse("cases:material_list")).content.decode()
    page = anonymous.get(reverse("cases:material", args=[material.pk])).content.decode()
    for html in (listing, page):
        assert "Masterclass 1: de drie perspectieven" in html
        assert "Bron" in html
        assert "Circulair Inkopen Gelderland, masterclass 1 (2030)" in html
    download = anonymous.get(reverse("cases:material_download", args=[material.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    assert download["Content-Disposition"] == (
        'attachment; filename="Masterclass 1 de drie perspectieven '
        '(bron Circulair Inkopen Gelderland, masterclass 1 (2030)).pptx"'
    )
    assert b"".join(download.streaming_content) == content


def test_a_link_shows_its_attribution_and_has_no_download(world, client_for) -> None:
    client_for(SERVICE_DESK).post(
        reverse("cases:material_create"),
        form_data(world, kind="link", url="https://www.pianoo.nl/", attribution="PIANOo"),
    )
    material = Material.objects.get()
    client_for(SERVICE_DESK).post(reverse("cases:material_publish", args=[material.pk]), {"published": "1"})
    page = client_for("anonymous").get(reverse("cases:material", args=[material.pk])).content.decode()
    assert 'href="https://www.pianoo.nl/"' in page
    assert "PIANOo" in page
    assert client_for("anonymous").get(reverse("cases:material_download", args=[material.pk])).status_code == 404


def test_attribution_outside_ascii_travels_in_the_filename(world) -> None:
    material = o.material(world)
    material.attribution = 'Gemeente Súdwest-Fryslân / "team" <inkoop>'
    assert (
        download_filename(material)
        == "Drie perspectieven op circulair inkopen (bron Gemeente Súdwest-Fryslân team inkoop).pdf"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"attribution": ""}, "Dit veld is vereist"),
        ({"attribution": "   "}, "Dit veld is vereist"),
        ({"upload": None}, "Kies een bestand"),
        ({"upload": ("slides.pdf", b"MZ\x90\x00 not a pdf")}, "Dit bestandstype wordt niet geaccepteerd"),
        ({"upload": "macro"}, "macro"),
        ({"upload": ("leeg.pdf", b"")}, "leeg"),
        ({"kind": "link", "url": "javascript:alert(1)"}, "Voer een geldige URL in"),
        ({"kind": "link", "url": "", "upload": None}, "Vul het webadres van de link in"),
        (
            {"kind": "link", "url": "https://example.org/", "upload": ("a.pdf", o.PDF_BYTES)},
            "Bij een link hoort geen bestand",
        ),
        ({"title": "x" * 201}, "niet meer dan 200 tekens"),
        ({"programme": "999999"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world, client_for, extra, message) -> None:
    data = form_data(world, upload=SimpleUploadedFile("a.pdf", o.PDF_BYTES))
    for key, value in extra.items():
        if key == "upload" and value == "macro":
            value = ("slides.pptm", pptx_bytes(macro=True))
        if key == "upload" and isinstance(value, tuple):
            value = SimpleUploadedFile(value[0], value[1])
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    response = client_for(SERVICE_DESK).post(reverse("cases:material_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Material.objects.exists()
    assert not default_storage.exists("material") or not default_storage.listdir("material")[1]


def test_a_double_submit_adds_material_once(world, client_for) -> None:
    client = client_for(SERVICE_DESK)
    client.post(reverse("cases:material_create"), form_data(world, kind="link", url="https://example.org/"))
    response = client.post(reverse("cases:material_create"), form_data(world, kind="link", url="https://example.org/"))
    assert "Er is al materiaal met deze titel" in response.content.decode()
    assert Material.objects.count() == 1


def test_files_over_10_mb_are_refused(world, client_for) -> None:
    big = SimpleUploadedFile("groot.pdf", o.PDF_BYTES + b"0" * (10 * 1024 * 1024))
    response = client_for(SERVICE_DESK).post(reverse("cases:material_create"), form_data(world, upload=big))
    assert "groter dan 10 MB" in response.content.decode()
    assert not Material.objects.exists()


def test_replacing_the_file_keeps_the_attribution_and_removes_the_old_file(
    world, client_for, django_capture_on_commit_callbacks
) -> None:
    material = o.material(world)
    old_name = material.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(SERVICE_DESK).post(
            reverse("cases:material_edit", args=[material.pk]),
            form_data(world, attribution=material.attribution, upload=SimpleUploadedFile("n.pptx", pptx_bytes())),
        )
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.file_type == "pptx"
    assert not default_storage.exists(old_name)
    assert default_storage.exists(material.file.name)


def test_another_programmes_service_desk_cannot_change_our_material(world, client_for) -> None:
    material = o.material(world)
    client = client_for(FOREIGN_STAFF)
    assert client.post(reverse("cases:material_publish", args=[material.pk]), {"published": "0"}).status_code == 404
    assert client.get(reverse("cases:material_edit", args=[material.pk])).status_code == 404
    material.refresh_from_db()
    assert material.is_published
    assert "Materiaal beheren" not in client_for(PENVOERDER).get(reverse("cases:material_list")).content.decode()


def test_filters_and_script_in_descriptions(world, client_for) -> None:
    material = o.material(world)
    material.description = "<script>alert(1)</script>"
    material.save()
    client = client_for("anonymous")
    assert material.title in client.get(reverse("cases:material_list"), {"tag": "emvi"}).content.decode()
    assert material.title not in client.get(reverse("cases:material_list"), {"tag": "energie"}).content.decode()
    assert material.title not in client.get(reverse("cases:material_list"), {"occasion": "mc4"}).content.decode()
    html = client.get(reverse("cases:material", args=[material.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_material_list_needs_few_queries(world, client_for, django_assert_max_num_queries) -> None:
    from cim.cases.services import material as material_services

    for index in range(10):
        item = material_services.material_create(
            actor=world.user(SERVICE_DESK),
            programme=world.programme,
            kind="link",
            title=f"Link {index}",
            description="Beschrijving",
            attribution="Bron",
            url="https://example.org/",
            tags=[o.tag("gww")],
        )
        material_services.material_set_published(actor=world.user(SERVICE_DESK), material=item, published=True)
    with django_assert_max_num_queries(8):
        response = client_for("anonymous").get(reverse("cases:material_list"))
    assert response.content.decode().count("Link ") >= 10
