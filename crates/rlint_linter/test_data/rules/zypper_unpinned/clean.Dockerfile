FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 'git>=2.43' "vim<10" /tmp/app-1.0.rpm && zypper clean
# patterns have no version
RUN zypper -n install -t pattern devel_basis && zypper clean
# other subcommands are not checked
RUN zypper -n remove curl && zypper -n addrepo https://example.com/repo repo
RUN echo zypper in curl
