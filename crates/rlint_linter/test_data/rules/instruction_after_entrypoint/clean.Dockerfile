FROM golang:1.22 AS build
CMD ["true"]
RUN go build -o /app .

FROM python:3.12-slim
COPY main.py /app/main.py
CMD ["python", "/app/main.py"]
EXPOSE 8080
USER app
HEALTHCHECK CMD true
