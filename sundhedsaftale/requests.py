"""The request the pages see: Django's, with who is acting (``actor``, from the actor middleware) and
django-htmx's details (``htmx``) typed, the way django-htmx types its ``HtmxHttpRequest``."""

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from sundhedsaftale.organisations.actor import Actor


class AppRequest(HttpRequest):
    """Every page but the public ones requires a log-in, so its ``user`` is a user."""

    user: User
    actor: Actor
    htmx: HtmxDetails
