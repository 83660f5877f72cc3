FROM golang:1.23 AS build
RUN go build -o /out/app ./...
FROM golang:1.23 AS Tools
FROM alpine:3.20
COPY --from=build /out/app /app
# names compare case-insensitively
COPY --from=BUILD /out/app /app2
COPY --from=tools /go/bin /usr/local/bin
# stage indexes
COPY --from=0 /out/app /app3
# images
COPY --from=nginx:1.27 /etc/nginx /etc/nginx
COPY --from=gcr.io/distroless/base:nonroot /etc/passwd /etc/passwd
COPY --from=docker/buildx-bin@sha256:0d39fcc8335d6d74d5502f6df2d30119ff4790ebbb60b364818d5112d9e3e932 /buildx /usr/libexec/docker/cli-plugins/docker-buildx
# a build argument without default: unknown
ARG FROM_STAGE
COPY --from=${FROM_STAGE} /a /a
# an ARG resolving to a stage
ARG BUILDER=build
COPY --from=$BUILDER /out/app /app4
