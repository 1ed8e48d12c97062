"""The certificate of participation: a PDF rendered from an HTML template by WeasyPrint."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cim.events.models import Registration


def certificate_filename(registration: Registration) -> str:
    start = timezone.localtime(registration.session.starts_at)
    return f"certificaat-{registration.event.kind}-{start:%Y-%m-%d}.pdf"


def certificate_html(registration: Registration, *, language: str | None = None) -> str:
    session = registration.session
    with translation.override(language or registration.language or "nl"):
        return render_to_string(
            "events/certificate.html",
            {
                "registration": registration,
                "session": session,
                "event": session.event,
                "edition": session.event.edition,
                "programme": session.event.edition.programme,
                "issued_on": timezone.localdate(),
            },
        )


def certificate_pdf(registration: Registration, *, language: str | None = None) -> bytes:
    from weasyprint import HTML

    html = certificate_html(registration, language=language)
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()
