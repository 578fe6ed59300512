from django.urls import path

from rehab.views import lookup, receiver, ward

urlpatterns = [
    path("genoptraening/afdeling/", ward.ward_list, name="rehab-ward"),
    path("genoptraening/forloeb/<int:course_pk>/ny-plan/", ward.plan_create, name="rehab-plan-create"),
    path("genoptraening/forloeb/<int:course_pk>/varsel/", ward.advance_notice, name="rehab-advance-notice"),
    path("genoptraening/koder/", lookup.code_lookup, name="rehab-code-lookup"),
    path("genoptraening/plan/<int:pk>/", ward.plan_detail, name="rehab-plan"),
    path("genoptraening/plan/<int:pk>/gem/", ward.plan_save, name="rehab-plan-save"),
    path("genoptraening/plan/<int:pk>/autosave/", ward.plan_save, name="rehab-plan-autosave"),
    path("genoptraening/plan/<int:pk>/faerdiggoer/", ward.plan_finalise, name="rehab-plan-finalise"),
    path("genoptraening/plan/<int:pk>/ret/", ward.plan_correct, name="rehab-plan-correct"),
    path("genoptraening/plan/<int:pk>/send/", ward.plan_send, name="rehab-plan-send"),
    path("genoptraening/plan/<int:pk>/eksport.json", ward.plan_export_json, name="rehab-plan-export"),
    path("genoptraening/plan/<int:pk>/v<int:number>/", ward.version_detail, name="rehab-version"),
    path("genoptraening/plan/<int:pk>/v<int:number>/pdf/", ward.version_pdf, name="rehab-version-pdf"),
    path(
        "genoptraening/afdeling/<int:department_pk>/bilag-3-10.pdf",
        ward.letter_3_10,
        name="rehab-letter-3-10",
    ),
    path("genoptraening/indbakke/", receiver.inbox, name="rehab-inbox"),
    path("genoptraening/modtaget/<int:pk>/", receiver.delivery_detail, name="rehab-delivery"),
    path(
        "genoptraening/modtaget/<int:pk>/kvitter/", receiver.delivery_receive, name="rehab-delivery-receive"
    ),
    path(
        "genoptraening/modtaget/<int:pk>/kontakt/", receiver.delivery_contact, name="rehab-delivery-contact"
    ),
    path(
        "genoptraening/modtaget/<int:pk>/videresend/",
        receiver.delivery_forward,
        name="rehab-delivery-forward",
    ),
    path("genoptraening/modtaget/<int:pk>/afvis/", receiver.delivery_decline, name="rehab-delivery-decline"),
    path("genoptraening/modtaget/<int:pk>/forloeb/", receiver.delivery_course, name="rehab-delivery-course"),
    path(
        "genoptraening/forloeb-genoptraening/<int:pk>/slutstatus/",
        receiver.rehab_course_final_status,
        name="rehab-course-final-status",
    ),
    path(
        "genoptraening/forloeb-genoptraening/<int:pk>/afslut/",
        receiver.rehab_course_end,
        name="rehab-course-end",
    ),
    path("genoptraening/borger/<int:pk>/", receiver.citizen_timeline, name="rehab-timeline"),
    path("genoptraening/kapacitet/", receiver.capacity_notices, name="rehab-capacity"),
]
