# schema (schema.txt): org.opencontainers.image.revision:hash
FROM alpine:3.20
# a branch name
LABEL org.opencontainers.image.revision=main
# upper-case hex
LABEL org.opencontainers.image.revision=3F786850E387550FDAB836ED7E6DC881DE23001B
# too short
LABEL org.opencontainers.image.revision="3f7868"
