FROM debian:12
RUN mkdir -p /app
# a comment between does not separate them
RUN chown nobody /app
# the first RUN of the series stays the reference: this one is reported too
RUN chmod 755 /app

WORKDIR /app
RUN --mount=type=cache,target=/root/.cache make deps
# same flags
RUN --mount=type=cache,target=/root/.cache make build
