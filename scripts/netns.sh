#!/usr/bin/env bash
# Separate hosts on one Linux machine: one network namespace per host, each joined by a veth pair to one bridge, with
# its own address. Needs root and iproute2 (Debian package `iproute2`). Used by tests/Autonet.Scenarios (HostScenarioTests).
#   scripts/netns.sh up PREFIX NET HOST...   hosts PREFIX-HOST get NET.1, NET.2, ... in order; the bridge PREFIX-br gets
#                                            NET.254, so this machine (the test runner) reaches every host
#   scripts/netns.sh link PREFIX HOST up|down  cut or restore one host's link (its veth end on the bridge)
#   scripts/netns.sh down PREFIX             kill what still runs on the hosts, delete them, their veth pairs and the
#                                            bridge (idempotent; cleans what a killed run left)
# PREFIX is at most 6 characters (interface names are at most 15); NET is three octets, e.g. 10.77.3.
set -euo pipefail
command -v ip >/dev/null || { echo "netns.sh: no 'ip' (apt-get install iproute2)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "netns.sh: must run as root (ip netns)" >&2; exit 2; }
action=${1:?usage: netns.sh up|link|down PREFIX ...}
prefix=${2:?PREFIX}
[ ${#prefix} -le 6 ] || { echo "netns.sh: PREFIX '$prefix' is longer than 6 characters" >&2; exit 2; }
case "$action" in
  up)
    net=${3:?NET}
    shift 3
    [[ "$net" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "netns.sh: NET '$net' must be three octets such as 10.77.3" >&2; exit 2; }
    ip link add "$prefix-br" type bridge
    ip addr add "$net.254/24" dev "$prefix-br"
    ip link set "$prefix-br" up
    index=1
    for host in "$@"; do
      ns="$prefix-$host"
      ip netns add "$ns"
      ip link add "$prefix-v$index" type veth peer name "$prefix-p$index"
      ip link set "$prefix-p$index" netns "$ns"
      ip link set "$prefix-v$index" master "$prefix-br" up
      ip -n "$ns" link set lo up
      ip -n "$ns" addr add "$net.$index/24" dev "$prefix-p$index"
      ip -n "$ns" link set "$prefix-p$index" up
      echo "$host $ns $net.$index"
      index=$((index + 1))
    done
    ;;
  link)
    host=${3:?HOST}
    state=${4:?up|down}
    ns="$prefix-$host"
    peer=$(ip -n "$ns" -o link show | awk -F': ' '{print $2}' | grep "^$prefix-p" | cut -d@ -f1)
    ip link set "$prefix-v${peer#"$prefix-p"}" "$state"
    ;;
  down)
    for ns in $(ip netns list | awk '{print $1}' | grep "^$prefix-" || true); do
      ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true # a process left on a deleted host would keep running unreachable
      ip netns del "$ns"
    done
    for link in $(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep "^$prefix-" || true); do ip link del "$link" 2>/dev/null || true; done
    ;;
  *) echo "netns.sh: unknown action '$action' (up, link, down)" >&2; exit 2 ;;
esac
