"""Function views for HTML and htmx, by screen."""
