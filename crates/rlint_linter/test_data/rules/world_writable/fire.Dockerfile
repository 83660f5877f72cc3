FROM debian:12
# octal 777
RUN chmod -R 777 /opt/app
# symbolic modes for others
RUN chmod o+w /srv && sudo chmod a+rwx /var/www && chmod ugo=rwx,g-w /data
# 666 and 0777
RUN chmod 666 /etc/app.conf && chmod 0777 /cache
# COPY --chmod
COPY --chmod=777 app /app
ADD --chmod=a+w app.tar /opt/
