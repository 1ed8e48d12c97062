from django.urls import path

from cim.events.views import member, public, staff

app_name = "events"

urlpatterns = [
    # Public
    path("evenementen/", public.programme, name="programme"),
    path("evenementen/<int:pk>/", public.event_detail, name="event"),
    path("evenementen/<int:pk>/aanmelden/", public.public_register, name="public_register"),
    path("evenementen/aanmelden/ontvangen/", public.done, name="done"),
    path("evenementen/link/<str:key>/", public.link, name="link"),
    path("evenementen/link/<str:key>/sessie/<int:session_pk>/", public.link_register, name="link_register"),
    path("evenementen/inschrijving/<str:token>/", public.registration, name="registration"),
    path("evenementen/inschrijving/<str:token>/annuleren/", public.registration_cancel, name="registration_cancel"),
    path("evenementen/inschrijving/<str:token>/plaats-aannemen/", public.offer_accept, name="offer_accept"),
    path("evenementen/inschrijving/<str:token>/agenda.ics", public.registration_ics, name="registration_ics"),
    path(
        "evenementen/inschrijving/<str:token>/certificaat.pdf",
        public.registration_certificate,
        name="registration_certificate",
    ),
    # The participating organisation
    path("deelname/<int:pk>/evenementen/", member.events_home, name="home"),
    path("deelname/<int:pk>/evenementen/sessie/<int:session_pk>/aanmelden/", member.register, name="register"),
    path(
        "deelname/<int:pk>/evenementen/aanmelding/<int:registration_pk>/annuleren/",
        member.cancel,
        name="cancel",
    ),
    path(
        "deelname/<int:pk>/evenementen/aanmelding/<int:registration_pk>/certificaat.pdf",
        member.certificate,
        name="certificate",
    ),
    path("deelname/<int:pk>/evenementen/aanmeldlink/", member.signup_link, name="signup_link"),
    path("deelname/<int:pk>/evenementen/<int:event_pk>/project/", member.project, name="project"),
    # Service desk
    path("beheer/evenementen/", staff.index, name="staff_index"),
    path("beheer/evenementen/editie/<int:pk>/", staff.edition_programme, name="staff_edition"),
    path("beheer/evenementen/editie/<int:pk>/standaardprogramma/", staff.create_defaults, name="staff_defaults"),
    path("beheer/evenementen/editie/<int:pk>/per-organisatie/", staff.municipalities, name="staff_municipalities"),
    path("beheer/evenementen/editie/<int:pk>/export.xlsx", staff.edition_export, name="staff_edition_export"),
    path("beheer/evenementen/<int:pk>/bewerken/", staff.event_edit, name="staff_event_edit"),
    path("beheer/evenementen/<int:pk>/sessies/nieuw/", staff.session_create, name="staff_session_create"),
    path("beheer/evenementen/sessie/<int:pk>/", staff.session_detail, name="staff_session"),
    path("beheer/evenementen/sessie/<int:pk>/bewerken/", staff.session_edit, name="staff_session_edit"),
    path("beheer/evenementen/sessie/<int:pk>/afgelasten/", staff.session_cancel, name="staff_session_cancel"),
    path("beheer/evenementen/sessie/<int:pk>/inchecken/", staff.checkin, name="staff_checkin"),
    path("beheer/evenementen/sessie/<int:pk>/niet-verschenen/", staff.mark_no_shows, name="staff_no_shows"),
    path("beheer/evenementen/sessie/<int:pk>/export.xlsx", staff.session_export, name="staff_session_export"),
    path(
        "beheer/evenementen/aanmelding/<int:pk>/aanwezigheid/",
        staff.mark_attendance,
        name="staff_attendance",
    ),
    path("beheer/evenementen/aanmelding/<int:pk>/annuleren/", staff.registration_cancel, name="staff_cancel"),
]
