# The production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    SUNDHEDSAFTALE_VAR_DIR=/app/var \
    DJANGO_SETTINGS_MODULE=sundhedsaftale.settings \
    PATH="/app/.venv/bin:${PATH}"

# WeasyPrint (PDF letters) needs Pango and HarfBuzz's subsetter; DejaVu gives it a font with Danish letters.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv \
    && groupadd --system app \
    && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
RUN uv sync --frozen --no-dev \
    && DJANGO_SECRET_KEY=collectstatic-only-not-a-secret python manage.py collectstatic --noinput \
    && rm -f /app/var/secret_key /app/var/*.sqlite3 \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var

USER app
EXPOSE 8000

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (settings trust it when DJANGO_HTTPS=1).
CMD ["gunicorn", "sundhedsaftale.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--forwarded-allow-ips", "*"]
