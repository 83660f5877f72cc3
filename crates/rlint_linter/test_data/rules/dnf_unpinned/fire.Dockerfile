FROM fedora:40
# httpd and python3-pip have no version; the --enablerepo value is not a package
RUN dnf install -y --enablerepo crb httpd python3-pip nginx-1.26.2 && dnf clean all
# microdnf too
RUN microdnf install -y shadow-utils && microdnf clean all
# a module without a stream
RUN dnf module install -y nodejs && dnf clean all
# ONBUILD triggers are checked too
ONBUILD RUN sudo dnf install -y make && sudo dnf clean all
# a list set earlier in the same RUN is checked word by word
RUN PKGS="tar vim-enhanced-9.1.0" && dnf install -y $PKGS && dnf clean all
