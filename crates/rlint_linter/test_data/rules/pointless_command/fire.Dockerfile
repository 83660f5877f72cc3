FROM debian:12
# starting a service does not survive the build step
RUN service nginx start
# inspecting processes and memory
RUN ps aux && free -m
# behind sudo and an absolute path
RUN sudo /usr/bin/top -b -n 1
# an editor needs a terminal
RUN vim /etc/hosts
# ssh, mount, kill and shutdown
RUN ssh host true; mount -t tmpfs none /mnt; kill 1; shutdown -h now
# an ONBUILD trigger
ONBUILD RUN service cron start
