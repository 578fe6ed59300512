"""The navigation bar: the kernel's entries and every area's (``AreaConfig.nav``), for the active membership.

A template library (``{% load kernel_nav %}``, registered in ``TEMPLATES``): ``templates/kernel/_nav.html``
renders the links ``{% area_nav %}`` gives, and knows no area.
"""

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sundhedsaftale.areas import LiveCount, NavEntry, nav_entries

KERNEL_NAV = (NavEntry(_("Overblik"), "dashboard", order=0),)

register = template.Library()


@dataclass(frozen=True)
class NavLink:
    """A navigation entry as shown: where it goes, and whether it is the current page."""

    label: str | Promise
    href: str
    current: bool
    live_count: LiveCount | None = None
    live_count_href: str = ""


def nav_links(
    *, here: str | None, kind: str | None, role: str | None, can_see_citizens: bool
) -> list[NavLink]:
    """The links an active membership of ``kind`` and ``role`` sees, in order, on the page named ``here``."""
    entries = sorted((*KERNEL_NAV, *nav_entries()), key=lambda entry: entry.order)
    return [
        NavLink(
            label=entry.label,
            href=reverse(entry.url_name),
            current=here in entry.active_url_names,
            live_count=entry.live_count,
            live_count_href=reverse(entry.live_count.url_name) if entry.live_count else "",
        )
        for entry in entries
        if entry.shown_to(kind=kind, role=role, can_see_citizens=can_see_citizens)
    ]


@register.simple_tag(takes_context=True)
def area_nav(context: dict[str, Any]) -> list[NavLink]:
    """The links for the template's active membership (``active_membership`` and ``can_see_citizens`` come
    from the membership context processor)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    membership = context.get("active_membership")
    return nav_links(
        here=match.url_name if match else None,
        kind=membership.organisation.kind if membership else None,
        role=membership.role if membership else None,
        can_see_citizens=bool(context.get("can_see_citizens")),
    )
