FROM opensuse/leap:15.6
# no --non-interactive
RUN zypper install curl=8.6.0 && zypper clean
RUN zypper rm vim && zypper patch
# after the subcommand, -n means --name
RUN zypper in -n curl=8.6.0
# behind sudo and an absolute path
RUN sudo /usr/bin/zypper si curl
# ONBUILD triggers are checked too
ONBUILD RUN zypper remove vim
