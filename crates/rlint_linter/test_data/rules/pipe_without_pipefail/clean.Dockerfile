FROM debian:12 AS base
RUN echo 'a | b' && test -f x || echo "missing"
RUN set -euo pipefail; curl -fsSL https://example.com/key | gpg --dearmor -o /key.gpg
RUN bash -c 'curl -fsSL https://example.com | sh'
ONBUILD RUN ls | sort
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/key | gpg --dearmor -o /key.gpg

# the SHELL carries over to a stage built FROM this one
FROM base
RUN ls /usr/bin | sort

FROM debian:12
SHELL ["/usr/bin/bash", "-euxo", "pipefail", "-c"]
RUN ls /usr/bin | sort

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Get-ChildItem | Select-Object Name
