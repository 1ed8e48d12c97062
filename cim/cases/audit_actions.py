from django.utils.translation import gettext_lazy as _

from cim.audit import actions

actions.register(
    {
        "cases.project_created": _("Project vastgelegd"),
        "cases.project_updated": _("Project gewijzigd"),
        "cases.project_phase_changed": _("Fase van project gewijzigd"),
        "cases.masterclass4_chosen": _("Project gekozen voor masterclass 4"),
        "cases.masterclass4_cleared": _("Keuze voor masterclass 4 ingetrokken"),
        "cases.lesson_created": _("Les geschreven"),
        "cases.lesson_updated": _("Les gewijzigd"),
        "cases.lesson_submitted": _("Les ingediend om te delen"),
        "cases.lesson_shared_version_saved": _("Gedeelde versie van les bewerkt"),
        "cases.lesson_sent_for_approval": _("Les ter goedkeuring voorgelegd aan de auteur"),
        "cases.lesson_approved": _("Gedeelde versie van les goedgekeurd; les gedeeld"),
        "cases.lesson_changes_requested": _("Auteur vraagt wijzigingen in gedeelde versie"),
        "cases.lesson_withdrawn": _("Les niet meer gedeeld"),
        "cases.lesson_top10_marked": _("Les gedeeld voor de Top 10-pagina"),
        "cases.lesson_top10_cleared": _("Les niet meer gedeeld voor de Top 10-pagina"),
        "cases.material_created": _("Programmamateriaal toegevoegd"),
        "cases.material_updated": _("Programmamateriaal gewijzigd"),
        "cases.material_published": _("Programmamateriaal gepubliceerd"),
        "cases.material_unpublished": _("Programmamateriaal niet meer gepubliceerd"),
    }
)
