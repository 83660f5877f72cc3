ARG VERSION=1.0
FROM alpine:3.20 AS base
ARG VERSION
ARG APP_HOME=/srv/app
ENV PATH=$PATH:$APP_HOME/bin
WORKDIR $APP_HOME
LABEL version=$VERSION
# the shell expands RUN, CMD and ENTRYPOINT text
RUN echo $HOME $UNDEFINED
CMD echo $UNDEFINED
# escaped and single-quoted references are literal
ENV LITERAL='$NOPE' OTHER=\$NOPE
# later names in one ARG see the earlier ones
ARG A=1 B=$A
FROM base AS child
# inherited from the parent stage
COPY app $APP_HOME/
EXPOSE $PORT
# a quoted delimiter keeps the body literal
COPY <<'EOF' /etc/app.conf
home=$NOT_EXPANDED
EOF
# RUN heredocs are left to the shell
RUN <<EOF
echo $UNDEFINED
EOF
