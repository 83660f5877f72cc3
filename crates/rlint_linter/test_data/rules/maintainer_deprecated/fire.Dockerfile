FROM alpine:3.20
# deprecated instruction
MAINTAINER Jane Doe <jane@example.com>
