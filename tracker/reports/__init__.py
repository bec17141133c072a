"""Rendering from Jinja2 templates: the only package that imports Jinja2."""
