# schema (schema.txt): org.opencontainers.image.url:url, org.opencontainers.image.source:url
FROM alpine:3.20
# no scheme
LABEL org.opencontainers.image.url="www.example.com"
# scp-like git address is not a URL
LABEL org.opencontainers.image.source=git@github.com:example/app.git
# a space inside
LABEL org.opencontainers.image.url="https://example.com/my app"
# the ARG default has no scheme
ARG HOME_PAGE=example.com
LABEL org.opencontainers.image.url=${HOME_PAGE}
