FROM alpine:3.20
# legacy ENV
ENV APP_HOME /srv/app
# legacy value with spaces: quoted by the fix
ENV GREETING hello big world
# legacy value with quotes: blanks escaped by the fix
LABEL description "a b" c
