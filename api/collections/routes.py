"""Collections: batches of devices picked up at a donor site, and the import of their list."""

from flask.views import MethodView
from sqlalchemy import select

from api import API_PREFIX, auth
from api.collections.schemas import (
    CollectionQueryArgsSchema,
    CollectionSchema,
    CollectionUpdateSchema,
    ImportRefusedSchema,
    ImportResultSchema,
    ImportSchema,
)
from api.common import commit, get_or_404
from api.pagination import QueryPage
from api.smorest import Blueprint
from reuse.extensions import db
from reuse.models import Collection
from reuse.services import device_import, intake

blp = Blueprint(
    "collections",
    __name__,
    url_prefix=f"{API_PREFIX}/collections",
    description="Batches of devices picked up together at one donor site",
)


@blp.route("")
class Collections(MethodView):
    @blp.arguments(CollectionQueryArgsSchema, location="query")
    @blp.response(200, CollectionSchema(many=True))
    @blp.paginate(QueryPage)
    def get(self, filters):
        """List collections, newest first"""
        query = select(Collection).order_by(Collection.collected_on.desc(), Collection.id.desc())
        for name, value in filters.items():
            query = query.where(getattr(Collection, name) == value)
        return query

    @blp.arguments(CollectionSchema)
    @blp.response(201, CollectionSchema)
    def post(self, data):
        """Open a collection"""
        collection = intake.create_collection(db.session, auth.actor(), **data)
        commit()
        return collection


@blp.route("/<id:collection_id>")
class CollectionById(MethodView):
    @blp.response(200, CollectionSchema)
    def get(self, collection_id):
        """Get a collection"""
        return get_or_404(Collection, collection_id, "collection")

    @blp.arguments(CollectionUpdateSchema)
    @blp.response(200, CollectionSchema)
    def patch(self, data, collection_id):
        """Correct or close a collection"""
        collection = get_or_404(Collection, collection_id, "collection")
        intake.update_collection(db.session, auth.actor(), collection, **data)
        commit()
        return collection

    @blp.response(204)
    def delete(self, collection_id):
        """Delete a collection that holds no device"""
        collection = get_or_404(Collection, collection_id, "collection")
        intake.delete_collection(db.session, auth.actor(), collection)
        commit()


@blp.route("/<id:collection_id>/import")
class CollectionImport(MethodView):
    @blp.arguments(ImportSchema, location="files")
    @blp.response(201, ImportResultSchema)
    @blp.alt_response(
        422,
        schema=ImportRefusedSchema,
        description="the file is refused: errors lists every row, column, "
        "message; nothing is written",
    )
    def post(self, form, collection_id):
        """Import an asset list (CSV or XLSX) into the collection, all rows or none"""
        upload = form["file"]
        report = device_import.import_devices(
            db.session,
            auth.actor(),
            collection_id,
            upload.read(),
            upload.filename or "upload",
            dry_run=form["dry_run"],
        )
        if form["dry_run"]:
            db.session.rollback()
        else:
            commit()
        return {"created": report.created, "dry_run": form["dry_run"], "warnings": report.warnings}
