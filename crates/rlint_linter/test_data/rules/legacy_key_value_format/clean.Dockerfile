FROM alpine:3.20
ENV APP_HOME=/srv/app GREETING="hello world"
LABEL description="a b c"
ARG NAME
