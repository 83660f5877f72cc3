FROM alpine:3.20
# the index stays in /var/cache/apk
RUN apk update && apk add curl=8.9.1-r0
RUN apk --update add curl=8.9.1-r0
# deleting before the install does not help
RUN rm -rf /var/cache/apk/* && apk add curl=8.9.1-r0
# deleting something else does not help
RUN apk add curl=8.9.1-r0 && rm -rf /tmp/*
# a cache mount elsewhere
RUN --mount=type=cache,target=/root/.cache apk add curl=8.9.1-r0
# behind sudo
RUN sudo apk add curl=8.9.1-r0
# ONBUILD triggers are checked too
ONBUILD RUN apk add curl=8.9.1-r0
