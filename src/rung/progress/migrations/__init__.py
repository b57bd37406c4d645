"""Alembic migrations of the progress store, shipped inside the package.

They run from code (see ``rung.progress.schema``): no ``alembic.ini`` is needed.
"""
