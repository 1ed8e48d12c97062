from django.urls import path

from cim.servicedesk.views import announcements, calendar, guidance, member, overview, reminders, staff_threads
from cim.servicedesk.views import suggestions as suggestion_views

app_name = "servicedesk"

STAFF = "beheer/servicedesk/"

urlpatterns = [
    # Members of a participating organisation
    path("servicedesk/", member.home, name="home"),
    path("servicedesk/vraag/", member.ask, name="ask"),
    path("servicedesk/gesprekken/<int:pk>/", member.thread_detail, name="thread"),
    path("servicedesk/gesprekken/<int:pk>/reageren/", member.thread_reply, name="reply"),
    path("servicedesk/bijlagen/<int:pk>/", member.attachment_download, name="attachment"),
    path("servicedesk/suggestie/", suggestion_views.suggest, name="suggest"),
    path("servicedesk/suggesties/", suggestion_views.suggestion_list, name="suggestions"),
    path("servicedesk/handleiding/", guidance.guide, name="guide"),
    path("servicedesk/veelgestelde-vragen/", guidance.faq, name="faq"),
    # Calendar
    path("agenda/", calendar.calendar_page, name="calendar"),
    path("agenda/link/", calendar.calendar_link, name="calendar_link"),
    path("agenda/link/intrekken/", calendar.calendar_revoke, name="calendar_revoke"),
    path("agenda/feed/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    # Service desk staff
    path(STAFF, staff_threads.queue, name="staff_queue"),
    path(STAFF + "gesprekken/<int:pk>/", staff_threads.thread_detail, name="staff_thread"),
    path(STAFF + "gesprekken/<int:pk>/reageren/", staff_threads.thread_reply, name="staff_reply"),
    path(STAFF + "gesprekken/<int:pk>/toewijzen/", staff_threads.thread_assign, name="staff_assign"),
    path(STAFF + "gesprekken/<int:pk>/status/", staff_threads.thread_status, name="staff_status"),
    path(STAFF + "suggesties/", suggestion_views.staff_suggestion_list, name="staff_suggestions"),
    path(STAFF + "suggesties/overgenomen/", suggestion_views.staff_accepted, name="staff_accepted"),
    path(STAFF + "suggesties/<int:pk>/", suggestion_views.staff_suggestion, name="staff_suggestion"),
    path(STAFF + "mededelingen/", announcements.announcement_list, name="staff_announcements"),
    path(STAFF + "mededelingen/nieuw/", announcements.announcement_new, name="staff_announcement_new"),
    path(STAFF + "mededelingen/<int:pk>/", announcements.announcement_preview, name="staff_announcement"),
    path(STAFF + "mededelingen/<int:pk>/bewerken/", announcements.announcement_edit, name="staff_announcement_edit"),
    path(STAFF + "mededelingen/<int:pk>/versturen/", announcements.announcement_send, name="staff_announcement_send"),
    path(STAFF + "herinneringen/", reminders.reminder_list, name="staff_reminders"),
    path(STAFF + "herinneringen/verstuurd/", reminders.reminders_sent, name="staff_reminders_sent"),
    path(STAFF + "herinneringen/<str:code>/", reminders.reminder_preview, name="staff_reminder_preview"),
    path(STAFF + "herinneringen/<str:code>/pauze/", reminders.reminder_pause, name="staff_reminder_pause"),
    path(STAFF + "edities/<int:pk>/overzicht/", overview.overview, name="staff_overview"),
    path(STAFF + "edities/<int:pk>/overzicht.xlsx", overview.overview_export, name="staff_overview_export"),
    path(STAFF + "handleiding/", guidance.staff_guidance_list, name="staff_guidance"),
    path(STAFF + "handleiding/nieuw/", guidance.staff_guidance_new, name="staff_guidance_new"),
    path(STAFF + "handleiding/standaard/", guidance.staff_guidance_defaults, name="staff_guidance_defaults"),
    path(STAFF + "handleiding/<int:pk>/", guidance.staff_guidance_edit, name="staff_guidance_edit"),
    path(STAFF + "handleiding/<int:pk>/verwijderen/", guidance.staff_guidance_delete, name="staff_guidance_delete"),
]
