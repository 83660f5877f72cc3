FROM alpine:3.20
# documented placeholders
ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
ARG GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
ENV TOKEN=${GITHUB_TOKEN}
# too short or not a token shape
ENV A=AKIA123 B=ghp_abc C=glpat-short
RUN grep -q "BEGIN CERTIFICATE" /etc/ssl/cert.pem
RUN --mount=type=secret,id=token,env=GITHUB_TOKEN ./fetch.sh
# a comment is not stored: AKIA2E0A8F3B244C9986
COPY id.txt /id.txt
