FROM alpine
RUN <<EOF
set -e
echo one
EOF
COPY <<-CFG /etc/app.conf
	key=value
	CFG
RUN <<A cat && <<B cat
first
A
second
B
