from cim.testing.matrix import LOGIN, NOT_ALLOWED, NOT_FOUND, OK, OWN_ORGANISATION_AND_STAFF, STAFF_READ, Case, expect


def ours(w):  # type: ignore[no-untyped-def]
    return {"pk": w.participation.pk}


def released(w):  # type: ignore[no-untyped-def]
    """Results released and Arnhem's scan submitted (and scored)."""
    from cim.editions.lifecycle import EditionStatus
    from cim.editions.models import Edition
    from cim.scoring.tests.factories import submit

    submit(w.participation)
    Edition.objects.filter(pk=w.edition.pk).update(status=EditionStatus.RESULTS_RELEASED)
    return {"pk": w.participation.pk}


def submitted(w):  # type: ignore[no-untyped-def]
    """Arnhem's scan submitted and scored; the edition still open."""
    from cim.scoring.tests.factories import submit

    submit(w.participation)
    return {"pk": w.participation.pk}


def edition(w):  # type: ignore[no-untyped-def]
    return {"pk": w.edition.pk}


CASES = [
    # Before release members see when the report comes; staff see the report (support, audited).
    Case("reports:report", OWN_ORGANISATION_AND_STAFF, kwargs=ours),
    Case("reports:report", OWN_ORGANISATION_AND_STAFF, kwargs=released, label="released"),
    # Before release there is no PDF for members; staff may make one for support.
    Case(
        "reports:pdf_make",
        expect(NOT_FOUND, anonymous=LOGIN, servicedesk=OK, analyst=OK),
        kwargs=submitted,
        method="post",
        label="before release",
    ),
    Case("reports:pdf_make", OWN_ORGANISATION_AND_STAFF, kwargs=released, method="post", data=lambda w: {"taal": "nl"}),
    Case("reports:pdf_make", expect(NOT_ALLOWED), kwargs=released, label="GET"),
    Case("reports:pdf_status", OWN_ORGANISATION_AND_STAFF, kwargs=released),
    Case("reports:pdf_download", OWN_ORGANISATION_AND_STAFF, kwargs=released),
    # Without a score there is nothing to print, for anyone.
    Case("reports:pdf_status", expect(NOT_FOUND, anonymous=LOGIN), kwargs=ours, label="no score"),
    Case("reports:staff_scores", STAFF_READ, kwargs=edition),
    Case("reports:staff_scores_export", STAFF_READ, kwargs=edition),
]
