"""Exits 0 when two SQLite exports of Pipe hold the same rows, table by table and in rowid order.

usage: python3 Scripts/lib/same_tables.py EXPECTED.sqlite ACTUAL.sqlite
"""
import sqlite3
import sys

expected, actual = (sqlite3.connect(path) for path in sys.argv[1:3])
for table in ["articles", "entities", "quotes", "dates", "keywords"]:
    query = f"SELECT * FROM {table} ORDER BY rowid"
    if expected.execute(query).fetchall() != actual.execute(query).fetchall():
        sys.exit(f"table {table} differs")
