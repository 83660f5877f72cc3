FROM fedora:40
RUN dnf install -y httpd-2.4.62-1.fc40 nginx-1.26.2 && dnf clean all
RUN dnf install -y https://example.com/app-latest.noarch.rpm && dnf clean all
RUN dnf module install -y nodejs:20 && dnf clean all
# groups have no version
RUN dnf group install -y "Development Tools" && dnf install -y @core && dnf clean all
# other subcommands and tools are not checked
RUN dnf remove -y httpd && dnf upgrade -y && dnf clean all
RUN yum install -y httpd
# a list whose value is unknown
RUN PKGS="$(cat /tmp/packages)" && dnf install -y $PKGS && dnf clean all
RUN dnf install -y $(cat /tmp/packages) "${EXTRA}" && dnf clean all
