FROM alpine:3.20 AS build
RUN apk add --no-cache curl
FROM alpine:3.20
COPY --from=build /usr/bin/curl /usr/bin/curl
COPY --from=build / /rootfs/
COPY --from=build /opt /
# without --from it copies the build context
COPY / /
