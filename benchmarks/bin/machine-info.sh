#!/bin/sh
# Prints the machine facts every BENCHMARKS.md section records: date, cores, CPU model, kernel, and
# whether the CPU is emulated (QEMU TCG, as in lab/), where only ratios measured in one run mean anything.
set -eu
mode="native CPU (not TCG)"
if grep -qw hypervisor /proc/cpuinfo; then
    mode="hardware-virtualised guest (not TCG)"
fi
# Under TCG QEMU reports its own CPU model names and no kvm-clock.
if grep -q 'QEMU' /proc/cpuinfo 2>/dev/null || [ -e /sys/firmware/qemu_fw_cfg ] \
        && [ "$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null)" != "kvm-clock" ]; then
    mode="QEMU/TCG guest (emulated CPU)"
fi
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cores:  $(nproc)"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "kernel: $(uname -r)"
echo "mode:   $mode"
# Other work on the machine (the cores are shared): quote it, a busy machine stretches latencies.
echo "load:   $(cut -d" " -f1-3 /proc/loadavg) (1, 5, 15 min averages)"
