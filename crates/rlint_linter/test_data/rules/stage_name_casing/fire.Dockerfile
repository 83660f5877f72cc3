# mixed case stage name
FROM golang:1.22 AS Builder
# all caps stage name
FROM alpine:3.20 AS FINAL
COPY --from=builder /out /app
