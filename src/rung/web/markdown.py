"""Markdown + LaTeX to safe HTML for the web pages.

Lessons, problem prompts, hints, solutions and feedback are all Markdown with
LaTeX between dollar signs. Three things must hold:

* Math survives Markdown. ``$a_i * b_i$`` would otherwise turn ``_`` and ``*``
  into emphasis. The dollarmath plugin lifts math out before inline parsing;
  we then emit it, HTML-escaped, between ``\\(...\\)`` or ``\\[...\\]`` inside a
  ``.math`` element, which KaTeX's auto-render typesets in the browser. No
  network, no server-side TeX.
* Whatever comes out is safe. Lesson authors may write raw HTML (``<details>``
  for spoilers is common) and learners' text can reach feedback, so every
  result goes through nh3 with an allow-list. Learner-facing text (prompts,
  feedback) is parsed with raw HTML disabled as well, so it is shown, not run.
* Rendering a lesson is cheap after the first time: bodies are immutable, so
  the result is cached by the text itself.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

# Tags Markdown produces, plus the few an author may want by hand. No img, iframe,
# form controls or anything that loads a resource: pages must work offline and
# never reach outside the machine on load.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup",
        "dd", "del", "details", "div", "dl", "dt", "em", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark", "ol",
        "p", "pre", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
        # MathML, so that markup KaTeX itself produced (if an author pastes it) survives.
        "math", "semantics", "annotation", "mrow", "mi", "mo", "mn", "ms", "mtext",
        "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder",
        "munderover", "mtable", "mtr", "mtd", "mspace", "mpadded", "mstyle", "menclose",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "title", "lang", "dir", "aria-hidden", "aria-label", "role"},
    "a": {"href"},
    "span": {"style"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
    "code": {"class"},
    "details": {"open"},
    "annotation": {"encoding"},
    "math": {"xmlns", "display"},
    "mo": {"fence", "stretchy", "separator", "lspace", "rspace", "mathvariant"},
    "mi": {"mathvariant"},
    "mspace": {"width"},
    "mpadded": {"width", "height", "depth", "lspace", "voffset"},
    "mstyle": {"displaystyle", "scriptlevel", "mathcolor"},
    "mtable": {"rowspacing", "columnspacing", "columnalign"},
    "mtd": {"columnalign"},
    "menclose": {"notation"},
}

# Inline styles: only the geometric properties KaTeX writes (no url(), no position
# tricks beyond what its layout needs), plus table-cell alignment from Markdown.
ALLOWED_STYLE_PROPERTIES: frozenset[str] = frozenset(
    {
        "height", "width", "min-width", "vertical-align", "top", "left", "position",
        "margin-left", "margin-right", "padding-left", "border-bottom-width",
        "border-right-width", "border-top-width", "text-align",
    }
)  # fmt: skip

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})


def sanitize(fragment: str) -> str:
    """Clean an HTML fragment with the allow-list above (scripts and handlers go)."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
        link_rel="noopener noreferrer",
    )


def _tex(tokens: Sequence[Token], idx: int) -> str:
    return html.escape(str(tokens[idx].content).strip(), quote=False)


def _math_inline(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f'<span class="math inline">\\({_tex(tokens, idx)}\\)</span>'


def _math_inline_display(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any
) -> str:
    # ``$$x$$`` inside a paragraph: displayed, but a span so the <p> stays valid.
    return f'<span class="math display">\\[{_tex(tokens, idx)}\\]</span>'


def _math_block(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f'<div class="math display">\\[{_tex(tokens, idx)}\\]</div>\n'


def _parser(allow_html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": allow_html, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    # Pandoc's rules for inline $: no space just inside the dollars, and a closing
    # $ followed by a digit is not math. So "costs $5 and $6" stays prose.
    md.use(
        dollarmath_plugin,
        allow_labels=False,
        allow_space=False,
        allow_digits=False,
        double_inline=True,
    )
    # The plugin's own output is meant for testing; write what auto-render reads.
    md.add_render_rule("math_inline", _math_inline)
    md.add_render_rule("math_inline_double", _math_inline_display)
    md.add_render_rule("math_block", _math_block)
    return md


_AUTHOR = _parser(allow_html=True)
_LEARNER = _parser(allow_html=False)


@lru_cache(maxsize=512)
def render_content(text: str) -> str:
    """Render author Markdown (lessons, rungs, summaries): raw HTML allowed, then sanitised.

    Cached by text: lesson bodies never change while the app runs, so the
    second visit to a lesson costs a dictionary look-up.
    """
    return sanitize(_AUTHOR.render(text))


@lru_cache(maxsize=4096)
def render_text(text: str) -> str:
    """Render Markdown that may carry a learner's words (prompts, feedback): no raw HTML."""
    return sanitize(_LEARNER.render(text))


def render_inline(text: str) -> str:
    """Render one line of Markdown without the surrounding ``<p>``."""
    out = render_text(text).strip()
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out
