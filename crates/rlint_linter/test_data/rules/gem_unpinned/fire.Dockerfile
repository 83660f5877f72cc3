FROM ruby:3.3-slim
# no version
RUN gem install bundler
# `gem i` with two gems
RUN gem i rake rails:7.1.3
# --no-document takes no value, so sass is seen
RUN gem install --no-document sass
# behind sudo
RUN sudo gem install -N rubocop
# the gem before `--` is checked, the build option after it is not
RUN gem install pg -- --with-pg-config=/usr/bin/pg_config
# an ONBUILD trigger
ONBUILD RUN gem install puma
