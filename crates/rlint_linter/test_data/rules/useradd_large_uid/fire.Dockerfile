FROM debian:12
# six digits, no -l
RUN useradd -u 123456 app
# the long option
RUN useradd --uid 1000000 -m svc
# attached value
RUN useradd -u2000000 worker
# a known ARG value
ARG APP_UID=100000
RUN useradd -u "$APP_UID" runner
# behind sudo
RUN sudo useradd -r -u 999999 daemon2
# an ONBUILD trigger
ONBUILD RUN useradd -u 555555 child
