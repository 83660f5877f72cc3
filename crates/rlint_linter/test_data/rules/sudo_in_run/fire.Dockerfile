FROM debian:12
USER app
# sudo in front of a command
RUN sudo apt-get update
# sudo with options, behind env, and an absolute path
RUN env DEBIAN_FRONTEND=noninteractive sudo -E make install && /usr/bin/sudo -u app touch /tmp/x
# sudo running a shell string: reported once
RUN sudo sh -c 'mkdir /data && chown app /data'
# sudo on its own
RUN sudo -v
# an ONBUILD trigger
ONBUILD RUN sudo chown -R app /app
