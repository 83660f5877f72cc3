FROM opensuse/leap:15.6
# curl and git are not pinned; the --from value is not a package
RUN zypper -n install --from repo-oss curl git=2.43.0 "vim>=9" && zypper clean
# behind sudo
RUN sudo zypper -n in make && zypper clean
# ONBUILD triggers are checked too
ONBUILD RUN zypper -n in -t package gcc && zypper clean
