# schema (schema.txt): org.opencontainers.image.revision:hash
FROM alpine:3.20
ARG GIT_SHA
LABEL org.opencontainers.image.revision=$GIT_SHA
LABEL org.opencontainers.image.revision=3f78685
LABEL org.opencontainers.image.revision=3f786850e387
LABEL org.opencontainers.image.revision="3f786850e387550fdab836ed7e6dc881de23001b"
LABEL vcs-ref=main
