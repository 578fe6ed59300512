from django.urls import path

from aids.views import course, disputes, worklist

urlpatterns = [
    path("hjaelpemidler/", worklist.worklist, name="aids-worklist"),
    path("hjaelpemidler/ansvar/", worklist.responsibility_preview, name="aids-responsibility-preview"),
    path("hjaelpemidler/depoter/", worklist.depots, name="aids-depots"),
    path("hjaelpemidler/depoter/note/", worklist.capacity_note_create, name="aids-capacity-note"),
    path(
        "hjaelpemidler/advarsel/<int:pk>/kvitter/", worklist.alert_acknowledge, name="aids-alert-acknowledge"
    ),
    path("hjaelpemidler/forloeb/<int:course_pk>/", course.course_aids, name="aids-course"),
    path("hjaelpemidler/forloeb/<int:course_pk>/nyt-behov/", course.need_create, name="aids-need-create"),
    path("hjaelpemidler/behov/<int:pk>/", course.need_detail, name="aids-need"),
    path("hjaelpemidler/behov/<int:pk>/lever/", course.need_deliver, name="aids-need-deliver"),
    path("hjaelpemidler/behov/<int:pk>/annuller/", course.need_cancel, name="aids-need-cancel"),
    path("hjaelpemidler/behov/<int:pk>/udlaan/", course.loan_create, name="aids-loan-create"),
    path("hjaelpemidler/behov/<int:pk>/tvivl/", course.dispute_open, name="aids-dispute-open"),
    path("hjaelpemidler/udlaan/<int:pk>/retur/", course.loan_return, name="aids-loan-return"),
    path("hjaelpemidler/udlaan/<int:pk>/laaneseddel.pdf", course.loan_slip, name="aids-loan-slip"),
    path("hjaelpemidler/tvivl/<int:pk>/", disputes.dispute_detail, name="aids-dispute"),
    path("hjaelpemidler/tvivl/<int:pk>/forelaeg/", disputes.dispute_escalate, name="aids-dispute-escalate"),
    path("hjaelpemidler/tvivl/<int:pk>/afgoer/", disputes.dispute_decide, name="aids-dispute-decide"),
]
