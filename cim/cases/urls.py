from django.urls import path

from cim.cases.views import lessons, material, projects, review, shared

app_name = "cases"

urlpatterns = [
    # Projects of an organisation (its members and programme staff)
    path("projecten/", projects.project_list, name="projects"),
    path("projecten/nieuw/", projects.project_create, name="project_create"),
    path("projecten/<int:pk>/", projects.project_detail, name="project"),
    path("projecten/<int:pk>/bewerken/", projects.project_edit, name="project_edit"),
    path("projecten/<int:pk>/masterclass-4/", projects.project_masterclass4, name="project_masterclass4"),
    # Shared lessons (participants of the programme and staff); only a random public id in the URL
    path("lessen/", shared.shared_list, name="shared_lessons"),
    path("lessen/gedeeld/<str:public_id>/", shared.shared_detail, name="shared_lesson"),
    # An organisation's own lessons
    path("lessen/eigen/", lessons.lesson_mine, name="lessons_mine"),
    path("lessen/nieuw/", lessons.lesson_create, name="lesson_create"),
    path("lessen/eigen/<int:pk>/", lessons.lesson_detail, name="lesson"),
    path("lessen/eigen/<int:pk>/bewerken/", lessons.lesson_edit, name="lesson_edit"),
    path("lessen/eigen/<int:pk>/indienen/", lessons.lesson_submit, name="lesson_submit"),
    path("lessen/eigen/<int:pk>/goedkeuren/", lessons.lesson_approve, name="lesson_approve"),
    path("lessen/eigen/<int:pk>/wijzigingen/", lessons.lesson_request_changes, name="lesson_request_changes"),
    path("lessen/eigen/<int:pk>/intrekken/", lessons.lesson_withdraw, name="lesson_withdraw"),
    path("lessen/eigen/<int:pk>/top-10/", lessons.lesson_top10, name="lesson_top10"),
    # Service desk: de-identification
    path("beheer/lessen/", review.review_list, name="review_list"),
    path("beheer/lessen/<int:pk>/", review.review, name="review"),
    # Programme material: public, and managed by the service desk
    path("materiaal/", material.material_list, name="material_list"),
    path("materiaal/<int:pk>/", material.material_detail, name="material"),
    path("materiaal/<int:pk>/download/", material.material_download, name="material_download"),
    path("beheer/materiaal/", material.material_manage, name="material_manage"),
    path("beheer/materiaal/nieuw/", material.material_create, name="material_create"),
    path("beheer/materiaal/<int:pk>/bewerken/", material.material_edit, name="material_edit"),
    path("beheer/materiaal/<int:pk>/publiceren/", material.material_publish, name="material_publish"),
]
