"""The flask-smorest Api of /api/v1: settings, vendored docs assets, resources, authentication."""

from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint as FlaskBlueprint
from flask import Flask, jsonify
from flask_smorest import Api as SmorestApi
from flask_smorest import Blueprint as SmorestBlueprint
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict

from api import API_PREFIX
from api.fields import IdConverter, id_schema

SETTINGS = {
    "API_TITLE": "Reuse API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": API_PREFIX,
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    # Served from this app (warehouses have poor networks): no CDN.
    "OPENAPI_SWAGGER_UI_URL": f"{API_PREFIX}/assets/swagger-ui/",
}

SPEC = {
    "info": {
        "description": "Follow donated devices from the operator's stock to the associations. "
        "Authenticate with `Authorization: Bearer <token>` (`flask --app wsgi users token EMAIL`). "
        "Errors are JSON: {code, status, message, errors: {field: [messages]}}.",
    },
    "components": {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
    },
    "security": [{"bearerAuth": []}],
}


def schema_name(schema) -> str:
    """OpenAPI names: DonorSiteSchema -> DonorSite; its partial form -> DonorSiteUpdate."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    if not isinstance(schema, type) and schema.partial:
        name += "Update"
    return name


class MultipartParser(FlaskParser):
    """Reads "files" as the whole multipart body, so one schema holds a file and its options
    (OpenAPI 3 allows one request body: two schemas would document an invalid formData)."""

    def load_files(self, req, schema):
        return self._makeproxy(CombinedMultiDict([req.files, req.form]), schema)


class Blueprint(SmorestBlueprint):
    """flask-smorest's Blueprint with multipart bodies read whole."""

    ARGUMENTS_PARSER = MultipartParser()


class Api(SmorestApi):
    """flask-smorest's Api, leaving errors to the app's one dispatcher (api.errors)."""

    def _register_error_handlers(self):
        pass


assets = FlaskBlueprint(
    "api_assets",
    __name__,
    static_folder="static",
    static_url_path="/assets",
    url_prefix=API_PREFIX,
)


@assets.get("/health")
def health():
    """Liveness for load balancers: no database, no token."""
    return jsonify({"status": "ok"})


def create_api(app: Flask) -> Api:
    """Configure the Api on `app` and register every resource."""
    from api.resources import BLUEPRINTS

    for key, value in SETTINGS.items():
        app.config.setdefault(key, value)
    app.url_map.converters["id"] = IdConverter
    plugin = MarshmallowPlugin(schema_name_resolver=schema_name)
    api = Api(app, spec_kwargs={**SPEC, "marshmallow_plugin": plugin})
    api.register_converter(IdConverter, id_schema)
    app.register_blueprint(assets)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    return api
