"""The rehab app's HTML views (function views with htmx fragments)."""
