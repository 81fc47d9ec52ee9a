# Sourced by tests/run.sh and tests/flaky.sh: installs the Debian packages the tests need when they are missing (as
# root; --no-upgrade: what is there stays as it is). Usage: install_packages [EXTRA_PACKAGE...]
# The packages whose files are checked: openssh-server, nftables, bzip2, PostgreSQL 15 (server and client).

missing_packages() {
  local missing=()
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  [ -x /usr/sbin/nft ] || missing+=(nftables)
  command -v bzip2 >/dev/null || missing+=(bzip2)
  { [ -x /usr/lib/postgresql/15/bin/postgres ] && [ -x /usr/lib/postgresql/15/bin/pg_basebackup ]; } || missing+=(postgresql-15)
  [ -x /usr/lib/postgresql/15/bin/psql ] || missing+=(postgresql-client-15)
  local extra
  for extra in "$@"; do command -v "$extra" >/dev/null || missing+=("$extra"); done
  echo "${missing[@]}"
}

install_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "$0: $missing missing; run as root to install them (apt-get install --no-upgrade $missing)" >&2
    return 0
  fi
  echo "$0: installing $missing (apt-get)" >&2
  # Package scripts must not start a system sshd or PostgreSQL on 0.0.0.0: policy-rc.d forbids service starts.
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; made_policy=1; fi
  apt-get update -qq -o DPkg::Lock::Timeout=120
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --no-upgrade -o DPkg::Lock::Timeout=120 $missing >/dev/null
  local rc=$?
  [ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  return $rc
}
