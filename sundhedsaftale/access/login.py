"""The log-in form, throttled per address and per username like the token endpoint (axes locks on top)."""

import math
from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sundhedsaftale.access.throttles import login_throttle_wait


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        wait = login_throttle_wait(request)
        if wait is not None:
            seconds = max(1, math.ceil(wait))
            response = render(request, "access/login_throttled.html", {"seconds": seconds}, status=429)
            response["Retry-After"] = str(seconds)
            return response
        return super().post(request, *args, **kwargs)
