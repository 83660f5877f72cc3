FROM opensuse/leap:15.6
RUN zypper -n update && zypper -n patch
RUN zypper -n install dup
RUN echo zypper dup
