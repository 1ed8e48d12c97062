from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cim.access.roles import Perm
from cim.access.scoping import actor_of
from cim.cases.selectors import shared_programmes
from cim.core.registry import NavItem, register_nav


def _projects_visible(request: HttpRequest) -> bool:
    if not request.user.is_authenticated:
        return False
    actor = actor_of(request)
    return actor.is_member or bool(actor.programmes_with(Perm.VIEW_PARTICIPATION))


def _lessons_visible(request: HttpRequest) -> bool:
    return request.user.is_authenticated and bool(shared_programmes(actor_of(request)))


def _review_visible(request: HttpRequest) -> bool:
    return request.user.is_authenticated and bool(actor_of(request).programmes_with(Perm.EDIT_ORGANISATION_CONTENT))


register_nav(NavItem("cases.projects", _("Projecten"), "cases:projects", _projects_visible, order=40))
register_nav(NavItem("cases.lessons", _("Lessen"), "cases:shared_lessons", _lessons_visible, order=41))
register_nav(NavItem("cases.review", _("Lessen anonimiseren"), "cases:review_list", _review_visible, order=42))
register_nav(NavItem("cases.material", _("Programmamateriaal"), "cases:material_list", lambda r: True, order=45))
