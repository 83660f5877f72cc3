FROM ruby:3.3-slim
RUN gem install bundler:2.5.22 rake:13.2.1
RUN gem install bundler -v 2.5.22
RUN gem install rails --version '~> 7.1'
RUN gem install --version=1.0 puma
RUN gem install ./vendor/local.gem pkg.gem
RUN gem install $GEMS
RUN gem update --system 3.5.22 && gem list
RUN bundle install
RUN gem install mysql2:0.5.6 -- --with-mysql-config=/usr/bin/mysql_config
