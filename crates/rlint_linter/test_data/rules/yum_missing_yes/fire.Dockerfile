FROM centos:7
# no -y
RUN yum install httpd-2.4.6 && yum clean all
RUN yum --enablerepo epel groupinstall "Development Tools" && yum clean all
RUN yum group install "Development Tools" && yum clean all
RUN yum localinstall /tmp/app-1.0.rpm && yum clean all
# behind sudo and an absolute path
RUN sudo /usr/bin/yum install httpd-2.4.6
# ONBUILD triggers are checked too
ONBUILD RUN yum install httpd-2.4.6
