"""The case store: SQLAlchemy 2 models, Alembic migrations and the loader that fills them."""
