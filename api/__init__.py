"""The REST API, version 1: marshmallow schemas and flask-smorest blueprints over reuse.services."""

from flask import Flask

API_PREFIX = "/api/v1"


def register_blueprints(app: Flask) -> None:
    """Mount /api/v1 and its OpenAPI document."""
    from api.smorest import create_api

    create_api(app)
