FROM debian:12 AS base
# a pipe with the default shell
RUN curl -fsSL https://example.com/key | gpg --dearmor -o /key.gpg
# a pipe inside a command substitution
RUN VERSION="$(curl -fsSL https://example.com/latest | jq -r .tag)" && echo "$VERSION"
# pipefail set after the pipe does not help
RUN wget -qO- https://example.com/x | tar -xz && set -o pipefail
# `set +o pipefail` turns it off again
RUN set -o pipefail; set +o pipefail; cat /etc/os-release | grep ID
# sh does not know pipefail
SHELL ["/bin/sh", "-o", "pipefail", "-c"]
RUN cat /etc/passwd | wc -l
# bash without pipefail, and a heredoc script
SHELL ["/bin/bash", "-c"]
RUN <<EOF
ls /usr/bin | sort
EOF
