FROM debian:12
# the install re-runs for every new APP_VERSION
ARG APP_VERSION=1.0
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN mkdir -p /opt/app
LABEL org.opencontainers.image.version=${APP_VERSION}
FROM alpine:3.22
ARG GIT_SHA
RUN apk add --no-cache git
RUN echo "$GIT_SHA" > /sha
