"""Pages of a SQLAlchemy select for flask-smorest's paginate (page, page_size, X-Pagination)."""

from flask_smorest import Page
from sqlalchemy import func, select

from reuse.extensions import db

MAX_OFFSET = 2**62


class QueryPage(Page):
    """Counts and slices a select statement in the database."""

    @property
    def items(self):
        if self.page_params.first_item > MAX_OFFSET:
            return []  # far past any data, and past what the drivers can bind
        query = self.collection.offset(self.page_params.first_item).limit(
            self.page_params.page_size
        )
        return db.session.scalars(query).all()

    @property
    def item_count(self):
        counted = self.collection.order_by(None).subquery()
        return db.session.scalar(select(func.count()).select_from(counted))
