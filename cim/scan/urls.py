from django.urls import path

from cim.scan.views import autosave, member, staff, workbook

app_name = "scan"

urlpatterns = [
    # The municipality
    path("scan/<int:pk>/", member.scan_home, name="home"),
    path("scan/<int:pk>/onderdeel/<slug:section>/", member.section, name="section"),
    path("scan/<int:pk>/vraag/<slug:key>/", member.question_fragment, name="question"),
    path("scan/<int:pk>/vraag/<slug:key>/opslaan/", autosave.autosave, name="autosave"),
    path("scan/<int:pk>/vraag/<slug:key>/overnemen/", member.carry_forward, name="carry"),
    path("scan/<int:pk>/vraag/<slug:key>/geschiedenis/", member.question_history, name="history"),
    path("scan/<int:pk>/document/<int:document_pk>/", member.document, name="document"),
    path("scan/<int:pk>/controle/", member.review_page, name="review"),
    path("scan/<int:pk>/indienen/", member.submit, name="submit"),
    path("scan/<int:pk>/ontvangstbewijs/", member.receipt, name="receipt"),
    path("scan/<int:pk>/ontvangstbewijs.pdf", member.receipt_pdf_download, name="receipt_pdf"),
    path("scan/<int:pk>/werkboek.xlsx", workbook.download, name="workbook"),
    path("scan/<int:pk>/werkboek/", workbook.upload, name="workbook_upload"),
    path("scan/<int:pk>/werkboek/<int:import_pk>/", workbook.preview, name="workbook_preview"),
    # The service desk
    path("beheer/edities/<int:pk>/scan/", staff.progress, name="staff_progress"),
    path("beheer/edities/<int:pk>/scan/export.xlsx", staff.progress_export, name="staff_export"),
    path("beheer/edities/<int:pk>/scan/herinneren/", staff.remind, name="staff_remind"),
    path("beheer/deelnames/<int:pk>/scan/", staff.participation_scan, name="staff_scan"),
    path("beheer/deelnames/<int:pk>/scan/heropenen/", staff.reopen, name="staff_reopen"),
    path("beheer/deelnames/<int:pk>/scan/verlengen/", staff.extend, name="staff_extend"),
]
