FROM debian:12
RUN apt-get install -y --no-install-recommends curl
RUN apt-get --no-install-recommends -y install curl
RUN apt-get install -y -o APT::Install-Recommends=false curl
RUN apt-get install -y -o APT::Install-Recommends=0 curl
RUN apt-get install -y curl APT::Install-Recommends=false
# other subcommands and tools are not checked
RUN apt-get update
RUN apt install -y curl
RUN apt-get download curl
RUN echo apt-get install curl
