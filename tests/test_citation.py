"""CITATION.cff is valid Citation File Format 1.2.0 and cites the package and the notice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import jijinan

REPO = Path(__file__).resolve().parent.parent
# The official CFF 1.2.0 schema (https://citation-file-format.github.io/1.2.0/schema.json, CC-BY-4.0),
# as the PyPI package cffconvert 2.0.0 ships it in cffconvert/schemas/1.2.0/schema.json. cffconvert
# itself cannot be a test dependency: it requires jsonschema<4, and frictionless 5 requires
# jsonschema>=4.20. Validating with jsonschema against the same schema is what `cffconvert --validate`
# does (with YAML dates read as strings, as the schema's note to implementers asks).
SCHEMA = Path(__file__).resolve().parent / "data" / "cff-schema-1.2.0.json"


class _CffLoader(yaml.SafeLoader):
    """YAML's safe loader, but dates stay strings, as the CFF schema expects."""


_CffLoader.add_constructor("tag:yaml.org,2002:timestamp", _CffLoader.construct_yaml_str)


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_CffLoader)


def _errors(document: Any) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


@pytest.fixture(scope="module")
def citation() -> Any:
    return _load(REPO / "CITATION.cff")


def test_citation_cff_is_valid(citation: Any) -> None:
    assert citation["cff-version"] == "1.2.0"
    assert _errors(citation) == []


def test_the_validator_catches_errors(citation: Any) -> None:
    broken = {**citation, "authors": [{"given-names": 3}], "date-released": "2015-7-3"}
    del broken["message"]
    errors = _errors(broken)
    assert any("'message' is a required property" in e for e in errors), errors
    assert any(e.startswith("date-released") for e in errors), errors
    assert any(e.startswith("authors/0") for e in errors), errors


def test_citation_cites_the_package(citation: Any) -> None:
    assert citation["type"] == "software"
    assert citation["version"] == jijinan.__version__
    assert citation["license"] == "MIT"
    assert citation["repository-code"] == "https://github.com/jijinan/jijinan"
    assert citation["title"].startswith("jijinan")


def test_citation_references_the_notice(citation: Any) -> None:
    (reference,) = [r for r in citation["references"] if r.get("number") == jijinan.notice.number]
    assert reference["type"] == "government-document"
    issuers = [issuer.hans for issuer in jijinan.notice.issuers]
    assert [a["name"] for a in reference["authors"]] == issuers
    assert jijinan.notice.title.hans == " ".join(issuers) + reference["title"]  # the title, less the issuers
    assert reference["date-published"] == jijinan.NOTICE_DATE.isoformat()


@pytest.mark.parametrize("page", ["README.md", "docs/citing.md", "docs/citing.zh.md"])
def test_how_to_cite_is_documented(page: str) -> None:
    text = (REPO / page).read_text(encoding="utf-8")
    assert "CITATION.cff" in text
    assert jijinan.notice.number in text
    assert "@software{" in text
    assert "@misc{" in text or "@report{" in text
