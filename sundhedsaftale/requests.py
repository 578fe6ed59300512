"""The request the pages see: Django's, with who is acting (``actor``, from the actor middleware) and
django-htmx's details (``htmx``) typed, the way django-htmx types its ``HtmxHttpRequest``."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from sundhedsaftale.organisations.actor import Actor


class AppRequest(HttpRequest):
    actor: Actor
    htmx: HtmxDetails
