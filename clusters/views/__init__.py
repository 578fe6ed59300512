from clusters.views.contacts import contact_list_view
from clusters.views.keyfigures import keyfigures_csv_view, keyfigures_view
from clusters.views.meetings import cluster_view, meeting_create_view, meeting_detail_view
from clusters.views.reports import report_detail_view, report_list_view, report_pdf_view, report_request_view

__all__ = [
    "cluster_view",
    "contact_list_view",
    "keyfigures_csv_view",
    "keyfigures_view",
    "meeting_create_view",
    "meeting_detail_view",
    "report_detail_view",
    "report_list_view",
    "report_pdf_view",
    "report_request_view",
]
