# talkwatch: slim, multi-stage, non-root, database on a volume.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 talkwatch
COPY --from=build /install /usr/local
WORKDIR /app
COPY config ./config
COPY seeds ./seeds
ENV TALKWATCH_DB=/data/talkwatch.db \
    TALKWATCH_CONFIG=/app/config \
    PYTHONUNBUFFERED=1
RUN mkdir -p /data && chown talkwatch /data
VOLUME ["/data"]
USER talkwatch
# unhealthy (exit 1, with the reason in `docker inspect`) when the process's heartbeat is stale or
# its sender is not running, no feed succeeded for 3x its interval, or the outbox does not drain
HEALTHCHECK --interval=60s --timeout=20s --start-period=120s --retries=3 \
    CMD ["talkwatch", "status"]
CMD ["talkwatch", "run"]
