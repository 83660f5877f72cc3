FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 && zypper clean --all
RUN zypper -n in curl=8.6.0 && zypper cc -a
RUN zypper -n in curl=8.6.0 && rm -rf /var/cache/zypp/*
RUN --mount=type=cache,target=/var/cache/zypp zypper -n install curl=8.6.0
# other subcommands are not checked
RUN zypper -n refresh && zypper -n remove vim
