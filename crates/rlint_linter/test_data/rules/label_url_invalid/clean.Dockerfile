# schema (schema.txt): org.opencontainers.image.url:url, org.opencontainers.image.source:url
FROM alpine:3.20
ARG SOURCE_URL
LABEL org.opencontainers.image.url="https://www.example.com" \
      org.opencontainers.image.source=${SOURCE_URL}
LABEL org.opencontainers.image.source="https://github.com/example/app/tree/main?x=1#readme"
LABEL homepage="not a url at all"
