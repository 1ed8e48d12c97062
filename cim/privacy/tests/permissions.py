from cim.testing.matrix import (
    ANY_SERVICE_DESK,
    BAD_REQUEST,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    OWN_PENVOERDER_ONLY,
    Case,
    expect,
)


def ours(w):  # type: ignore[no-untyped-def]
    return {"pk": w.participation.pk}


def anonymise_contributor(w):  # type: ignore[no-untyped-def]
    return {"email": "collega@arnhem.nl", "reason": "Verzoek per e-mail", "confirmed": "on"}


CASES = [
    Case("privacy:export", OWN_PENVOERDER_ONLY, kwargs=ours),
    Case("privacy:export_download", OWN_PENVOERDER_ONLY, kwargs=ours, method="post"),
    Case("privacy:export_download", expect(NOT_ALLOWED, anonymous=LOGIN), kwargs=ours, label="GET"),
    Case(
        "privacy:export",
        expect(NOT_FOUND, anonymous=LOGIN, foreign_penvoerder=OK),
        kwargs=lambda w: {"pk": w.foreign_participation.pk},
        label="foreign participation",
    ),
    Case("privacy:persons", ANY_SERVICE_DESK),
    Case(
        "privacy:anonymise",
        # Another programme's service desk does not find the person: the form comes back (400).
        expect(NOT_FOUND, anonymous=LOGIN, servicedesk=OK, foreign_staff=BAD_REQUEST),
        method="post",
        data=anonymise_contributor,
    ),
    Case(
        "privacy:anonymise",
        expect(NOT_FOUND, anonymous=LOGIN, servicedesk=NOT_ALLOWED, foreign_staff=NOT_ALLOWED),
        label="GET",
    ),
]
