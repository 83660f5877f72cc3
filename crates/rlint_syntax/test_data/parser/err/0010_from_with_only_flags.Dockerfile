FROM --platform=linux/amd64
