from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cim.access.decorators import login_required
from cim.access.roles import Perm
from cim.access.scoping import actor_of, participations_visible
from cim.accounts.forms import ProfileForm
from cim.accounts.middleware import has_totp
from cim.accounts.models import User
from cim.accounts.services import user_update_profile


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(
            user=user,
            name=form.cleaned_data["name"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Uw gegevens zijn opgeslagen."))
        response = redirect("accounts:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
        )
        return response
    # Personal API tokens are for reading the organisation's own data: penvoerders only.
    is_penvoerder = participations_visible(actor_of(request), Perm.EXPORT_ORGANISATION_DATA).exists()
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "has_totp": has_totp(request.user), "is_penvoerder": is_penvoerder},
    )
