FROM debian:12
# two apt commands
RUN apt update && apt install -y curl
# behind sudo and an absolute path
RUN sudo /usr/bin/apt-get update && sudo /usr/bin/apt upgrade -y
# exec form
RUN ["apt", "install", "-y", "curl"]
# ONBUILD triggers are checked too
ONBUILD RUN apt install -y curl
