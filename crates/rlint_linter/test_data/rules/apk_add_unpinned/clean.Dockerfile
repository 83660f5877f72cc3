FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r0 git~2.45 "bash>5" 'musl<2'
RUN apk add --no-cache --virtual=.deps gcc=13.2.1_git20240309-r0
RUN apk add --allow-untrusted /tmp/local-1.0.apk
# an unknown variable may hold pinned packages
ARG EXTRA
RUN apk add --no-cache $EXTRA
# other subcommands are not checked
RUN apk del curl && apk update && apk upgrade
RUN echo apk add curl
