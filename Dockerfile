# HBEL Inburgering: one image for web (gunicorn), worker and beat (celery).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH" \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

# Pango and fonts for WeasyPrint (beschikking PDFs).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv

WORKDIR /app

# Dependencies first, so this layer is reused while only the code changes.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .

# Static files are collected at build time; the key only exists for this step.
RUN DEBUG=false SECRET_KEY=build-time-dummy-key-not-used-at-runtime \
    python manage.py collectstatic --noinput

RUN useradd --system --create-home --uid 10001 app \
    && mkdir -p /app/media \
    && chown app:app /app/media
USER app

EXPOSE 8000
CMD ["gunicorn", "hbel.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
