from rest_framework.routers import DefaultRouter

from prevention.api import views


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router."""
    router.register("prevention/offers", views.OfferViewSet, basename="prevention-api-offer")
    router.register("prevention/screenings", views.ScreeningViewSet, basename="prevention-api-screening")
    router.register("prevention/referrals", views.ReferralViewSet, basename="prevention-api-referral")
