# schema (schema.txt): org.opencontainers.image.revision:hash, org.opencontainers.image.description:text
FROM alpine:3.20
ARG REVISION=""
# empty quoted value
LABEL org.opencontainers.image.revision=""
# nothing after `=`
LABEL org.opencontainers.image.description= other=1
# an ARG whose default is empty
LABEL org.opencontainers.image.revision=$REVISION
