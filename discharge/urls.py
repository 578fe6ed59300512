from django.urls import path

from discharge import views

COURSE = "forloeb/<int:pk>/udskrivning/"

urlpatterns = [
    path("afdeling/tavle/", views.ward_board, name="ward-board"),
    path("kommune/udskrivninger/", views.municipal_discharges, name="municipal-discharges"),
    path("praksis/epikriser/", views.gp_letters, name="gp-letters"),
    path("praksis/epikriser/<int:pk>/", views.gp_letter_detail, name="gp-letter"),
    path("praksis/epikriser/<int:pk>/laest/", views.gp_letter_mark_read, name="gp-letter-mark-read"),
    path(COURSE, views.course_discharge, name="discharge-course"),
    path(f"{COURSE}plan/", views.plan_edit, name="discharge-plan"),
    path(f"{COURSE}plan/frist/", views.plan_preview, name="discharge-plan-preview"),
    path(f"{COURSE}varsling/", views.notification_send, name="discharge-notify"),
    path(f"{COURSE}faerdigbehandlet/", views.finished_treatment, name="discharge-finished"),
    path(f"{COURSE}konference/", views.conference_schedule, name="discharge-conference"),
    path(
        f"{COURSE}konference/<int:conference_pk>/resultat/",
        views.conference_outcome,
        name="discharge-conference-outcome",
    ),
    path(f"{COURSE}advis/", views.notice_send, name="discharge-notice"),
    path(f"{COURSE}tidspunkt/", views.time_propose, name="discharge-time-propose"),
    path(
        f"{COURSE}tidspunkt/<int:proposal_pk>/svar/",
        views.time_proposal_answer,
        name="discharge-time-answer",
    ),
    path(f"{COURSE}rapport/", views.report_send, name="discharge-report"),
    path(f"{COURSE}epikrise/", views.letter_send, name="discharge-letter"),
    path(f"{COURSE}svar/", views.reply_send, name="discharge-reply"),
    path(f"{COURSE}aendring/", views.sudden_change, name="discharge-sudden-change"),
    path(
        f"{COURSE}aendring/<int:change_pk>/kvitter/",
        views.sudden_change_acknowledge,
        name="discharge-sudden-change-ack",
    ),
]
