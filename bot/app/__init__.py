"""The use cases: ingest, feed polling, notify (alerts and digests), commands, health. No Telegram,
httpx or HTML here: adapters and render do those."""
