FROM fedora:40
# no cleanup
RUN dnf install -y httpd-2.4.62
RUN dnf -y upgrade
# removing something else is not cleanup
RUN dnf install -y httpd-2.4.62 && rm -rf /tmp/build
# microdnf's cache is not cleaned by dnf
RUN microdnf install -y httpd-2.4.62 && dnf clean all
# the second install comes after the clean
RUN dnf install -y httpd-2.4.62 && dnf clean all && dnf reinstall -y vim-9.1
# ONBUILD triggers are checked too
ONBUILD RUN sudo dnf in -y httpd-2.4.62
