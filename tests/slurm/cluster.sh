#!/usr/bin/env bash
# ctest fixture for the Slurm tests: `cluster.sh start DIR` starts a local single-node Slurm
# cluster in DIR (scripts/slurm/start-local-slurm.sh, 16 CPU slots on any machine so tiny jobs
# are not limited by the cores); `cluster.sh stop DIR` stops it by pid and removes DIR.
# Without root or without the Slurm packages it starts nothing and says why; the tests then skip
# (or fail, when QMP_SLURM_REQUIRED=1, as in CI).
set -uo pipefail
here=$(cd "$(dirname "$0")/../../scripts/slurm" && pwd)
action=$1 dir=$2
case $action in
start)
    rm -rf "$dir.why"
    "$here/stop-local-slurm.sh" "$dir" --rm >/dev/null 2>&1 || true # one left by an interrupted run
    if [ "$(id -u)" != 0 ]; then
        echo "the Slurm tests need root to start a local cluster (slurmctld, slurmd, munged)" | tee "$dir.why"
        exit 0
    fi
    for b in slurmctld slurmd srun salloc munged; do
        if ! PATH=$PATH:/usr/sbin:/sbin command -v $b >/dev/null; then
            echo "Slurm is not installed ($b missing): apt-get install slurmctld slurmd slurm-client munge" | tee "$dir.why"
            exit 0
        fi
    done
    SLURM_LOCAL_CPUS=${SLURM_LOCAL_CPUS:-16} SLURM_LOCAL_KILL_WAIT=2 "$here/start-local-slurm.sh" "$dir" >/dev/null
    ;;
stop)
    rm -f "$dir.why"
    [ -e "$dir/slurm.conf" ] || exit 0
    "$here/stop-local-slurm.sh" "$dir" --rm >/dev/null
    ;;
esac
