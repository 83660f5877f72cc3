FROM golang:1.23 AS build
RUN go build -o /go/bin/app ./...
FROM alpine:3.20 AS final
COPY --from=build /go/bin/app /usr/local/bin/app
COPY --from=0 /go/bin/app /usr/local/bin/app2
COPY --from=alpine:3.20 /etc/os-release /tmp/
