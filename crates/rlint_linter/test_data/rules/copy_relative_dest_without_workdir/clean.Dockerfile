FROM python:3.12-slim AS Base
WORKDIR /app
COPY requirements.txt .
# inherits the WORKDIR of its parent stage (names compare case-insensitively)
FROM base AS test
COPY tests/ tests/
FROM debian:12
COPY a /opt/a
COPY b $HOME/b
COPY c C:\\data
COPY d "/srv/d"
# ADD is not checked
ADD e.txt e.txt
# ONBUILD COPY is not checked
ONBUILD COPY . .
# a heredoc and a file: the destination is absolute
COPY <<EOT extra.txt /etc/conf/
hello
EOT
