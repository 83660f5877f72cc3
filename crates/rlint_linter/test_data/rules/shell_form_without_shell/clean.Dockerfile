# exec form works without a shell
FROM gcr.io/distroless/static-debian12 AS a
CMD ["/app"]
# debug images ship busybox
FROM gcr.io/distroless/base-debian12:debug AS b
RUN echo ok
# a root filesystem unpacked into scratch brings its shell
FROM scratch AS c
ADD alpine-minirootfs-3.22.0-x86_64.tar.gz /
RUN apk add --no-cache curl
# a shell copied into place
FROM scratch AS d
COPY --from=busybox:1.37 /bin/busybox /bin/sh
RUN echo ok
# a relative destination lands in /
FROM scratch AS e
COPY --from=c / .
CMD echo ok
# ordinary images
FROM alpine:3.22
RUN echo ok
