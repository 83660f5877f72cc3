FROM alpine:3.20 AS build
RUN apk add --no-cache curl
FROM alpine:3.20
# the whole filesystem of a stage
COPY --from=build / /
# quoted, from an image
COPY --from=busybox:1.36 "/" "/"
# JSON form
COPY --from=0 ["/", "/"]
