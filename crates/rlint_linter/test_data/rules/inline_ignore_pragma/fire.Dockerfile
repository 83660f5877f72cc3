FROM alpine:3.20
# an inline hadolint pragma
# hadolint ignore=DL3018
RUN apk add --no-cache curl
# rlint's own form, with a reason after `#`
# rlint ignore=apt-get-unpinned # pinned by renovate
RUN apt-get install -y curl
# a pragma left behind above a blank line
# hadolint ignore=DL3059

RUN echo done
