# schema (schema.txt): maintainer:email
FROM alpine:3.20
# a display name around the address
LABEL maintainer="Jane Doe <jane@example.com>"
# two dots in a row
LABEL maintainer=jane..doe@example.com
# no `@`
LABEL maintainer=jane
