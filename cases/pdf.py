"""Render a Django template to PDF bytes with WeasyPrint (STYLE.md, 'PDFs').

- Always in Dutch: the template is rendered under `translation.override("nl")`, so dates read
  "1 maart 2026" whatever the request's language.
- WeasyPrint is imported lazily: only the processes that render PDFs load it (and pango).
- Nothing is fetched from outside: the URL fetcher serves our own static files and inline
  `data:` URIs only; `file://`, http(s) to anywhere else and every other scheme stop the
  rendering with `ForbiddenResource`.
- PDF/A-3b (archival) by default, with the document's title, author and language set.

Templates link their stylesheet as `{% static 'css/…' %}`; with `STATIC_URL = "/static/"` that
resolves against the fixed base URL below and is read from the static files on disk.
"""

import os

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation

# A base URL that never resolves on the network: relative and /static/ URLs join onto it.
BASE_URL = "https://hbel-pdf.invalid/"
PDF_VARIANT = "pdf/a-3b"

_MIME_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}


class ForbiddenResource(Exception):
    """A template referred to something outside our own static files."""


def _static_path(url: str) -> str | None:
    """The file on disk for a URL under our static prefix, or None."""
    prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    relative = url[len(prefix) :].split("?", 1)[0].split("#", 1)[0]
    if not relative or ".." in relative.split("/"):
        return None
    found = finders.find(relative)
    if found:
        return found
    try:
        path = staticfiles_storage.path(relative)
    except NotImplementedError:  # pragma: no cover  (a non-filesystem storage)
        return None
    return path if os.path.isfile(path) else None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves our static files and data: URIs; refuses everything else."""

        def __init__(self):
            super().__init__(allowed_protocols=("https", "data"), fail_on_errors=True)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)  # decoded in memory, no I/O
            path = _static_path(url)
            if path is None:
                raise ForbiddenResource(f"PDF resource refused: {url[:80]}")
            extension = os.path.splitext(path)[1].lower()
            with open(path, "rb") as handle:
                body = handle.read()
            return URLFetcherResponse(
                url,
                body,
                headers={"Content-Type": _MIME_TYPES.get(extension, "application/octet-stream")},
            )

    return StaticOnlyFetcher()


def render_html(template_name: str, context: dict) -> str:
    with translation.override("nl"):
        return render_to_string(template_name, context)


def render_pdf(template_name: str, context: dict, *, variant: str = PDF_VARIANT) -> bytes:
    """The template as PDF bytes: PDF/A-3b unless told otherwise, tagged for screen readers."""
    return html_to_pdf(render_html(template_name, context), variant=variant)


def html_to_pdf(html: str, *, variant: str = PDF_VARIANT) -> bytes:
    """HTML as PDF bytes, fetching only our own static files (see `render_pdf`)."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    try:
        return document.write_pdf(pdf_variant=variant, pdf_tags=True)
    except FatalURLFetchingError as error:
        # The fetcher refused a resource (or a static file is missing): no half-made PDF.
        cause = error.__cause__
        if isinstance(cause, ForbiddenResource):
            raise cause from None
        raise ForbiddenResource(str(error)) from cause
