#!/usr/bin/env python3
"""W2 of a matrix run: per round, the requests one contender sent to the slowed server during the
30 s step, how many took longer than LIMIT_MS (the server's own service time at x5 is 1000 ms), and
the last such request's time after the step. Shows how long a queue built before the weight fell
lasts.   benchmarks/bin/w2-slow-requests.py DIR [CONTENDER=lvsfb-wrr] [SERVER=rs1] [LIMIT_MS=1500]"""
import os
import sys

run = sys.argv[1]
contender = sys.argv[2] if len(sys.argv) > 2 else "lvsfb-wrr"
server = sys.argv[3] if len(sys.argv) > 3 else "rs1"
limit_us = int(sys.argv[4] if len(sys.argv) > 4 else 1500) * 1000
steps = {}
with open(os.path.join(run, "events.tsv")) as events:
    for line in events:
        f = line.split()
        if len(f) > 5 and f[1] == "W2" and f[3] == contender and f[4] == "step-up":
            steps[int(f[2])] = int(f[0])
for rnd, t0 in sorted(steps.items()):
    raw = os.path.join(run, "raw", f"W2-r{rnd}-{contender}.tsv")
    if not os.path.exists(raw):
        continue
    sent = slow = 0
    last = None
    with open(raw) as requests:
        for line in requests:
            if line.startswith("#"):
                continue
            f = line.split()
            t = int(f[0]) - t0
            if f[3] == server and 0 <= t <= 30000:
                sent += 1
                if int(f[1]) > limit_us:
                    slow += 1
                    last = t / 1000
    when = "none" if last is None else f"last sent {last:.1f} s after the step"
    print(f"round {rnd}: {sent} requests to {server} during the step, {slow} over {limit_us // 1000} ms, {when}")
