"""``/api/schema/``: the OpenAPI schema, built once per process.

The schema is public and the same for every caller (``SERVE_PUBLIC``); building it walks every serializer and
takes seconds (more than a minute on a loaded machine, which made gunicorn kill the worker). It is kept per
API version and language, for the life of the process: a deployment restarts the processes.
"""

from typing import Any, ClassVar

from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.request import Request
from rest_framework.response import Response


class SchemaView(SpectacularAPIView):
    _built: ClassVar[dict[tuple[str | None, str | None], Any]] = {}

    def _get_schema_response(self, request: Request) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (version, translation.get_language())
        if key not in self._built:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            self._built[key] = generator.get_schema(request=request, public=self.serve_public)
        return Response(
            data=self._built[key],
            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'},
        )
