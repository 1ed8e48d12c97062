from cim.testing.matrix import (
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    PUBLIC,
    SERVICE_DESK_ONLY,
    STAFF_READ,
    Case,
    expect,
)

GELDERLAND = ["GM0200", "GM0203"]


def scans(w):  # type: ignore[no-untyped-def]
    """Arnhem, Nijmegen and two other Gelderland municipalities submitted (not yet published)."""
    from cim.scoring.tests.factories import participants, submit

    submit(w.participation)
    submit(w.foreign_participation)
    participants(w.edition, GELDERLAND)
    return {"pk": w.edition.pk}


def published(w):  # type: ignore[no-untyped-def]
    """A published table in the ledger (written directly: the matrix is about access; the
    publication itself is tested in test_services)."""
    from decimal import Decimal

    from cim.disclosure.models import PublishedCell, PublishedTable
    from cim.disclosure.tables import Kind, TableSpec

    kwargs = scans(w)
    spec = TableSpec("total_by_province", Kind.MAGNITUDE, w.edition.pk, "province", ("total:gww",))
    table = PublishedTable.objects.create(edition=w.edition, key=spec.key, kind=spec.kind, spec=spec.to_json())
    PublishedCell.objects.create(table=table, row="PV25", column="total:gww", value=None, suppressed=True)
    PublishedCell.objects.create(table=table, row="*", column="total:gww", value=Decimal("1234.00"))
    return kwargs


def download(fmt: str):  # type: ignore[no-untyped-def]
    def kwargs(w):  # type: ignore[no-untyped-def]
        return {**published(w), "key": "total_by_province", "fmt": fmt}

    return kwargs


def fingerprint(w):  # type: ignore[no-untyped-def]
    from cim.statistics.services import compute_preview

    return {"fingerprint": compute_preview(w.edition).fingerprint}


FUNDER_AND_STAFF = expect(NOT_FOUND, anonymous=LOGIN, funder=OK, servicedesk=OK, analyst=OK)

CASES = [
    Case("statistics:index", PUBLIC),
    Case("statistics:edition", PUBLIC, kwargs=published),
    # Unpublished: does not exist, for everyone (staff prepare it under /beheer/).
    Case("statistics:edition", expect(NOT_FOUND), kwargs=scans, label="unpublished"),
    Case("statistics:download", PUBLIC, kwargs=download("csv"), label="csv"),
    Case("statistics:download", PUBLIC, kwargs=download("xlsx"), label="xlsx"),
    Case("statistics:download", PUBLIC, kwargs=download("json"), label="json"),
    Case(
        "statistics:download",
        expect(NOT_FOUND),
        kwargs=lambda w: {**scans(w), "key": "total_by_province", "fmt": "csv"},
        label="unpublished",
    ),
    Case("statistics:funder", FUNDER_AND_STAFF, kwargs=published),
    Case("statistics:funder", expect(NOT_FOUND, anonymous=LOGIN), kwargs=scans, label="unpublished"),
    Case("statistics:preview", SERVICE_DESK_ONLY, kwargs=scans),
    Case("statistics:publish", SERVICE_DESK_ONLY, kwargs=scans, method="post", data=fingerprint),
    Case("statistics:publish", expect(NOT_ALLOWED), kwargs=scans, label="GET"),
    Case("statistics:values", STAFF_READ, kwargs=published),
    Case("statistics:values", STAFF_READ, kwargs=scans, label="unpublished"),
]
