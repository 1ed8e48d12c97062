from django.utils.translation import gettext_lazy as _

from cim.audit import actions

actions.register(
    {
        "disclosure.released": _("Statistieken gepubliceerd (na controle op onthulling)"),
    }
)
