"""``report.html``: the Markdown report as one self-contained page (inline CSS, plots as base64 PNG).

The page loads nothing: its Content-Security-Policy allows no scripts and no fetches, only inline
styles and ``data:`` images, so it opens the same offline, from a mail attachment or a file share.
Raw HTML in the Markdown (a plant id, a reason text) is shown as text, never interpreted.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import quote

import markdown

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
       max-width: 1100px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin-bottom: .5rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; }
.headline { background: #f0f6ff; border: 1px solid #9ec5fe; border-radius: 8px; padding: .2rem 1.2rem 1rem; }
.headline h2 { border: none; margin-top: .8rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: .6rem 0; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: .25rem .6rem; }
th { background: #f6f8fa; }
tr:nth-child(even) td { background: #fbfcfd; }
code { background: #f6f8fa; padding: .05rem .3rem; border-radius: 4px; font-size: 90%; }
img { max-width: 100%; height: auto; }
"""
_TABLE_OPEN = re.compile(r"<table>")


def _converter() -> markdown.Markdown:
    """Markdown with tables; raw HTML blocks and inline tags are escaped, not passed through."""
    md = markdown.Markdown(extensions=["tables"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def _embed_images(text: str, images: Mapping[str, bytes]) -> str:
    """Point each Markdown image link at its PNG as a ``data:`` URI."""
    for rel, data in images.items():
        uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
        text = text.replace(f"]({quote(rel, safe='/')})", f"]({uri})").replace(f"]({rel})", f"]({uri})")
    return text


def _to_html(md: markdown.Markdown, text: str) -> str:
    md.reset()
    body = md.convert(text)
    return _TABLE_OPEN.sub('<div class="table-wrap"><table>', body).replace("</table>", "</table></div>")


def render_html(title: str, sections: Sequence[str], images: Mapping[str, bytes],
                headline: int | None = None) -> str:
    """One page from the report's Markdown sections; ``sections[headline]`` is set off in a box."""
    md = _converter()
    parts = []
    for i, section in enumerate(sections):
        body = _to_html(md, _embed_images(section, images))
        parts.append(f'<section class="headline">{body}</section>' if i == headline else body)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(parts) + "\n</body>\n</html>\n")


def read_images(run_dir: Path, plot_files: Mapping[str, str]) -> dict[str, bytes]:
    """Relative plot path -> its PNG bytes, for the plots that exist."""
    out = {}
    for rel in plot_files.values():
        path = Path(run_dir) / rel
        if path.is_file():
            out[rel] = path.read_bytes()
    return out
