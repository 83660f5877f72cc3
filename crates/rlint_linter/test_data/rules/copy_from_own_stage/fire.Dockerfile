FROM golang:1.23 AS build
# the stage copies from itself
COPY --from=build /go/bin/app /usr/local/bin/app
FROM alpine:3.20 AS Final
# case-insensitive self reference
COPY --from=final /a /a
# the current stage's index
COPY --from=1 /b /b
FROM alpine:3.20
# the third stage names itself by its index, 2
COPY --from=2 /c /c
