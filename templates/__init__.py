"""Jinja2 templates of argmap's HTML pages, shipped as the package ``argmap.templates``."""
