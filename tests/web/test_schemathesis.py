"""Property-based fuzzing of the whole API from its own OpenAPI schema (Schemathesis),
bounded: a few dozen generated requests per operation, in-process over ASGI.

Every response must be a documented status with a body and headers matching the schema, no
5xx, invalid input rejected, and a 405's ``Allow`` listing the path's methods.  The one
check left out is ``positive_data_acceptance``: a schema-valid year, census or method
without data is a documented 404/422 by design (the schema cannot list which censuses
have populations).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from electoral.web import create_app

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app("sqlite:///:memory:"))

#: Generated requests per operation (each a new input; the forecast ones are mostly 4xx);
#: ``ELECTORAL_FUZZ_EXAMPLES`` raises it for a longer run.
EXAMPLES = int(os.environ.get("ELECTORAL_FUZZ_EXAMPLES", "25"))


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
