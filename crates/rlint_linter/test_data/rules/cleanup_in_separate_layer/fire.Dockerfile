FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
# the lists stay in the previous layer
RUN rm -rf /var/lib/apt/lists/*
# apt-get clean after apt-get ran
RUN apt-get clean
COPY installer.sh /tmp/installer.sh
RUN sh /tmp/installer.sh
# temporary files
RUN rm -f /tmp/installer.sh
RUN curl -fsSLo /opt/tool.tar.gz https://example.com/tool.tar.gz && tar -xzf /opt/tool.tar.gz -C /opt
# a download of an earlier RUN
RUN set -e; rm /opt/tool.tar.gz
