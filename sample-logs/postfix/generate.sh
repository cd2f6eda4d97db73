#!/bin/bash
# Regenerates the sample Postfix logs in this directory with a REAL Postfix (Debian 12).
#
# Run as root on a throw-away Debian 12 machine (or container) WITHOUT a running syslog
# daemon:   bash sample-logs/postfix/generate.sh
#
# It installs postfix, swaks and rsyslog, reconfigures Postfix from scratch (main.cf is
# rewritten, master.cf reset to Debian's default), starts fake destination mail servers and a
# fake DNS server on 127.0.0.x (helper.py), sends the scenario messages, waits for the
# outcomes, stops everything and copies the logs here.  Nothing talks to any address outside
# 127.0.0.0/8: Postfix listens on 127.0.0.1 only, and its chrooted smtp/smtpd processes use a
# resolv.conf inside the chroot that points at the fake DNS server on 127.0.0.99.
#
# Two runs:
#   1. "classic": Postfix's own maillog_file (postlogd) writes the classic syslog format;
#      rotated twice mid-run with `postfix logrotate` -> mail.log.2.gz, mail.log.1, mail.log
#   2. "rfc3339": Postfix logs to syslog(3); an rsyslogd started by this script writes
#      rfc3339/mail.log with the RSYSLOG_FileFormat template; long queue ids enabled.
# Runtime: about 2.5 minutes (plus package installation).  expected.jsonl is NOT regenerated: it describes the committed
# logs (queue ids, DSN Message-IDs and retry counts change from run to run).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK=/var/tmp/smtptrail-postfix-sample          # scratch: transcripts, pid files, raw logs
MAILLOG=/var/log/smtptrail-postfix.log          # Postfix maillog_file (classic run)
RFCLOG=/var/log/smtptrail-postfix-rfc3339.log   # rsyslog output (rfc3339 run)
CONF=/etc/postfix/smtptrail                     # our lookup tables
VMAIL=/var/spool/smtptrail-vmail                # virtual mailbox base (example.com)
CHROOT=/var/spool/postfix
HELO=ws1.example.org

