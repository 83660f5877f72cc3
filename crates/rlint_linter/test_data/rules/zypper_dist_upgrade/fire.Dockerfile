FROM opensuse/leap:15.6
# dist-upgrade and its short form
RUN zypper --non-interactive dist-upgrade
RUN zypper -n dup --no-recommends
# behind sudo
RUN sudo zypper -n dup
# ONBUILD triggers are checked too
ONBUILD RUN zypper -n dist-upgrade
