from django.urls import path

from admissions.views import assignments, citizens, correspondence, course, inbox

urlpatterns = [
    path("borgere/", citizens.citizen_search, name="citizen-search"),
    path("borgere/opslag/", citizens.citizen_lookup, name="citizen-lookup"),
    path("borgere/<int:pk>/", citizens.citizen_detail, name="citizen-detail"),
    path("borgere/<int:pk>/adgangslog/", citizens.citizen_access_log, name="citizen-access-log"),
    path("indlaeggelse/ny/", course.course_admit, name="course-admit"),
    path("forloeb/<int:pk>/", course.course_detail, name="course-detail"),
    path("forloeb/<int:pk>/kontaktperson/", course.course_contact_person, name="course-contact-person"),
    path("forloeb/<int:pk>/stue/", course.course_place, name="course-place"),
    path("forloeb/<int:pk>/samtykke/", course.course_consent, name="course-consent"),
    path("forloeb/<int:pk>/orlov/", course.course_leave, name="course-leave"),
    path("forloeb/<int:pk>/overflytning/", course.course_transfer, name="course-transfer"),
    path("forloeb/<int:pk>/doedsfald/", course.course_death, name="course-death"),
    path("forloeb/<int:pk>/annuller/", course.course_cancel, name="course-cancel"),
    path(
        "forloeb/<int:pk>/forespoergsel/",
        course.course_information_request,
        name="course-information-request",
    ),
    path("forloeb/<int:pk>/korrespondance/", course.course_message, name="course-message"),
    path(
        "forloeb/<int:pk>/indlaeggelsesrapport/anmod/",
        course.course_report_request,
        name="course-report-request",
    ),
    path("forloeb/<int:pk>/indlaeggelsesrapport/", course.admission_report, name="admission-report"),
    path("samtykke/<int:pk>/tilbagekald/", course.consent_withdraw, name="consent-withdraw"),
    path("kommune/indbakke/", inbox.municipal_inbox, name="municipal-inbox"),
    path("kommune/advis/<int:pk>/laest/", inbox.notice_mark_read, name="notice-mark-read"),
    path("praksis/", inbox.gp_inbox, name="gp-inbox"),
    path("indbakke/<str:kind>/<int:pk>/tildel/", assignments.inbox_assign, name="inbox-assign"),
    path("indbakke/<str:kind>/<int:pk>/fjern-tildeling/", assignments.inbox_unassign, name="inbox-unassign"),
    path("forespoergsel/<int:pk>/", inbox.information_request_detail, name="information-request-detail"),
    path("korrespondance/<int:pk>/", correspondence.thread_detail, name="thread-detail"),
    path("bilag/<int:pk>/", correspondence.attachment_download, name="attachment-download"),
]
