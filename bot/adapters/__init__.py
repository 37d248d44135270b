"""The edges that talk to the world: feeds over HTTP, Telegram, the outbox sender, the terminal."""
