"""No import cycles between tracker's modules, lazy imports (inside functions) included."""

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    modules = sorted(m for m in graph.modules if m.startswith("tracker"))
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & set(modules)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in modules:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            if child < len(edges[node]):
                work.append((node, child + 1))
                target = edges[node][child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


def test_no_module_imports_itself_through_others():
    # Imports under TYPE_CHECKING never run; a screen may name its app's type that way.
    graph = grimp.build_graph("tracker", exclude_type_checking_imports=True, cache_dir=None)
    assert _cycles(graph) == []


def test_a_planted_cycle_is_found():
    graph = grimp.ImportGraph()
    for module in ("tracker.a", "tracker.b", "tracker.c"):
        graph.add_module(module)
    graph.add_import(importer="tracker.a", imported="tracker.b")
    graph.add_import(importer="tracker.b", imported="tracker.c")
    graph.add_import(importer="tracker.c", imported="tracker.a")
    assert _cycles(graph) == [["tracker.a", "tracker.b", "tracker.c"]]
