from django.utils.translation import gettext_lazy as _

from cim.audit import actions

actions.register(
    {
        "edition.created": _("Editie aangemaakt"),
        "edition.updated": _("Editie gewijzigd"),
        "edition.status_changed": _("Status van editie gewijzigd"),
        "edition.feedback_moment_added": _("Terugkoppelmoment toegevoegd"),
        "edition.feedback_moment_removed": _("Terugkoppelmoment verwijderd"),
        "participation.added": _("Deelnemer toegevoegd"),
        "participation.updated": _("Deelname gewijzigd"),
        "participation.withdrawn": _("Deelname teruggetrokken"),
        "participation.penvoerder_changed": _("Penvoerder overgedragen"),
        "participation.member_added": _("Collega toegevoegd"),
        "participation.member_ended": _("Rol beëindigd"),
        "logincode.issued": _("Inlogcode uitgegeven"),
        "logincode.revoked": _("Inlogcode ingetrokken"),
        "logincode.redeemed": _("Inlogcode gebruikt"),
        "invitation.sent": _("Collega uitgenodigd"),
        "invitation.revoked": _("Uitnodiging ingetrokken"),
        "invitation.accepted": _("Uitnodiging geaccepteerd"),
        "application.submitted": _("Aanmelding ontvangen"),
        "application.approved": _("Aanmelding goedgekeurd"),
        "application.declined": _("Aanmelding afgewezen"),
    }
)
