ARG VERSION=1.0
FROM alpine:3.20
ARG APP_HOME=/srv/app
# misspelt name
WORKDIR $APP_HOEM
# a global ARG is not visible in the stage until redeclared
LABEL version=$VERSION
# a default does not make the variable defined
COPY app ${DEST:-/opt}/
# ENV values see the environment before the instruction
ENV A=1 B=$A
# --chown is expanded
COPY --chown=$APP_USER:app . /srv
# RUN --mount options are expanded
RUN --mount=type=cache,target=$CACHE_DIR make
# COPY heredoc bodies with an unquoted delimiter are expanded
COPY <<EOF /etc/app.conf
home=$APP_HOME_DIR
EOF
