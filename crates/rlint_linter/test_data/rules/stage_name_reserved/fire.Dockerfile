# the empty image's name
FROM alpine:3.20 AS scratch
# the build context's name, any case
FROM alpine:3.20 AS Context
