FROM alpine:3.20
WORKDIR /app
WORKDIR "/srv/app"
WORKDIR $HOME
WORKDIR ${APP_DIR}/src
WORKDIR C:\\app
WORKDIR c:/app
# ONBUILD WORKDIR is not checked (as hadolint)
ONBUILD WORKDIR relative
