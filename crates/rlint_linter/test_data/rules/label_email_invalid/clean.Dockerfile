# schema (schema.txt): maintainer:email
FROM alpine:3.20
LABEL maintainer=jane@example.com
LABEL maintainer="jane.doe+docker@example.co.uk"
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
