FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0
RUN zypper --non-interactive in curl=8.6.0
RUN zypper install -y curl=8.6.0
RUN zypper remove --no-confirm vim
RUN zypper -qn patch
RUN yes | zypper install curl=8.6.0
# other subcommands are not checked
RUN zypper refresh && zypper clean && zypper search curl
RUN zypper addrepo -p 90 https://example.com/repo repo
