FROM debian:12
RUN apt-get install -y curl
RUN apt-get -y install curl
RUN apt-get install --yes curl
RUN apt-get install --assume-yes curl
RUN apt-get install -yq curl
RUN apt-get -qq install curl
RUN apt-get install -q -q curl
RUN apt-get install -q=2 curl
RUN apt-get install --quiet --quiet curl
RUN apt-get install -o APT::Get::Assume-Yes=true curl
RUN yes | apt-get install curl
# other subcommands and tools are not checked
RUN apt-get update
RUN apt-get remove curl
RUN apt install -y curl
RUN echo apt-get install curl
