FROM alpine:3.20
# AWS access key id
ENV AWS_ACCESS_KEY_ID=AKIA2E0A8F3B244C9986
# GitHub token in a RUN
RUN git clone https://ghp_Q8zT3mK9vL2xN7bR4cW1yH6jF0dS5aP8eG3u@github.com/o/r.git
# GitLab token in an ARG
ARG GITLAB_TOKEN=glpat-4Hk9Xz2mQ7pL1vR8sT3w
# Slack token in a LABEL
LABEL slack="xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
# Stripe and Google keys
ENV STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc GOOGLE=AIzaSyD3kX9mP2qL7vR4sT8wY1zB6nC0fH5jK2e
RUN <<EOF
cat > /root/.ssh/id_rsa <<'KEY'
-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEA
KEY
EOF
