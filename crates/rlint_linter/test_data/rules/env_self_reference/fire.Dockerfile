ARG PREFIX=/usr
FROM alpine:3.20
# APP_HOME is set by the same ENV: APP_BIN gets an empty value
ENV APP_HOME=/opt/app APP_BIN=$APP_HOME/bin
# braced form, reference before the definition, inside double quotes
ENV LOG="${LOG_DIR}/app.log" \
    LOG_DIR=/var/log
# the global ARG PREFIX is not visible in the stage (not redeclared), so it is empty here
ENV PREFIX=/opt BIN=$PREFIX/bin
