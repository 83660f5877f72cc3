FROM python:3.12-slim
# flask has no version
RUN pip install --no-cache-dir flask
# pip3 and several packages: both unpinned
RUN pip3 install --upgrade pip setuptools==70.0.0 wheel
# python -m pip behind sudo
RUN sudo python3 -m pip install requests
# a requirement file does not hide a named package
RUN pip install -r requirements.txt gunicorn
# option values are not packages, the package after them is
RUN pip install --index-url https://pypi.example.com/simple --cache-dir /tmp/pip black
# extras without a version
RUN pip install "uvicorn[standard]"
# a VCS URL whose only @ is the user name
RUN pip install git+ssh://git@github.com/org/repo.git
# pipx installs unpinned applications too
RUN pipx install poetry
# an ARG value that names two packages
ARG EXTRA="numpy pandas==2.2.2"
RUN pip install $EXTRA
# an ONBUILD trigger
ONBUILD RUN pip install httpie
