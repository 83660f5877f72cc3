FROM alpine:3.20
# referring to itself is fine
ENV PATH=/opt/bin:$PATH
# set by an earlier ENV: the old value is what is meant
ENV APP_HOME=/opt/app
ENV APP_HOME=/srv/app APP_BIN=$APP_HOME/bin
# a longer name is not the variable
ENV PY=3 PYTHONPATH=$PYTHONPATH_EXTRA
# escaped and single-quoted text is not expanded
ENV X=1 Y=\$X Z='$X'
ARG VERSION
ENV VERSION=2 TAG=v$VERSION
# a default handles the unset case
ENV ROOT=/srv HOME_DIR="${ROOT:-/srv}/home"
