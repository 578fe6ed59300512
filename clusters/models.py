"""Clusters sit on top of every area: key figures, dashboards and reports. Organisations and memberships
are the kernel's (``sundhedsaftale.organisations``)."""
