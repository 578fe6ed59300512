from typing import Any

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request

INVALID_CURSOR = "Ugyldig cursor: brug next- eller previous-linket fra det forrige svar."
#: the largest value of a BigAutoField; a position beyond it cannot be compared in the database
MAX_PK = 2**63 - 1


class Cursor(CursorPagination):
    """Cursor pagination on the primary key: stable under inserts, cheap on large tables.

    A cursor the client made up (not base64, not a cursor, or a position that is no primary key) is a 400
    with the cursor parameter named, never a 404 or a database error.
    """

    ordering = "-pk"
    page_size_query_param = "page_size"
    max_page_size = 500

    def decode_cursor(self, request: Request) -> Any:
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from None
        if cursor is not None and cursor.position is not None and self._orders_by_pk():
            position = str(cursor.position)
            if not position.isascii() or not position.isdigit() or int(position) > MAX_PK:
                raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]})
        return cursor

    def _orders_by_pk(self) -> bool:
        ordering = self.ordering if isinstance(self.ordering, list | tuple) else [self.ordering]
        return ordering[0].lstrip("-") in ("pk", "id")
