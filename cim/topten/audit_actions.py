from django.utils.translation import gettext_lazy as _

from cim.audit import actions

actions.register(
    {
        "topten.consent_given": _("Toestemming gegeven voor naamsvermelding in de Top 10"),
        "topten.consent_refused": _("Geen toestemming gegeven voor naamsvermelding in de Top 10"),
        "topten.consent_withdrawn": _("Toestemming voor naamsvermelding in de Top 10 ingetrokken"),
        "topten.ranking_viewed": _("Berekende Top 10 ingezien"),
        "topten.published": _("Top 10 bekendgemaakt"),
    }
)
