# scratch is the empty image
FROM alpine:3.20 AS scratch
# context names the build context, any case
FROM alpine:3.20 AS Context
