FROM python:3.12-slim
# replaced by the later CMD
CMD ["python", "manage.py", "migrate"]
CMD ["python", "manage.py", "runserver"]
# replaced by the later ENTRYPOINT
ENTRYPOINT ["/a"]
ENTRYPOINT ["/b"]
# HEALTHCHECK NONE counts
HEALTHCHECK NONE
HEALTHCHECK CMD curl -f http://localhost/
