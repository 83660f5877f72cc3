FROM debian:12
RUN useradd -u 1000 app
RUN useradd -l -u 123456 big
RUN useradd --no-log-init --uid 1000000 svc
RUN useradd -lu 2000000 worker
RUN useradd -u ${UNKNOWN_UID} runner
RUN useradd -m app2
RUN groupadd -g 123456 group1
RUN usermod -u 123456 app
