"""talkwatch's exception tree.

TalkwatchError
├── ConfigError          a config file or environment variable is missing or invalid
└── FetchError           a feed or page could not be fetched or parsed
    ├── FetchTimeout     the server did not answer in time
    ├── BodyTooLarge     the body exceeded the configured cap
    └── HTTPStatusError  the server answered with an error status
"""


class TalkwatchError(Exception):
    """Base of every error talkwatch raises on purpose."""


class ConfigError(TalkwatchError):
    """A config file or environment variable is missing or invalid."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"{file}: {key}: {problem}")
        self.file = file
        self.key = key
        self.problem = problem


class FetchError(TalkwatchError):
    """A feed or page could not be fetched or parsed."""


class FetchTimeout(FetchError):
    """The server did not answer in time."""


class BodyTooLarge(FetchError):
    """The response body exceeded the configured cap."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, status: int, url: str) -> None:
        super().__init__(f"HTTP {status} from {url}")
        self.status = status
