"""POST /api/tally: your returns (JSON rows, a CSV body or a CSV upload) -> the outcome.

The body is parsed in memory (nothing is written anywhere) and validated by the same code
as ``electoral tally``: a bad row is a 422 naming the file, line and field.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from electoral.engine import tally
from electoral.errors import DataError
from electoral.returns import Returns, parse_csv_text, parse_rows
from electoral.validate import check_finite, parse_whole
from electoral.web.models import TallyRequest

router = APIRouter(prefix="/api")

_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "JSON rows, a CSV body (text/csv) or a CSV file upload "
        "(multipart/form-data, field `file`). At most 1 MB.",
        "content": {
            "application/json": {"schema": TallyRequest.model_json_schema()},
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "year": {"type": "integer"},
                    },
                    "required": ["file"],
                }
            },
        },
    }
}


def _cell(v: object, line: int, field: str) -> str:
    """A JSON row's value as the CSV's text; NaN or an infinity (which Python's JSON reads)
    is refused here, not turned into the text 'nan' (a candidate of that name)."""
    if v is None:
        return ""
    if isinstance(v, float):
        check_finite([v], field=field, file="rows", lines=[line])
        if v.is_integer():
            return str(int(v))
    return str(v)


def _decode(raw: bytes, source: str) -> str:
    if b"\x00" in raw[:4096]:
        raise DataError("not a CSV file: it holds binary data", file=source, line=1)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            "not a CSV text file: it is not UTF-8 text", file=source, line=line
        ) from exc


async def _read(request: Request, year: int) -> tuple[Returns, int, list[str]]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            body = TallyRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise DataError(first["msg"], file="request body", field=where) from None
        # JSON rows are numbered from 1: "line 3" is rows[2].
        records = [
            (i + 1, {str(k): _cell(v, i + 1, str(k)) for k, v in r.items()})
            for i, r in enumerate(body.rows)
        ]
        return parse_rows(records, "rows"), body.year, list(body.faithless)
    if kind == "multipart/form-data":
        async with request.form(max_files=1, max_fields=4) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise DataError("no file: upload the CSV in the form field 'file'", field="file")
            name = upload.filename or "upload.csv"
            text = _decode(await upload.read(), name)
            field_year = form.get("year")
        if isinstance(field_year, str):  # present but empty is refused, not the default
            year = parse_whole(field_year, field="year", file="form", lo=1, hi=9999)
        return parse_csv_text(text, name), year, []
    if kind in ("text/csv", "text/plain", "application/csv"):
        return (
            parse_csv_text(_decode(await request.body(), "request body"), "request body"),
            year,
            [],
        )
    raise DataError(
        f"unsupported content type {kind or '(none)'!r}: send application/json, text/csv or "
        "multipart/form-data",
        field="content-type",
    )


@router.post("/tally", tags=["tally"], openapi_extra=_BODY_DOC)
async def tally_returns(
    request: Request,
    year: Annotated[
        int, Query(ge=1, le=9999, description="Rules and electors of this year (CSV bodies).")
    ] = 2024,
) -> dict[str, Any]:
    """Count posted returns under a year's rules: the shape of ``electoral tally --json``."""
    returns, year, faithless = await _read(request, year)
    result = await run_in_threadpool(tally, returns, year=year, faithless=faithless)
    return result.to_dict()
