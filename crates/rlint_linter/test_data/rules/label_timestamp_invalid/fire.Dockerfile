# schema (schema.txt): org.opencontainers.image.created:rfc3339
FROM alpine:3.20
# a bare date
LABEL org.opencontainers.image.created="2024-05-01"
# a space instead of `T`, no offset
LABEL org.opencontainers.image.created="2024-05-01 12:30:00"
# February 30 does not exist
LABEL org.opencontainers.image.created=2024-02-30T12:30:00Z
# offset without colon
LABEL org.opencontainers.image.created=2024-05-01T12:30:00+0200
