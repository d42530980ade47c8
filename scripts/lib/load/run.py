"""scripts/load's driver: one wrk per endpoint (all at once, for the whole run), a sampler of queue depth
and service memory every 10 s, a report on stdout, and the same into docs/benchmarks.md (bench:load)."""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from setup import prepare, slug

SERVICES = ["registry", "calendar", "notifications", "analytics", "concerns"]


def service_pid(port):
    """The pid listening on the port (ss), or None."""
    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True).stdout
    match = re.search(r"pid=(\d+)", out)
    return int(match.group(1)) if match else None


def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def queue_depth(database):
    """Jobs ready to run (available and due) and running, over every queue."""
    sql = "SELECT count(*) FILTER (WHERE state = 'available' AND run_at <= now()), count(*) FILTER (WHERE state = 'running') FROM queue.jobs"
    out = subprocess.run(["psql", database, "-tAF", " ", "-c", sql], capture_output=True, text=True)
    ready, running = (int(x) for x in out.stdout.split()) if out.returncode == 0 else (-1, -1)
    return ready, running


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--linli", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--ports", default="8081,8082,8083,8084,8085")
    parser.add_argument("--docs", default="docs/benchmarks.md")
    parser.add_argument("--no-docs", action="store_true")
    args = parser.parse_args()
    ports = dict(zip(SERVICES, args.ports.split(",")))
    urls = {service: f"http://127.0.0.1:{port}" for service, port in ports.items()}
    pids = {service: service_pid(port) for service, port in ports.items()}
    work = tempfile.mkdtemp(prefix="linli-load-")
    print(f"==> preparing requests (tokens, residents, occurrences) in {work}", flush=True)
    plan = prepare(urls, args.linli, args.database, work)
    seconds = int(args.minutes * 60)
    lua = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mixed.lua")
    runs = {}
    for name, (service, mode, connections) in plan.items():
        env = dict(os.environ, LOAD_OUT=f"{work}/{slug(name)}.json")
        command = ["wrk", f"-t{connections}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", lua, urls[service], "--",
                   f"{work}/{slug(name)}.tsv", mode]
        runs[name] = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=open(f"{work}/{slug(name)}.err", "w"))
    print(f"==> driving {len(runs)} endpoints with {sum(c for _, _, c in plan.values())} connections for {args.minutes:g} min", flush=True)
    samples = []
    started = time.time()
    while any(run.poll() is None for run in runs.values()):
        elapsed = time.time() - started
        ready, running = queue_depth(args.database)
        memory = {service: rss_mib(pid) if pid else None for service, pid in pids.items()}
        samples.append({"t": round(elapsed), "ready": ready, "running": running, "rss": memory})
        print(f"  {elapsed:5.0f} s  queue ready {ready:6}  running {running:3}  RSS MiB "
              + " ".join(f"{s[:4]} {m:5.0f}" if m else f"{s[:4]}    -" for s, m in memory.items()), flush=True)
        time.sleep(10)
    results = {}
    for name in runs:
        try:
            with open(f"{work}/{slug(name)}.json") as file:
                results[name] = json.load(file)
        except (OSError, ValueError):
            print(f"  {name}: wrk left no figures ({open(f'{work}/{slug(name)}.err').read()[-300:]})")
    report = render(results, plan, samples, args.minutes)
    print(report)
    if not args.no_docs:
        write_docs(args.docs, report)
        print(f"==> written into {args.docs} (bench:load)")
    failed = [name for name, r in results.items() if r["requests"] == 0]
    sys.exit(1 if failed or len(results) < len(runs) else 0)


def render(results, plan, samples, minutes):
    lines = [f"Mixed workload for {minutes:g} min (`scripts/load --minutes {minutes:g}`), one wrk per endpoint, closed loop, "
             f"{sum(c for _, _, c in plan.values())} connections in all, against `scripts/run-local` (release build, 2 cores "
             f"shared with the load generator and PostgreSQL). Errors: non-2xx answers and socket errors.", "",
             "| endpoint | service | conns | requests | req/s | errors | error rate | p50 ms | p99 ms |", "|---|---|---|---|---|---|---|---|---|"]
    total_requests = total_errors = 0
    total_rate = 0.0
    for name, r in results.items():
        errors = r["status_errors"] + r["socket_errors"]
        rate = r["requests"] / (r["duration_us"] / 1e6) if r["duration_us"] else 0
        total_requests += r["requests"]
        total_errors += errors
        total_rate += rate
        lines.append(f"| {name} | {plan[name][0]} | {plan[name][2]} | {r['requests']:,} | {rate:,.1f} | {errors:,} | "
                     f"{100 * errors / max(r['requests'], 1):.2f} % | {r['p50_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} |")
    lines.append(f"| **all** | | | {total_requests:,} | {total_rate:,.1f} | {total_errors:,} | "
                 f"{100 * total_errors / max(total_requests, 1):.2f} % | | |")
    ready = [s["ready"] for s in samples if s["ready"] >= 0]
    lines += ["", f"Queue depth (jobs ready to run, every queue; sampled every 10 s, {len(samples)} samples): "
              f"max {max(ready, default=0):,}, last {ready[-1] if ready else 0:,}; series: "
              + ", ".join(str(s["ready"]) for s in samples[:: max(len(samples) // 20, 1)]), "",
              "| process | RSS at start (MiB) | max | last |", "|---|---|---|---|"]
    for service in SERVICES:
        values = [s["rss"][service] for s in samples if s["rss"].get(service)]
        if values:
            lines.append(f"| linli-{service} | {values[0]:.0f} | {max(values):.0f} | {values[-1]:.0f} |")
    return "\n".join(lines)


def write_docs(path, report):
    text = open(path).read()
    block = f"<!-- bench:load -->\n{report}\n<!-- /bench:load -->"
    if "<!-- bench:load -->" in text:
        text = re.sub(r"<!-- bench:load -->.*?<!-- /bench:load -->", lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n### Mixed load across the services (`scripts/load`)\n\n" + block + "\n"
    open(path, "w").write(text)


if __name__ == "__main__":
    main()
