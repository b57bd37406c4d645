"""Markdown + math rendering: math survives Markdown, output is sanitised, cache works."""

from __future__ import annotations

from rung.web.markdown import render_content, render_inline, render_text, sanitize


def test_inline_math_is_protected_from_emphasis() -> None:
    out = render_content(r"The sum $a_i * b_i * c_i$ and $x_1$ stay intact.")
    assert r'<span class="math inline">\(a_i * b_i * c_i\)</span>' in out
    assert "<em>" not in out


def test_display_math_block_and_inline_double() -> None:
    out = render_content("Before\n\n$$\nA_{ij} < B_{ji}\n$$\n\nand $$x^2$$ inline.")
    assert r'<div class="math display">\[A_{ij} &lt; B_{ji}\]</div>' in out
    assert r'<span class="math display">\[x^2\]</span>' in out


def test_dollar_amounts_are_not_math() -> None:
    out = render_content("It costs $5 and $6 today.")
    assert "math" not in out
    assert "$5 and $6" in out


def test_script_and_handlers_are_stripped_from_author_html() -> None:
    out = render_content(
        '<script>alert(1)</script>\n\n<p onclick="steal()">hi</p>\n\n'
        "<details><summary>Spoiler</summary>\n\nIt is *42*.\n\n</details>\n\n"
        '[bad](javascript:alert(1)) <iframe src="https://evil.example"></iframe>'
    )
    assert "<script" not in out and "alert(1)</script>" not in out
    assert "onclick" not in out
    assert "<iframe" not in out
    assert 'href="javascript' not in out  # left as plain text, never a link
    assert "<details><summary>Spoiler</summary>" in out
    assert "<em>42</em>" in out


def test_style_urls_are_dropped_but_katex_geometry_kept() -> None:
    out = sanitize('<span style="height:1em;background:url(http://x.example/a.png)">x</span>')
    assert "url(" not in out
    assert "height:1em" in out.replace(" ", "")


def test_learner_text_is_shown_not_run() -> None:
    out = render_text("You wrote <b onmouseover=x>bold</b> and $x$")
    assert "&lt;b onmouseover=x&gt;" in out
    assert r"\(x\)" in out


def test_images_are_not_allowed() -> None:
    out = render_content("![remote](https://example.com/a.png)")
    assert "<img" not in out


def test_render_inline_drops_paragraph() -> None:
    assert render_inline("hello *world*") == "hello <em>world</em>"


def test_content_rendering_is_cached() -> None:
    text = "Cached body with $y = mx + b$ and a unique marker 7d1f."
    render_content.cache_clear()
    render_content(text)
    render_content(text)
    info = render_content.cache_info()
    assert info.hits == 1 and info.misses == 1
