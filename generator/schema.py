"""The JSON Schema of answers files."""

from __future__ import annotations

import json
from typing import Any

from generator.model import StoreProfile

SCHEMA_ID = "https://policygen.dev/schema/store-profile.schema.json"


def answers_schema() -> dict[str, Any]:
    schema = StoreProfile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    # Answers files may name their schema, as editors expect.
    schema.setdefault("properties", {})["$schema"] = {"type": "string"}
    return schema


def schema_text() -> str:
    return json.dumps(answers_schema(), indent=2, sort_keys=True) + "\n"


SERVICE_SCHEMA_ID = "https://policygen.dev/schema/service.schema.json"


def service_schema() -> dict[str, Any]:
    """The JSON Schema of one service catalog entry (generator/services/catalog/*.yaml)."""
    from generator.services.model import Service

    schema = Service.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SERVICE_SCHEMA_ID
    return schema


def service_schema_text() -> str:
    return json.dumps(service_schema(), indent=2, sort_keys=True) + "\n"
