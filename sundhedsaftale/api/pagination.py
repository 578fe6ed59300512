from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Cursor pagination on the primary key: stable under inserts, cheap on large tables."""

    ordering = "-pk"
    page_size_query_param = "page_size"
    max_page_size = 500
