from django.urls import path

from prevention.views import catalogue, referrals

urlpatterns = [
    path("forebyggelse/tilbud/", catalogue.catalogue, name="prevention-catalogue"),
    path("forebyggelse/tilbud/ny/", catalogue.offer_create, name="prevention-offer-create"),
    path("forebyggelse/tilbud/eksport.csv", catalogue.offers_export, name="prevention-export"),
    path("forebyggelse/tilbud/import/", catalogue.offers_import, name="prevention-import"),
    path("forebyggelse/tilbud/<int:pk>/", catalogue.offer_detail, name="prevention-offer"),
    path("forebyggelse/tilbud/<int:pk>/ret/", catalogue.offer_edit, name="prevention-offer-edit"),
    path("forebyggelse/offentlig/", catalogue.public_catalogue, name="prevention-public"),
    path("forebyggelse/offentlig/<int:pk>/", catalogue.public_offer, name="prevention-public-offer"),
    path("forebyggelse/henvis/", referrals.refer, name="prevention-refer"),
    path("forebyggelse/henvisninger/", referrals.referral_list, name="prevention-referrals"),
    path("forebyggelse/henvisninger/<int:pk>/", referrals.referral_detail, name="prevention-referral"),
    path(
        "forebyggelse/henvisninger/<int:pk>/status/",
        referrals.referral_status,
        name="prevention-referral-status",
    ),
    path("forebyggelse/forloeb/<int:pk>/", referrals.course_prevention, name="prevention-course"),
    path(
        "forebyggelse/forloeb/<int:pk>/screening/",
        referrals.course_screening,
        name="prevention-course-screening",
    ),
    path("forebyggelse/forloeb/<int:pk>/henvis/", referrals.course_refer, name="prevention-course-refer"),
    path("forebyggelse/opfoelgning/", referrals.figures_page, name="prevention-figures"),
]
