FROM debian:12 AS build
RUN apt-get update && apt-get install -y make
# builder stages are not shipped
RUN rm -rf /var/lib/apt/lists/*
FROM nginx:1.27
COPY nginx.conf /etc/nginx/
# removing a file of the base image changes behaviour, not size
RUN rm /etc/nginx/conf.d/default.conf
# writing a file is not only a cleanup
RUN echo "ok" > /etc/nginx/conf.d/ok.conf && rm -rf /tmp/*
# the cache of a tool that never ran here
RUN yum clean all
# cleaning up in the same RUN
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
