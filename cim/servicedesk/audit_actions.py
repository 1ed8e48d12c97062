from django.utils.translation import gettext_lazy as _

from cim.audit import actions

actions.register(
    {
        "servicedesk.thread_opened": _("Vraag gesteld aan de servicedesk"),
        "servicedesk.member_replied": _("Gemeente reageerde in een gesprek"),
        "servicedesk.staff_replied": _("Servicedesk beantwoordde een vraag"),
        "servicedesk.note_added": _("Interne notitie toegevoegd"),
        "servicedesk.thread_assigned": _("Gesprek toegewezen"),
        "servicedesk.thread_closed": _("Gesprek gesloten"),
        "servicedesk.thread_reopened": _("Gesprek heropend"),
        "servicedesk.suggestion_submitted": _("Verbetersuggestie ingediend"),
        "servicedesk.suggestion_decided": _("Verbetersuggestie beoordeeld"),
        "servicedesk.announcement_saved": _("Mededeling opgeslagen"),
        "servicedesk.announcement_sent": _("Mededeling verstuurd"),
        "servicedesk.reminder_paused": _("Herinnering gepauzeerd"),
        "servicedesk.reminder_resumed": _("Herinnering hervat"),
        "servicedesk.calendar_link_created": _("Agenda-link aangemaakt"),
        "servicedesk.calendar_link_revoked": _("Agenda-link ingetrokken"),
        "servicedesk.guidance_saved": _("Handleiding of veelgestelde vraag opgeslagen"),
        "servicedesk.guidance_deleted": _("Handleiding of veelgestelde vraag verwijderd"),
    }
)
