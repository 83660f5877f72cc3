from alpine as Build
run echo lower
Copy --chown=1000:1000 . /app
