FROM fedora:40
RUN dnf install -y httpd-2.4.62
RUN dnf -y install httpd-2.4.62
RUN dnf install --assumeyes httpd-2.4.62
RUN dnf install --setopt=assumeyes=True httpd-2.4.62
RUN microdnf -y install httpd-2.4.62
RUN yes | dnf install httpd-2.4.62
# other subcommands and tools are not checked
RUN dnf clean all && dnf makecache
RUN yum install httpd-2.4.6
RUN dnf download install
