from rest_framework.routers import DefaultRouter

from psychiatry.api import views


def register(router: DefaultRouter) -> None:
    """Register this app's viewsets on the one API router, under ``psychiatry/``."""
    for prefix, viewset, name in (
        ("courses", views.CourseViewSet, "course"),
        ("contact-persons", views.ContactPersonViewSet, "contact-person"),
        ("meetings", views.MeetingViewSet, "meeting"),
        ("treatment-plans", views.TreatmentPlanViewSet, "treatment-plan"),
        ("discharge-agreements", views.DischargeAgreementViewSet, "discharge-agreement"),
        ("coordination-plans", views.CoordinationPlanViewSet, "coordination-plan"),
        ("action-plans", views.ActionPlanViewSet, "action-plan"),
        ("dual-diagnosis-plans", views.DualDiagnosisPlanViewSet, "dual-diagnosis-plan"),
        ("child-assessments", views.ChildAssessmentViewSet, "child-assessment"),
        ("referrals", views.ReferralViewSet, "referral"),
    ):
        router.register(f"psychiatry/{prefix}", viewset, basename=f"psychiatry-api-{name}")
