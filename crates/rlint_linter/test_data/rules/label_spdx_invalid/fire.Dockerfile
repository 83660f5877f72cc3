# schema (schema.txt): org.opencontainers.image.licenses:spdx
FROM alpine:3.20
# not an identifier
LABEL org.opencontainers.image.licenses="Apache 2"
# unknown identifier
LABEL org.opencontainers.image.licenses=GPLv3
# dangling operator
LABEL org.opencontainers.image.licenses="MIT OR"
# unknown exception
LABEL org.opencontainers.image.licenses="GPL-2.0-only WITH Linking-exception"
