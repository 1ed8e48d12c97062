from django.urls import path

from cim.editions.views import member, public, staff

app_name = "editions"

urlpatterns = [
    # Public
    path("code/", public.redeem_code, name="redeem_code"),
    path("code/account/", public.redeem_account, name="redeem_account"),
    path("uitnodiging/<str:token>/", public.invitation_accept, name="invitation_accept"),
    path("aanmelden/", public.apply, name="apply"),
    path("aanmelden/ontvangen/", public.apply_done, name="apply_done"),
    # Members of a participating organisation
    path("deelname/<int:pk>/", member.participation_home, name="participation"),
    path("deelname/<int:pk>/uitnodigen/", member.invite, name="invite"),
    path(
        "deelname/<int:pk>/uitnodiging/<int:invitation_pk>/intrekken/",
        member.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "deelname/<int:pk>/collega/<int:member_pk>/beeindigen/",
        member.member_end,
        name="member_end",
    ),
    # Service desk
    path("beheer/edities/", staff.edition_list, name="staff_editions"),
    path("beheer/edities/nieuw/", staff.edition_create, name="staff_edition_create"),
    path("beheer/edities/<int:pk>/", staff.edition_detail, name="staff_edition"),
    path("beheer/edities/<int:pk>/bewerken/", staff.edition_edit, name="staff_edition_edit"),
    path("beheer/edities/<int:pk>/status/", staff.edition_status, name="staff_edition_status"),
    path(
        "beheer/edities/<int:pk>/terugkoppelmomenten/",
        staff.feedback_moment_add,
        name="staff_feedback_moment_add",
    ),
    path(
        "beheer/terugkoppelmomenten/<int:pk>/verwijderen/",
        staff.feedback_moment_remove,
        name="staff_feedback_moment_remove",
    ),
    path(
        "beheer/edities/<int:pk>/deelnemers/toevoegen/",
        staff.participations_add,
        name="staff_participations_add",
    ),
    path("beheer/edities/<int:pk>/inlogcodes/", staff.codes_bulk, name="staff_codes_bulk"),
    path("beheer/aanmeldingen/<int:pk>/", staff.application_decide, name="staff_application"),
    path("beheer/deelnames/<int:pk>/", staff.staff_participation, name="staff_participation"),
    path(
        "beheer/deelnames/<int:pk>/bewerken/",
        staff.staff_participation_edit,
        name="staff_participation_edit",
    ),
    path("beheer/deelnames/<int:pk>/inlogcode/", staff.code_issue, name="staff_code_issue"),
    path("beheer/deelnames/<int:pk>/penvoerder/", staff.penvoerder_handover, name="staff_handover"),
    path(
        "beheer/deelnames/<int:pk>/terugtrekken/",
        staff.participation_withdraw,
        name="staff_withdraw",
    ),
    path("beheer/inlogcodes/<int:pk>/intrekken/", staff.code_revoke, name="staff_code_revoke"),
]
