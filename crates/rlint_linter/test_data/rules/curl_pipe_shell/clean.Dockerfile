FROM debian:12
# data into an interpreter that runs its own program
RUN curl -s https://api.github.com/repos/x/y/releases/latest | python3 -c "import sys, json; print(json.load(sys.stdin)['tag_name'])"
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg
RUN curl -fsSL https://example.com/x.tar.gz | tar -xz -C /opt
# saved to a file first
RUN curl -fsSL -o /tmp/install.sh https://example.com/install.sh && sh /tmp/install.sh
# wget writes to a file, nothing is piped
RUN wget https://example.com/x.sh | sh
RUN echo "$(curl -s https://example.com/version)" > /version
RUN curl -s https://example.com/x | bash /opt/check.sh
