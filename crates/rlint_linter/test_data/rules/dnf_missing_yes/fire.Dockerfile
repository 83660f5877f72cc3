FROM fedora:40
# no -y
RUN dnf install httpd-2.4.62 && dnf clean all
RUN dnf --enablerepo crb group install "Development Tools" && dnf clean all
# microdnf too
RUN microdnf install httpd-2.4.62 && microdnf clean all
# behind sudo and an absolute path
RUN sudo /usr/bin/dnf install httpd-2.4.62
# ONBUILD triggers are checked too
ONBUILD RUN dnf install httpd-2.4.62
