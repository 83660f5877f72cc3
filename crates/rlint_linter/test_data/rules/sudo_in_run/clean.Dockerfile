FROM debian:12
RUN apt-get install -y sudo=1.9.13p3-1+deb12u1
RUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app
RUN gosu app make
RUN echo sudo && chmod 0440 /etc/sudoers.d/app
