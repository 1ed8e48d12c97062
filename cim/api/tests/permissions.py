"""The API in the permission matrix. Public endpoints answer everyone alike (only what is
published); the own-data endpoints answer only the penvoerder of the participation (anonymous:
403 from DRF, everyone else, staff included: 404)."""

from cim.testing.matrix import FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, PUBLIC, Case, expect

# Logged in: an (empty or own) list; anonymous: 403.
ME_LIST = expect(OK, anonymous=FORBIDDEN)
OWN_PENVOERDER = expect(NOT_FOUND, anonymous=FORBIDDEN, penvoerder=OK)
FOREIGN_PENVOERDER = expect(NOT_FOUND, anonymous=FORBIDDEN, foreign_penvoerder=OK)
NOBODY = expect(NOT_FOUND, anonymous=FORBIDDEN)
# The token page: every penvoerder for their own tokens.
PENVOERDERS = expect(NOT_FOUND, anonymous=LOGIN, penvoerder=OK, foreign_penvoerder=OK)


def published(w):  # type: ignore[no-untyped-def]
    from cim.api.tests.helpers import publish

    publish(w.edition)
    return {"edition_id": w.edition.pk}


def published_table(w):  # type: ignore[no-untyped-def]
    return {**published(w), "key": "euros_by_province"}


def published_elsewhere(w):  # type: ignore[no-untyped-def]
    published(w)
    return {}


def unpublished(w):  # type: ignore[no-untyped-def]
    return {"edition_id": w.edition.pk}


def ours(w):  # type: ignore[no-untyped-def]
    return {"participation_id": w.participation.pk}


def foreign(w):  # type: ignore[no-untyped-def]
    return {"participation_id": w.foreign_participation.pk}


def ours_released(w):  # type: ignore[no-untyped-def]
    """Arnhem's scan submitted and scored, the edition's results released."""
    from cim.editions.lifecycle import EditionStatus
    from cim.editions.models import Edition
    from cim.scoring.tests.factories import submit

    submit(w.participation)
    Edition.objects.filter(pk=w.edition.pk).update(status=EditionStatus.RESULTS_RELEASED)
    return ours(w)


def foreign_released(w):  # type: ignore[no-untyped-def]
    from cim.editions.lifecycle import EditionStatus
    from cim.editions.models import Edition
    from cim.scoring.tests.factories import submit

    submit(w.foreign_participation)
    Edition.objects.filter(pk=w.edition.pk).update(status=EditionStatus.RESULTS_RELEASED)
    return foreign(w)


def ours_submitted(w):  # type: ignore[no-untyped-def]
    from cim.scoring.tests.factories import submit

    submit(w.participation)
    return ours(w)


def penvoerders_token(w):  # type: ignore[no-untyped-def]
    from cim.api.tokens import token_create
    from cim.testing.world import PENVOERDER

    token, _key = token_create(user=w.user(PENVOERDER), name="Script")
    return {"token_id": token.pk}


def top_ten_published(w):  # type: ignore[no-untyped-def]
    from cim.topten.tests.helpers import published_directly

    if "api_topten" not in w.extras:
        w.extras["api_topten"] = published_directly(
            w.edition, [(1, w.participation.organisation, True), (2, w.foreign_participation.organisation, False)]
        )
    return {"edition_id": w.edition.pk}


CASES = [
    Case("api:schema", PUBLIC),
    Case("api:top_tens", PUBLIC),
    Case("api:top_ten", PUBLIC, kwargs=top_ten_published),
    Case("api:top_ten", expect(NOT_FOUND), kwargs=unpublished, label="before publication"),
    Case("api:top_ten", expect(NOT_ALLOWED), method="post", kwargs=top_ten_published, label="POST"),
    Case("api:editions", PUBLIC),
    Case("api:editions", PUBLIC, kwargs=published_elsewhere, label="published"),
    Case("api:tables", PUBLIC, kwargs=published),
    Case("api:tables", expect(NOT_FOUND), kwargs=unpublished, label="unpublished"),
    Case("api:tables", expect(NOT_FOUND), kwargs=lambda w: {"edition_id": 999_999}, label="unknown"),
    Case("api:table", PUBLIC, kwargs=published_table),
    Case("api:table", expect(NOT_FOUND), kwargs=lambda w: {**published(w), "key": "onbekend"}, label="unknown"),
    Case(
        "api:table",
        expect(NOT_FOUND),
        kwargs=lambda w: {**unpublished(w), "key": "euros_by_province"},
        label="unpublished",
    ),
    Case("api:table", expect(NOT_ALLOWED), method="post", kwargs=published_table, label="POST"),
    Case("api:table_metadata", PUBLIC, kwargs=published_table),
    Case(
        "api:table_metadata",
        expect(NOT_FOUND),
        kwargs=lambda w: {**unpublished(w), "key": "euros_by_province"},
        label="unpublished",
    ),
    Case("api:me_participations", ME_LIST),
    Case("api:me_participation", OWN_PENVOERDER, kwargs=ours),
    Case("api:me_participation", FOREIGN_PENVOERDER, kwargs=foreign, label="foreign"),
    Case("api:me_participation", NOBODY, kwargs=lambda w: {"participation_id": 999_999}, label="unknown"),
    Case("api:me_answers", OWN_PENVOERDER, kwargs=ours),
    Case("api:me_answers", OWN_PENVOERDER, kwargs=ours_submitted, label="submitted"),
    Case("api:me_answers", FOREIGN_PENVOERDER, kwargs=foreign, label="foreign"),
    Case("api:me_scores", OWN_PENVOERDER, kwargs=ours_released),
    Case("api:me_scores", FOREIGN_PENVOERDER, kwargs=foreign_released, label="foreign"),
    # Before the results are released nobody gets scores through the API.
    Case("api:me_scores", NOBODY, kwargs=ours_submitted, label="before release"),
    Case("api:tokens", PENVOERDERS),
    Case("api:tokens", PENVOERDERS, method="post", data=lambda w: {"naam": "Mijn script"}, label="create"),
    # Only the owner revokes; anyone else's attempt is a 404.
    Case(
        "api:token_revoke", expect(NOT_FOUND, anonymous=LOGIN, penvoerder=OK), kwargs=penvoerders_token, method="post"
    ),
    Case("api:token_revoke", expect(NOT_ALLOWED, anonymous=LOGIN), kwargs=penvoerders_token, label="GET"),
]
