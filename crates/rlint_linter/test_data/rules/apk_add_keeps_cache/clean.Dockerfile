FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r0
RUN apk --no-cache add curl=8.9.1-r0
RUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r0
RUN --mount=type=cache,target=/var/cache apk add curl=8.9.1-r0
RUN apk update && apk add curl=8.9.1-r0 && rm -rf /var/cache/apk/*
# other subcommands are not checked
RUN apk del curl
RUN echo apk add curl
# --no-network downloads no index
RUN apk add --no-network --virtual .rundeps so:libssl.so.3
