from django.utils.translation import gettext_lazy as _

from cim.audit import actions

actions.register(
    {
        "events.programme_created": _("Standaardprogramma van masterclasses aangemaakt"),
        "events.event_updated": _("Bijeenkomst gewijzigd"),
        "events.session_created": _("Sessie toegevoegd"),
        "events.session_updated": _("Sessie gewijzigd"),
        "events.session_cancelled": _("Sessie afgelast"),
        "events.registration_created": _("Aanmelding voor bijeenkomst"),
        "events.registration_cancelled": _("Aanmelding voor bijeenkomst geannuleerd"),
        "events.offer_made": _("Plaats van de wachtlijst aangeboden"),
        "events.offer_accepted": _("Aangeboden plaats aangenomen"),
        "events.offer_expired": _("Aangeboden plaats verlopen"),
        "events.attendance_marked": _("Aanwezigheid geregistreerd"),
        "events.project_saved": _("Project voor masterclass 4 opgeslagen"),
        "events.signup_link_created": _("Aanmeldlink voor collega's gemaakt"),
        "events.exported": _("Deelnemersgegevens van bijeenkomsten geëxporteerd"),
        "events.attendees_anonymised": _("Persoonsgegevens van deelnemers geanonimiseerd"),
    }
)
