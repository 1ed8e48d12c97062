from django.utils.translation import gettext_lazy as _

from cim.audit import actions

actions.register(
    {
        "statistics.previewed": _("Voorbeeld van de statistieken bekeken (met onderdrukte waarden)"),
        "statistics.published": _("Statistieken van een editie gepubliceerd"),
        "statistics.values_viewed": _("Onafgeschermde waarden van gepubliceerde statistieken bekeken"),
    }
)
