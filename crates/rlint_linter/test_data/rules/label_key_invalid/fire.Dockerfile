FROM alpine:3.20
# upper-case letters
LABEL Maintainer="jane@example.com"
# starts with a digit, ends with a dot; the valid key between them is fine
LABEL 1version=1 org.example.ok=yes org.example.=x
# a space inside a quoted key
LABEL "build date"="2024-05-01"
# consecutive separators
LABEL org..example=1 \
      org.example--name=2
# reserved namespaces
LABEL com.docker.compose.project=demo io.docker.x=1 org.dockerproject.y=1
# the key after expanding the ARG default has upper-case letters
ARG PREFIX=Org.Example
LABEL ${PREFIX}.version=1
