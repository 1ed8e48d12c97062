from cim.testing.matrix import SERVICE_DESK_ONLY, Case


def edition(w):  # type: ignore[no-untyped-def]
    return {"pk": w.edition.pk}


CASES = [
    Case("questionnaires:staff_definition", SERVICE_DESK_ONLY, kwargs=edition),
    Case(
        "questionnaires:staff_definition",
        SERVICE_DESK_ONLY,
        kwargs=edition,
        method="post",
        data=lambda w: {},
        label="no file",
    ),
    Case("questionnaires:staff_preview", SERVICE_DESK_ONLY, kwargs=edition),
    Case("questionnaires:staff_source", SERVICE_DESK_ONLY, kwargs=edition),
]
