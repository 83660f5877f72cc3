FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3 "requests>=2.31,<3" 'django~=5.0'
RUN pip install -r requirements.txt
RUN pip install -c constraints.txt flask gunicorn
RUN pip install . && pip install -e ./lib
RUN pip install ./dist/app-1.0-py3-none-any.whl /tmp/pkg.tar.gz
RUN pip install git+https://github.com/org/repo.git@v1.2.0#egg=repo
RUN pip install "pkg @ https://example.com/pkg-1.0.tar.gz"
RUN pip install $PACKAGES
RUN pip download flask
RUN pipenv install requests
RUN echo pip install flask
RUN pip install --target /opt/lib numpy==2.0.0
