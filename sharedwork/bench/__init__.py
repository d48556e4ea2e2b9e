"""``make bench`` (``python -m sharedwork.bench``): wiki page view and page save throughput and latency on
a seeded wiki, next to a bare Django view served the same way, on SQLite or PostgreSQL.

Never touches the developer's data: SQLite runs in a fresh temporary data folder, PostgreSQL in a
separate ``<name>_bench`` database that is created for the run and dropped afterwards.
"""
