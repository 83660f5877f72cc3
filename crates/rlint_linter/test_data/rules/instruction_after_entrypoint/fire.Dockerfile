FROM golang:1.22 AS build
CMD ["true"]
RUN go build -o /app .

FROM python:3.12-slim
# CMD in the middle of the build steps
CMD ["python", "/app/main.py"]
COPY main.py /app/main.py
ENTRYPOINT ["tini", "--"]
RUN pip install flask
