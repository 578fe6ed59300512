"""The domain's one error type: a rule of the agreements or of the product was broken by a request.

Raised by services and permissions in every area; the API maps it to a 4xx JSON body
(``sundhedsaftale.api.errors``) and the pages to a Danish form error. Plain Python: no DRF here.
"""


class DomainError(Exception):
    """Mapped to 400, or to ``status_code`` (403 for "not yours", 404, 409 ...)."""

    status_code: int = 400

    def __init__(
        self, message: str, *, field: str | None = None, code: str = "invalid", status_code: int = 0
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        if status_code:
            self.status_code = status_code


class Conflict(DomainError):
    """The request conflicts with the record's state (already done, already exists): 409."""

    status_code: int = 409
