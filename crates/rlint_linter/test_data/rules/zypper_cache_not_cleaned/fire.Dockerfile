FROM opensuse/leap:15.6
# no clean
RUN zypper -n install curl=8.6.0
# cleaning before the install does not help
RUN zypper clean && zypper -n in curl=8.6.0
# removing something else is not cleanup
RUN zypper -n in curl=8.6.0 && rm -rf /tmp/*
# ONBUILD triggers are checked too
ONBUILD RUN sudo zypper -n install curl=8.6.0
