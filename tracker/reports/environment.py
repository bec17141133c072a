"""The Jinja2 environment: the user's template folder first, then the bundled templates."""

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.domain.errors import InputError
from tracker.reports.markdown import literal
from tracker.resources import data_dir

if TYPE_CHECKING:
    from jinja2 import Environment


def environment(templates: Path | None = None, *, markdown: bool = False) -> "Environment":
    """Templates from ``templates`` (else the bundled ones); HTML is escaped in HTML
    templates, and in ``markdown`` ones every value printed reads as typed (``literal``)."""
    from jinja2 import (
        ChoiceLoader,
        Environment,
        FileSystemLoader,
        StrictUndefined,
        select_autoescape,
    )

    if templates is not None and not templates.is_dir():
        raise InputError(f"找不到模板目录 {templates}")
    loaders = [FileSystemLoader(str(templates))] if templates else []
    loaders.append(FileSystemLoader(str(data_dir("templates"))))
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_markdown_value if markdown else None,
    )
    env.filters["cell"] = table_cell
    return env


def table_cell(value: object) -> str:
    """Text that stays inside one Markdown table cell."""
    return " ".join(str(value or "").replace("|", "｜").splitlines())


def _markdown_value(value: object) -> object:
    """What ``{{ … }}`` prints in a Markdown template: text as text, never as Markdown.

    A note with line breaks would otherwise start headings and tables of its own.
    """
    return literal(value) if isinstance(value, str) else value


def render(name: str, context: dict[str, Any], templates: Path | None = None) -> str:
    """Render template ``name``; a broken or incomplete template is a clear error."""
    from jinja2 import TemplateError

    try:
        env = environment(templates, markdown=name.endswith(".md.j2"))
        return env.get_template(name).render(**context)
    except TemplateError as error:
        # Only a syntax error (TemplateSyntaxError) knows its line.
        line = getattr(error, "lineno", None)
        where = f"（第 {line} 行）" if line else ""
        raise InputError(f"模板 {name} 有错误{where}：{error}") from None
