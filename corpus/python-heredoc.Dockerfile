FROM python:3.12-slim
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
rm -rf /var/lib/apt/lists/*
EOF
COPY <<-CONFIG /etc/app/settings.ini
	[server]
	port = 8000
	CONFIG
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "-m", "app"]
