"""The access file's tables for subscriptions and deliveries (issue 22), created with the
grants and the audit log (:data:`access.store.DDL`).

- ``subscriptions``: who gets which report of which area, in which format, on which day of the
  month, in which language, and whether alerts too; ``stopped_at``/``stopped_reason`` when a
  revoked or narrowed grant no longer covers it (it is then never sent again).
- ``deliveries``: one row per subscription and period (``YYYY-MM``), written only after the mail
  server accepted the message, with the last import the pack had seen.
- ``alert_state``: per subscription, the area's state at its last alert (or its first run):
  the import it saw, the as-of date, and the state as JSON.

No primary keys on rows that are replaced (DuckDB refuses a key deleted and inserted again in one
transaction); every write holds the access file's exclusive lock.
"""

from __future__ import annotations

SUBSCRIPTION_DDL: tuple[str, ...] = (
    "CREATE SEQUENCE IF NOT EXISTS subscription_seq",
    """CREATE TABLE IF NOT EXISTS subscriptions (
        subscription_id BIGINT DEFAULT nextval('subscription_seq'),
        email VARCHAR NOT NULL,
        report VARCHAR NOT NULL,
        area VARCHAR NOT NULL,
        format VARCHAR NOT NULL,
        day INTEGER NOT NULL,
        lang VARCHAR NOT NULL,
        alerts BOOLEAN NOT NULL,
        created_at TIMESTAMP NOT NULL,
        created_by VARCHAR NOT NULL,
        stopped_at TIMESTAMP,
        stopped_reason VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS deliveries (
        subscription_id BIGINT NOT NULL,
        period VARCHAR NOT NULL,
        import_id INTEGER NOT NULL,
        sent_at TIMESTAMP NOT NULL,
        message_id VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS alert_state (
        subscription_id BIGINT NOT NULL,
        import_id INTEGER NOT NULL,
        as_of DATE NOT NULL,
        state_json VARCHAR NOT NULL,
        recorded_at TIMESTAMP NOT NULL
    )""",
)
