FROM python:3.12-slim AS base
RUN pip install --no-cache-dir flask==3.0.3
RUN PIP_NO_CACHE_DIR=1 pip install gunicorn==22.0.0
RUN export PIP_NO_CACHE_DIR=true && pip install uvicorn==0.30.0
RUN --mount=type=cache,target=/root/.cache/pip pip install black==24.4.2
RUN pipx install poetry==1.8.3 && pipenv install
RUN pip download flask==3.0.3 && pip wheel .
RUN echo pip install flask

FROM base AS app
ENV PIP_NO_CACHE_DIR=1
RUN pip install requests==2.32.3

FROM app
RUN pip install httpx==0.27.0

FROM python:3.12-slim
ARG PIP_NO_CACHE_DIR=yes
RUN pip install rich==13.7.1
