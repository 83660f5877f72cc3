FROM alpine
ONBUILD RUN echo child
ONBUILD COPY <<EOF /x
body
EOF
HEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1
HEALTHCHECK NONE
STOPSIGNAL SIGTERM
USER app:app
WORKDIR /srv/my app
VOLUME ["/data", "/logs"]
EXPOSE 80/tcp 443 8000-8010/udp
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
MAINTAINER someone@example.com
