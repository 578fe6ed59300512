"""How much text a person or a REST client may send in one field (forms and the API's JSON alike)."""

#: the longest free text (a message, a report, a reply)
FREE_TEXT_MAX_LENGTH = 10_000
#: the longest one-line text without a limit of its own
SHORT_TEXT_MAX_LENGTH = 500
