FROM python:3.12-slim AS base
# no --no-cache-dir
RUN pip install flask==3.0.3
# pip3 with a requirement file
RUN pip3 install -r requirements.txt
# python -m pip behind sudo
RUN sudo python3 -m pip install --upgrade pip==24.0
# PIP_NO_CACHE_DIR set to a false value does not help
ENV PIP_NO_CACHE_DIR=0
RUN pip install gunicorn==22.0.0
# a cache mount elsewhere does not help
RUN --mount=type=cache,target=/root/.npm pip install uvicorn==0.30.0
# exec form
RUN ["pip", "install", "black==24.4.2"]
# an ONBUILD trigger
ONBUILD RUN pip install httpie==3.2.2
