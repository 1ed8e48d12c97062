"""Objects of this room for tests and the permission matrix, built on the permission world
(Arnhem is ours, Nijmegen is foreign). Each helper creates its object once per world."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from cim.cases.models import Lesson, Material, Project, Tag
from cim.cases.selectors import Owner
from cim.cases.services import lessons as lesson_services
from cim.cases.services import material as material_services
from cim.cases.services import projects as project_services
from cim.testing.world import PENVOERDER, SERVICE_DESK, World

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def tag(key: str) -> Tag:
    return Tag.objects.get(key=key)


def owner(w: World, *, foreign: bool = False) -> Owner:
    participation = w.foreign_participation if foreign else w.participation
    return Owner(
        f"p{participation.pk}",
        str(participation.organisation),
        w.programme,
        participation.organisation,
        participation.edition,
    )


def _once(w: World, key: str, make: Any) -> Any:
    if key not in w.extras:
        w.extras[key] = make()
    return w.extras[key]


def project(w: World) -> Project:
    return _once(
        w,
        "project",
        lambda: project_services.project_create(
            actor=w.user(PENVOERDER),
            owner=owner(w),
            title="Circulaire herinrichting Stationsplein",
            category=tag("gww"),
            perspective=tag("emvi"),
            ambition="Hergebruik van 80% van de bestrating.",
        ),
    )


def draft_lesson(w: World) -> Lesson:
    return _once(
        w,
        "draft_lesson",
        lambda: lesson_services.lesson_create(
            actor=w.user(PENVOERDER),
            owner=owner(w),
            title="Marktconsultatie in Arnhem",
            tried="Wij vroegen Coen Collega om een marktconsultatie te organiseren.",
            tags=[tag("gww")],
        ),
    )


def submitted_lesson(w: World) -> Lesson:
    def make() -> Lesson:
        lesson = lesson_services.lesson_create(
            actor=w.user(PENVOERDER),
            owner=owner(w),
            title="Hergebruik van straatstenen in Arnhem",
            tried="Petra Penvoerder belde 026-1234567 voor de partners.",
            tags=[tag("gww")],
        )
        return lesson_services.lesson_submit(actor=w.user(PENVOERDER), lesson=lesson)

    return _once(w, "submitted_lesson", make)


def awaiting_lesson(w: World) -> Lesson:
    def make() -> Lesson:
        lesson = submitted_lesson(w)
        return lesson_services.lesson_save_shared(
            actor=w.user(SERVICE_DESK),
            lesson=lesson,
            title="Hergebruik van straatstenen",
            tried="Een gemeente zocht partners voor hergebruik.",
            tags=[tag("gww"), tag("hoogwaardig-hergebruik")],
            send=True,
        )

    return _once(w, "awaiting_lesson", make)


def shared_lesson(w: World) -> Lesson:
    def make() -> Lesson:
        lesson = awaiting_lesson(w)
        return lesson_services.lesson_approve(
            actor=w.user(PENVOERDER), lesson=lesson, version=lesson.shared_version().digest()
        )

    return _once(w, "shared_lesson", make)


def pdf_upload(name: str = "slides.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_material(
    *, programme: Any, actor: Any, published: bool = True, title: str = "Drie perspectieven op circulair inkopen"
) -> Material:
    item = material_services.material_create(
        actor=actor,
        programme=programme,
        kind=Material.Kind.HANDOUT,
        occasion=Material.Occasion.MASTERCLASS_1,
        title=title,
        description="Hand-out bij masterclass 1.",
        attribution="Circulair Inkopen Gelderland, masterclass 1 (2030)",
        upload=pdf_upload(),
        tags=[tag("emvi")],
    )
    if published:
        item = material_services.material_set_published(actor=actor, material=item, published=True)
    return item


def material(w: World, *, published: bool = True) -> Material:
    return _once(
        w,
        "material" if published else "material_unpublished",
        lambda: make_material(
            programme=w.programme,
            actor=w.user(SERVICE_DESK),
            published=published,
            title="Drie perspectieven op circulair inkopen" if published else "Werkblad masterclass 4 (concept)",
        ),
    )
