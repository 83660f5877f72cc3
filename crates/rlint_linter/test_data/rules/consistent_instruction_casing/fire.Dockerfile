FROM alpine:3.20 AS base
# lowercase keyword in an uppercase file
run echo hello
# mixed case keywords are always reported
Copy app /app
WORKDIR /app
CMD ["./app"]
# the fix keeps AS in the case of FROM
from base as final
