FROM golang:1.23 AS build
RUN go build -o /out/app ./...
FROM alpine:3.20
# a typo of a stage name
COPY --from=biuld /out/app /app
# a stage defined only later
COPY --from=later /x /x
# an index beyond the current stage
COPY --from=5 /y /y
# an ARG resolving to an unknown name
ARG SRC=nothere
COPY --from=${SRC} /z /z
# an untagged image floats to latest
COPY --from=webdevops/toolbox /baselayout/sbin/* /sbin/
# a bare image name, no tag
COPY --from=busybox /bin/busybox /bin/
FROM alpine:3.20 AS later
