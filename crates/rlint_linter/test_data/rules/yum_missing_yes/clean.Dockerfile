FROM centos:7
RUN yum install -y httpd-2.4.6
RUN yum -y install httpd-2.4.6
RUN yum -qy install httpd-2.4.6
RUN yum install --assumeyes httpd-2.4.6
RUN yum install --setopt=assumeyes=1 httpd-2.4.6
RUN yes | yum install httpd-2.4.6
# other subcommands and tools are not checked
RUN yum clean all && yum makecache
RUN dnf install httpd-2.4.62
RUN echo yum install httpd
