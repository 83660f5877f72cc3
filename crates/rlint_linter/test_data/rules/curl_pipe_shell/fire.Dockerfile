FROM debian:12
# curl piped into sh
RUN curl -fsSL https://example.com/install.sh | sh
# wget to stdout, behind sudo, through tee
RUN wget -qO- https://get.example.com | tee /tmp/log | sudo bash -s -- --yes
# python reading its program from stdin
RUN curl -sSL https://install.python-poetry.org | python3 -
# process substitution
RUN bash <(curl -fsSL https://example.com/setup.sh)
# command substitution run by sh -c
RUN sh -c "$(curl -fsSL https://raw.githubusercontent.com/ohmyzsh/ohmyzsh/master/tools/install.sh)"
# inside an exec-form shell
RUN ["/bin/sh", "-c", "curl -s https://example.com/x | /bin/bash"]
RUN <<EOT
set -e
# in a heredoc body
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
EOT
