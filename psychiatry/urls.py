from django.urls import path

from psychiatry.views import course, lists, pdf

urlpatterns = [
    path("psykiatri/", lists.board, name="psychiatry-board"),
    path("psykiatri/indbakke/", lists.inbox, name="psychiatry-inbox"),
    path("psykiatri/henvisning/ny/", lists.referral_create, name="psychiatry-referral-create"),
    path(
        "psykiatri/indlaeggelse/<int:admission_pk>/start/",
        course.course_start,
        name="psychiatry-course-start",
    ),
    path("psykiatri/forloeb/<int:pk>/", course.course_detail, name="psychiatry-course"),
    path("psykiatri/forloeb/<int:pk>/<slug:action>/", course.course_action, name="psychiatry-course-action"),
    path(
        "psykiatri/forloeb/<int:pk>/udskrivningserklaering.pdf",
        pdf.statement_pdf,
        name="psychiatry-statement-pdf",
    ),
    path("psykiatri/plan/<int:pk>/pdf/", pdf.care_plan_pdf, name="psychiatry-care-plan-pdf"),
    path(
        "psykiatri/behandlingsplan/<int:pk>/pdf/",
        pdf.treatment_plan_pdf,
        name="psychiatry-treatment-plan-pdf",
    ),
    path("psykiatri/orientering/<int:pk>/laest/", course.notice_read, name="psychiatry-notice-read"),
]
