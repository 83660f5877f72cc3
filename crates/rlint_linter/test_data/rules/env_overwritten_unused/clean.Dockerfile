FROM node:20-slim
ENV PATH=/opt/a/bin:$PATH
ENV PATH=/opt/b/bin:$PATH
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update
ENV DEBIAN_FRONTEND=dialog
ENV HOME=/home/app
WORKDIR ${HOME}
ENV HOME=/root
ENV X=1 Y=$X
ENV X=2
ENV V=1
ONBUILD RUN echo
ENV V=2

FROM node:20-slim
# another stage
ENV V=3