say() { printf '[generate %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }

# ------------------------------------------------------------------ install
install_packages() {
    local need=()
    command -v postfix >/dev/null 2>&1 || need+=(postfix)
    command -v swaks >/dev/null 2>&1 || need+=(swaks)
    command -v rsyslogd >/dev/null 2>&1 || need+=(rsyslog)
    command -v python3 >/dev/null 2>&1 || need+=(python3)
    command -v gzip >/dev/null 2>&1 || need+=(gzip)
    if [ ${#need[@]} -gt 0 ]; then
        say "installing ${need[*]}"
        echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
    fi
    # On a systemd machine the packages start their own daemons: stop them.
    if [ -d /run/systemd/system ]; then
        systemctl stop postfix.service rsyslog.service 2>/dev/null || true
    fi
}

# ------------------------------------------------------------------ stop / cleanup
stop_pidfile() {
    local f="$1" pid
    [ -f "$f" ] || return 0
    pid="$(cat "$f" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$f"
}

stop_all() {
    if postfix status >/dev/null 2>&1; then postfix stop >/dev/null 2>&1 || true; fi
    for _ in $(seq 50); do postfix status >/dev/null 2>&1 || break; sleep 0.2; done
    stop_pidfile "$WORK/helper.pid"
    stop_pidfile "$WORK/rsyslogd.pid"
}
trap 'stop_all' EXIT

# ------------------------------------------------------------------ configuration
write_tables() {
    mkdir -p "$CONF"
    cat > "$CONF/transport" <<'EOF'
accept.example.net     smtp:[mx.accept.example.net]:25
unknown.example.net    smtp:[mx.unknown.example.net]:25
full.example.net       smtp:[mx.full.example.net]:25
blocked.example.net    smtp:[mx.blocked.example.net]:25
spam.example.net       smtp:[mx.spam.example.net]:25
greylist.example.net   smtp:[mx.greylist.example.net]:25
refused.example.net    smtp:[mx.refused.example.net]:25
silent.example.net     smtp:[mx.silent.example.net]:25
tempfail.example.net   smtp:[mx.tempfail.example.net]:25
EOF
    # nowhere.example.org deliberately has no entry: default smtp transport, MX lookup, NXDOMAIN.
    cat > "$CONF/vmailbox" <<'EOF'
mary@example.com    example.com/mary/
bob@example.com     example.com/bob/
EOF
    cat > "$CONF/virtual_alias" <<'EOF'
sales@example.com   carol@accept.example.net
EOF
    cat > "$CONF/aliases" <<'EOF'
postmaster: root
mailer-daemon: postmaster
info: dave@accept.example.net
webmaster: root
EOF
    postmap "$CONF/transport" "$CONF/vmailbox" "$CONF/virtual_alias"
    postalias "$CONF/aliases"
}

write_chroot_files() {
    # The chrooted smtp/smtpd processes resolve through these files only.
    mkdir -p "$CHROOT/etc" "$CHROOT/dev"
    printf '127.0.0.1\tlocalhost\n127.0.0.1\tmx1.example.com mx1\n' > "$CHROOT/etc/hosts"
    printf 'nameserver 127.0.0.99\noptions timeout:1 attempts:1\n' > "$CHROOT/etc/resolv.conf"
    printf 'passwd: files\ngroup: files\nhosts: files dns\nservices: files\n' > "$CHROOT/etc/nsswitch.conf"
    for f in services localtime host.conf; do
        [ -e "/etc/$f" ] && cp -L "/etc/$f" "$CHROOT/etc/$f"
    done
    return 0
}

configure_postfix() {   # $1 = classic | rfc3339
    cp /usr/share/postfix/master.cf.dist /etc/postfix/master.cf
    : > /etc/postfix/main.cf
    postconf -e \
        "compatibility_level = 3.6" \
        "myhostname = mx1.example.com" \
        "mydomain = example.com" \
        "myorigin = \$myhostname" \
        "mydestination = \$myhostname, localhost" \
        "inet_interfaces = 127.0.0.1" \
        "inet_protocols = ipv4" \
        "mynetworks = 127.0.0.1/32" \
        "smtpd_banner = \$myhostname ESMTP \$mail_name (Debian/GNU)" \
        "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination" \
        "biff = no" \
        "append_dot_mydomain = no" \
        "readme_directory = no" \
        "alias_maps = hash:$CONF/aliases" \
        "alias_database = hash:$CONF/aliases" \
        "transport_maps = hash:$CONF/transport" \
        "virtual_alias_maps = hash:$CONF/virtual_alias" \
        "virtual_mailbox_domains = example.com" \
        "virtual_mailbox_maps = hash:$CONF/vmailbox" \
        "virtual_mailbox_base = $VMAIL" \
        "virtual_uid_maps = static:65534" \
        "virtual_gid_maps = static:65534" \
        "smtp_tls_security_level = none" \
        "smtpd_tls_security_level = none" \
        "queue_run_delay = 10s" \
        "minimal_backoff_time = 10s" \
        "maximal_backoff_time = 20s" \
        "smtp_connect_timeout = 5s" \
        "smtp_helo_timeout = 5s" \
        "delay_warning_time = 20s" \
        "maximal_queue_lifetime = 5d" \
        "bounce_queue_lifetime = 5d"
    if [ "$1" = classic ]; then
        postconf -e "maillog_file = $MAILLOG" "enable_long_queue_ids = no"
    else
        postconf -e "maillog_file =" "enable_long_queue_ids = yes"
    fi
    # chroot the network-facing daemons (so they use $CHROOT/etc/*), add a submission
    # service that logs as postfix/submission/smtpd.
    postconf -F "smtp/inet/chroot = y" "smtp/unix/chroot = y" "relay/unix/chroot = y"
    postconf -M "submission/inet = submission inet n - y - - smtpd"
    postconf -P "submission/inet/syslog_name = postfix/submission"
    write_tables
    write_chroot_files
    rm -rf "$VMAIL"; mkdir -p "$VMAIL"; chown 65534:65534 "$VMAIL"
    postfix check
}

# ------------------------------------------------------------------ helpers
start_helper() {
    : > "$WORK/transcript-$1.txt"
    python3 "$HERE/helper.py" servers --transcript "$WORK/transcript-$1.txt" &
    echo $! > "$WORK/helper.pid"
    for _ in $(seq 50); do grep -q 'fakemx ready' "$WORK/transcript-$1.txt" && return 0; sleep 0.1; done
    echo "fake servers did not start" >&2; exit 1
}

# msg ID FROM TO[,TO...] [extra swaks args...]   (SMTP to 127.0.0.1:25 with swaks)
msg() {
    local id="$1" from="$2" to="$3"; shift 3
    say "swaks $id -> $to"
    swaks --server 127.0.0.1 --port 25 --helo "${MSG_HELO:-$HELO}" --from "$from" --to "$to" \
          --header "Message-Id: <$id@sample.smtptrail>" --header "Subject: smtptrail sample $id" \
          --suppress-data "$@" >> "$WORK/swaks.txt" 2>&1 || say "  (swaks exit $? - expected for rejections)"
}

# wait_for LOGFILE REGEX COUNT TIMEOUT_SECONDS
wait_for() {
    local file="$1" re="$2" n="$3" t="$4" i=0 c
    while :; do
        c=$(grep -cE -- "$re" "$file" 2>/dev/null || true)
        [ "${c:-0}" -ge "$n" ] && return 0
        i=$((i + 1))
        if [ $i -gt $((t * 2)) ]; then say "timeout waiting for $n x /$re/ in $file (have ${c:-0})"; return 1; fi
        sleep 0.5
    done
}

queue_is_empty_except() {   # number of messages still queued
    postqueue -j 2>/dev/null | wc -l
}

clear_queue() {
    postsuper -d ALL >/dev/null 2>&1 || true
}

# ------------------------------------------------------------------ run 1: classic
run_classic() {
    say "=== classic run (maillog_file, short queue ids)"
    configure_postfix classic
    # Phase 1 only: very short lifetime, so that only expire-1 expires.
    postconf -e "maximal_queue_lifetime = 30s" "bounce_queue_lifetime = 30s"
    clear_queue
    rm -f "$MAILLOG" "$MAILLOG".*
    start_helper classic
    postfix start
    wait_for "$MAILLOG" 'daemon started' 1 20

    say "phase 1: message that will expire (451 forever, maximal_queue_lifetime=30s)"
    msg expire-1 mary@example.com ivan@tempfail.example.net
    wait_for "$MAILLOG" 'status=expired, returned to sender' 1 120
    wait_for "$MAILLOG" 'relay=virtual.*status=sent' 1 30 || true
    sleep 2
    postconf -e "maximal_queue_lifetime = 5d" "bounce_queue_lifetime = 5d"
    postfix reload
    sleep 2

    say "phase 2: the other scenarios"
    msg accept-1   mary@example.com alice@accept.example.net
    msg unknown-1  mary@example.com nobody@unknown.example.net
    msg full-1     mary@example.com fred@full.example.net
    msg blocked-1  mary@example.com gina@blocked.example.net
    msg spam-1     mary@example.com hank@spam.example.net
    msg greylist-1 mary@example.com jane@greylist.example.net
    msg refused-1  mary@example.com ken@refused.example.net
    msg timeout-1  mary@example.com lisa@silent.example.net
    msg notfound-1 mary@example.com nina@nowhere.example.org
    msg multi-1    mary@example.com oscar@accept.example.net,paul@unknown.example.net,quinn@tempfail.example.net,bob@example.com
    msg local-1    mary@example.com bob@example.com
    msg valias-1   mary@example.com sales@example.com
    msg lalias-1   mary@example.com info@mx1.example.com
    msg reject-1   mary@example.com nosuch@example.com
    # from 127.0.0.20, which is not in mynetworks -> Relay access denied
    MSG_HELO=outside.example.org msg relay-1 spammer@elsewhere.example.org rita@elsewhere.example.org --local-interface 127.0.0.20
    say "python smtplib: partial-1 (one recipient refused by our smtpd), then session-1a/1b over one submission session"
    python3 "$HERE/helper.py" session --port 25 --helo "$HELO" \
        --msg "mary@example.com|sam@accept.example.net,nosuch2@example.com|<partial-1@sample.smtptrail>|smtptrail sample partial-1" \
        >> "$WORK/swaks.txt" 2>&1 || true
    python3 "$HERE/helper.py" session --port 587 --helo "$HELO" \
        --msg "mary@example.com|tina@accept.example.net|<session-1a@sample.smtptrail>|smtptrail sample session-1a" \
        --msg "mary@example.com|uma@accept.example.net|<session-1b@sample.smtptrail>|smtptrail sample session-1b" \
        >> "$WORK/swaks.txt" 2>&1 || true

    # first attempts: greylisted once, timeout needs 5s
    wait_for "$MAILLOG" 'to=<jane@greylist.example.net>.*status=deferred' 1 30
    wait_for "$MAILLOG" 'to=<lisa@silent.example.net>.*status=deferred' 1 30
    sleep 3
    say "rotation 1 (postfix logrotate)"
    postfix logrotate
    mv "$MAILLOG".*.gz "$WORK/mail.log.2.gz"

    wait_for "$MAILLOG" 'to=<jane@greylist.example.net>.*status=sent' 1 60
    # the deferred messages pass delay_warning_time (20s) at their next retry
    wait_for "$MAILLOG" 'sender delay notification' 2 90
    sleep 3
    say "rotation 2 (postfix logrotate)"
    postfix logrotate
    gzip -dc "$MAILLOG".*.gz > "$WORK/mail.log.1"; rm -f "$MAILLOG".*.gz

    say "pickup-1 via sendmail(1)"
    sendmail -f mary@example.com -t <<'EOF'
From: mary@example.com
To: victor@accept.example.net, webmaster@mx1.example.com
Subject: smtptrail sample pickup-1
Message-Id: <pickup-1@sample.smtptrail>

Sample message submitted with sendmail(1).
EOF
    wait_for "$MAILLOG" 'to=<victor@accept.example.net>.*status=sent' 1 60
    # let the deferred ones retry once more
    wait_for "$MAILLOG" 'to=<quinn@tempfail.example.net>.*status=deferred' 1 60
    wait_for "$MAILLOG" 'to=<ken@refused.example.net>.*status=deferred' 1 60
    sleep 3
    say "stopping postfix (classic run)"
    postfix stop
    sleep 2
    cp "$MAILLOG" "$WORK/mail.log"
    stop_pidfile "$WORK/helper.pid"
}

# ------------------------------------------------------------------ run 2: rfc3339 via rsyslog
start_rsyslog() {
    if [ -S /dev/log ] && python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.connect("/dev/log")' 2>/dev/null; then
        if ! [ -f "$WORK/rsyslogd.pid" ]; then
            echo "another syslog daemon owns /dev/log; stop it first (this script runs its own rsyslogd)" >&2
            exit 1
        fi
    fi
    rm -f /dev/log
    mkdir -p "$WORK/rsyslog"
    cat > "$WORK/rsyslog.conf" <<EOF
global(workDirectory="$WORK/rsyslog" localHostname="mx1")
module(load="imuxsock" SysSock.Name="/dev/log")
input(type="imuxsock" Socket="$CHROOT/dev/log")
mail.*  action(type="omfile" file="$RFCLOG" template="RSYSLOG_FileFormat")
EOF
    rsyslogd -f "$WORK/rsyslog.conf" -i "$WORK/rsyslogd.pid"
    for _ in $(seq 50); do [ -S /dev/log ] && return 0; sleep 0.1; done
    echo "rsyslogd did not start" >&2; exit 1
}

run_rfc3339() {
    say "=== rfc3339 run (syslog -> rsyslogd RSYSLOG_FileFormat, long queue ids)"
    configure_postfix rfc3339
    clear_queue
    rm -f "$RFCLOG"
    start_rsyslog
    start_helper rfc3339
    postfix start
    wait_for "$RFCLOG" 'daemon started' 1 20
    msg rfc-accept-1   mary@example.com alice@accept.example.net
    msg rfc-unknown-1  mary@example.com nobody@unknown.example.net
    msg rfc-spam-1     mary@example.com hank@spam.example.net
    msg rfc-greylist-1 mary@example.com jane@greylist.example.net
    msg rfc-refused-1  mary@example.com ken@refused.example.net
    msg rfc-local-1    mary@example.com bob@example.com
    msg rfc-lalias-1   mary@example.com info@mx1.example.com
    msg rfc-notfound-1 mary@example.com nina@nowhere.example.org
    msg rfc-valias-1   mary@example.com sales@example.com
    msg rfc-reject-1   mary@example.com nosuch@example.com
    python3 "$HERE/helper.py" session --port 587 --helo "$HELO" \
        --msg "mary@example.com|tina@accept.example.net,bob@example.com|<rfc-session-1a@sample.smtptrail>|smtptrail sample rfc-session-1a" \
        --msg "mary@example.com|uma@accept.example.net|<rfc-session-1b@sample.smtptrail>|smtptrail sample rfc-session-1b" \
        >> "$WORK/swaks.txt" 2>&1 || true
    wait_for "$RFCLOG" 'to=<jane@greylist.example.net>.*status=sent' 1 60
    wait_for "$RFCLOG" 'to=<ken@refused.example.net>.*status=deferred' 2 60 || true
    sleep 2
    say "stopping postfix (rfc3339 run)"
    postfix stop
    sleep 2
    stop_pidfile "$WORK/rsyslogd.pid"
    stop_pidfile "$WORK/helper.pid"
    cp "$RFCLOG" "$WORK/rfc3339.log"
}

# ------------------------------------------------------------------ main
install_packages
mkdir -p "$WORK"
stop_all
: > "$WORK/swaks.txt"
say "Postfix $(postconf -h mail_version)"
run_classic
run_rfc3339
clear_queue      # the still-deferred messages of the last run

mkdir -p "$HERE/rfc3339"
cp "$WORK/mail.log.2.gz" "$WORK/mail.log.1" "$WORK/mail.log" "$HERE/"
cp "$WORK/rfc3339.log" "$HERE/rfc3339/mail.log"
chmod 644 "$HERE/mail.log.2.gz" "$HERE/mail.log.1" "$HERE/mail.log" "$HERE/rfc3339/mail.log"
say "done: $(zcat "$HERE/mail.log.2.gz" | wc -l) + $(wc -l < "$HERE/mail.log.1") + $(wc -l < "$HERE/mail.log") classic lines, $(wc -l < "$HERE/rfc3339/mail.log") rfc3339 lines"
say "NOTE: expected.jsonl describes the previously committed logs; re-derive it for new ones"
