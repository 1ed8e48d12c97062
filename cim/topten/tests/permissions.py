"""Permission cases of the Top 10 (every URL × every role, see tests/test_permission_matrix.py)."""

from cim.testing.matrix import (
    ANY_SERVICE_DESK,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    PUBLIC,
    SERVICE_DESK_ONLY,
    Case,
    expect,
)
from cim.topten.tests.helpers import published_directly

# The consent page: the organisation's members read it, only its penvoerder chooses.
MEMBERS_READ = expect(NOT_FOUND, anonymous=LOGIN, penvoerder=OK, contributor=OK)
PENVOERDER_WRITES = expect(NOT_FOUND, anonymous=LOGIN, penvoerder=OK)
FOREIGN_MEMBERS_READ = expect(NOT_FOUND, anonymous=LOGIN, foreign_penvoerder=OK)


def published(w):  # type: ignore[no-untyped-def]
    if "topten" not in w.extras:
        w.extras["topten"] = published_directly(
            w.edition, [(1, w.participation.organisation, True), (2, w.foreign_participation.organisation, False)]
        )
    return {"programme": w.programme.slug, "year": w.edition.year}


def unpublished(w):  # type: ignore[no-untyped-def]
    return {"programme": w.programme.slug, "year": w.edition.year}


def other_programme(w):  # type: ignore[no-untyped-def]
    published(w)
    return {"programme": w.other_programme.slug, "year": w.edition.year}


CASES = [
    Case("topten:index", PUBLIC),
    Case("topten:detail", PUBLIC, kwargs=published, label="published"),
    # Before publication nobody reads it there, staff neither (they review under /beheer/).
    Case("topten:detail", expect(NOT_FOUND), kwargs=unpublished, label="unpublished"),
    Case("topten:detail", expect(NOT_FOUND), kwargs=other_programme, label="other programme"),
    Case("topten:consent", MEMBERS_READ, kwargs=lambda w: {"pk": w.participation.pk}),
    Case("topten:consent", FOREIGN_MEMBERS_READ, kwargs=lambda w: {"pk": w.foreign_participation.pk}, label="foreign"),
    Case(
        "topten:consent",
        PENVOERDER_WRITES,
        kwargs=lambda w: {"pk": w.participation.pk},
        method="post",
        data=lambda w: {"named": "1"},
    ),
    Case("topten:manage", ANY_SERVICE_DESK),
    Case("topten:review", SERVICE_DESK_ONLY, kwargs=lambda w: {"pk": w.edition.pk}),
    Case(
        "topten:publish",
        SERVICE_DESK_ONLY,
        kwargs=lambda w: {"pk": w.edition.pk},
        method="post",
        data=lambda w: {"checksum": "0" * 64},
    ),
    Case("topten:publish", expect(NOT_ALLOWED), kwargs=lambda w: {"pk": w.edition.pk}, label="GET"),
]
