#!/usr/bin/env python3
"""scripts/core-layers.py - checks that the core's files form layers: no
two source files of core/ call each other, directly or round a longer
loop.

    scripts/core-layers.py BUILD

It reads the object files of a build (BUILD/core/.libs/libsluice_core_la-*.o for the
library and BUILD/core/*.o for the command line) with `nm`: a file
depends on another when it uses a symbol the other defines. A cycle
is printed with the symbols that close it, and the exit status is 1;
with no cycle it prints the layers, bottom first, and exits 0.
"""
import glob
import os
import re
import subprocess
import sys


def source_name(path):
    base = os.path.basename(path)[:-2]
    return re.sub(r"^libsluice_core_la-", "", base) + ".c"


def symbols(obj):
    out = subprocess.run(["nm", obj], stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    defined, used = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBRC":
            defined.add(parts[2])
        elif len(parts) == 2 and parts[0] == "U":
            used.add(parts[1])
    return defined, used


def strongly_connected(graph):
    """Tarjan's algorithm, iterative; returns the components."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
    return result


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    build = sys.argv[1]
    objects = sorted(glob.glob(os.path.join(build, "core", ".libs",
                                           "libsluice_core_la-*.o")) +
                     glob.glob(os.path.join(build, "core", "*.o")))
    if not objects:
        sys.exit(f"core-layers: no object files under {build}/core")
    files = {}
    for obj in objects:
        files[source_name(obj)] = symbols(obj)
    owner = {}
    for name, (defined, _) in files.items():
        for sym in defined:
            owner[sym] = name
    graph = {name: set() for name in files}
    reasons = {}
    for name, (_, used) in files.items():
        for sym in used:
            other = owner.get(sym)
            if other and other != name:
                graph[name].add(other)
                reasons.setdefault((name, other), []).append(sym)

    cycles = [c for c in strongly_connected(graph) if len(c) > 1]
    if cycles:
        for component in cycles:
            members = set(component)
            print("core-layers: these files call each other:",
                  " ".join(sorted(members)))
            for a in sorted(members):
                for b in sorted(graph[a] & members):
                    syms = ", ".join(sorted(reasons[(a, b)])[:4])
                    print(f"  {a} -> {b} ({syms})")
        return 1

    # layers: a file's layer is one above the highest file it uses
    layer = {}

    def depth(name):
        if name not in layer:
            layer[name] = 1 + max((depth(o) for o in graph[name]), default=-1)
        return layer[name]

    for name in graph:
        depth(name)
    for level in range(max(layer.values()) + 1):
        names = sorted(n for n, v in layer.items() if v == level)
        print(f"layer {level}: {' '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
