FROM alpine:3.20
# token as a whole word
ARG GITHUB_TOKEN
# password, any case
ENV db_password=changeme
# key at the start
ARG KEY_ID
# apikey on its own
ENV APIKEY=x
