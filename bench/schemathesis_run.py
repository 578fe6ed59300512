"""Schemathesis against a running server: many cases per API operation, as two roles, and a summary.

The CI test (tests/kernel/test_api_schemathesis.py) sends a few cases per operation in-process; this sends
``--max-examples`` (default 1,000) per operation over HTTP to a server that is already running, once per token.

    # a server on 127.0.0.1:8000 with the same DATABASE_URL, then:
    DATABASE_URL=... .venv/bin/python bench/schemathesis_run.py --make-tokens --max-examples 1000
    .venv/bin/python bench/schemathesis_run.py --token KEY1 --token KEY2 --base-url http://127.0.0.1:8000

``--make-tokens`` creates (or reuses) two members, ``bench.ward`` (ward staff at AUH-ORT) and
``bench.visitator`` (visitation in Aarhus, 751), and their API tokens in the database of ``DATABASE_URL``.
The server's throttles count these requests too: run it with throttling relaxed, or expect documented 429s.
Only loopback addresses are accepted as ``--base-url``.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def make_tokens() -> list[str]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sundhedsaftale.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from rest_framework.authtoken.models import Token

    from tests.factories import member

    keys = []
    for username, role, code in (
        ("bench.ward", "ward_staff", "AUH-ORT"),
        ("bench.visitator", "visitation", "751"),
    ):
        user = User.objects.filter(username=username).first() or member(role, code, username=username)
        Token.objects.filter(user=user).delete()  # a fresh token: it expires like a session
        keys.append(Token.objects.create(user=user).key)
    return keys


def run_once(base_url: str, token: str, max_examples: int, workers: int, report: Path) -> dict[str, object]:
    command = [
        str(ROOT / ".venv/bin/schemathesis"),
        "run",
        f"{base_url}/api/schema/?format=json",
        "--url",
        base_url,
        "--header",
        f"Authorization: Token {token}",
        "--checks",
        CHECKS,
        "--max-examples",
        str(max_examples),
        "--workers",
        str(workers),
        "--phases",
        "examples,coverage,fuzzing",
        "--generation-deterministic",
        "--continue-on-failure",
        # logging out revokes the token the run authenticates with; the token endpoint is throttled per address
        "--exclude-path-regex",
        "^/api/v1/auth/",
        "--report",
        "ndjson",
        "--report-ndjson-path",
        str(report),
    ]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    tail = "\n".join(done.stdout.splitlines()[-25:])
    return {"exit": done.returncode, "seconds": round(seconds, 1), "summary": tail}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--token", action="append", default=[])
    parser.add_argument("--make-tokens", action="store_true")
    parser.add_argument("--max-examples", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "schemathesis")
    args = parser.parse_args()
    if urlparse(args.base_url).hostname not in LOOPBACK:
        parser.error("--base-url must be a loopback address")
    tokens = list(args.token) + (make_tokens() if args.make_tokens else [])
    if not tokens:
        parser.error("give --token (twice, one per role) or --make-tokens")
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for index, token in enumerate(tokens):
        result = run_once(
            args.base_url, token, args.max_examples, args.workers, args.out / f"role{index}.ndjson"
        )
        print(f"--- role {index}: exit {result['exit']}, {result['seconds']} s\n{result['summary']}\n")
        results.append(result)
    (args.out / "summary.json").write_text(json.dumps(results, indent=2))
    return max(int(str(r["exit"])) for r in results)


if __name__ == "__main__":
    sys.exit(main())
