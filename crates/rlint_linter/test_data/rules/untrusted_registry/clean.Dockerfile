# trusted (trusted-registries.txt): registry.example.com, *.corp.example
FROM registry.example.com/base/alpine:3.20 AS base
FROM mirror.corp.example/golang:1.23 AS Build
FROM base
# stages, by name (any case) or index, are not images
COPY --from=build /go/bin/app /app
COPY --from=BUILD /go/bin/app /app2
COPY --from=0 /etc/os-release /tmp/
RUN --mount=type=cache,target=/root/.cache --mount=from=build,target=/b true
FROM scratch
COPY --from=registry.example.com/tools/jq:1.7 /jq /jq
