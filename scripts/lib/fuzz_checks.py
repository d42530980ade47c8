"""Schemathesis checks for Linli, loaded by scripts/fuzz-api through SCHEMATHESIS_HOOKS=fuzz_checks.

Every error a Linli service answers with is RFC 9457 problem+json naming what was wrong; this check
fails a 4xx answered with any other content type (or with a body that is not a problem object).
"""
import json

import schemathesis


@schemathesis.check
def problem_json_for_4xx(ctx, response, case):
    """A 4xx answer is application/problem+json with the problem's type, title and status."""
    if not 400 <= response.status_code < 500:
        return None
    content_types = response.headers.get("content-type", [""])
    content_type = content_types[0].split(";")[0].strip().lower() if content_types else ""
    if content_type != "application/problem+json":
        raise AssertionError(f"{response.status_code} answered with Content-Type {content_type or '(none)'}, not application/problem+json")
    try:
        problem = json.loads(response.content or b"")
    except ValueError as error:
        raise AssertionError(f"{response.status_code} problem+json body is not JSON: {error}") from None
    missing = [key for key in ("type", "title", "status") if key not in problem] if isinstance(problem, dict) else ["an object"]
    if missing:
        raise AssertionError(f"{response.status_code} problem lacks {', '.join(missing)}")
    if problem["status"] != response.status_code:
        raise AssertionError(f"problem status {problem['status']} differs from the HTTP status {response.status_code}")
    return None
