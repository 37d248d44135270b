"""talkwatch: follows diplomatic talks and tells people, briefly and with sources, what is new."""

__version__ = "0.1.0"
