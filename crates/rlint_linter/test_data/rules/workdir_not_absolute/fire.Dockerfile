FROM alpine:3.20
# a bare relative path
WORKDIR app
# quoted, still relative
WORKDIR "src/app"
# the home shortcut is not expanded by Docker
WORKDIR ~/project
# a dot path
WORKDIR ./build
