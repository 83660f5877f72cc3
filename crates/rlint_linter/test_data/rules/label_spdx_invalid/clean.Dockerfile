# schema (schema.txt): org.opencontainers.image.licenses:spdx
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="MIT OR Apache-2.0"
LABEL org.opencontainers.image.licenses="(MIT AND BSD-3-Clause) OR GPL-2.0-or-later WITH Classpath-exception-2.0"
LABEL org.opencontainers.image.licenses=apache-2.0
LABEL org.opencontainers.image.licenses=GPL-2.0+
LABEL org.opencontainers.image.licenses=LicenseRef-acme-internal
LABEL license="Apache 2"
