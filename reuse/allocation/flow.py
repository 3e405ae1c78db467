"""Max-flow from needs-groups to device types, on scipy's maximum_flow."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

_INT32_MAX = 2**31 - 1


class TransportNetwork:
    """Source -> group (its demand) -> every type it fits (unbounded) -> sink (the type's count).

    The structure is built once; each question only rewrites the capacities.
    """

    def __init__(self, fit: np.ndarray, counts: np.ndarray) -> None:
        self.fit = np.asarray(fit, dtype=bool)
        self.counts = np.asarray(counts, dtype=np.int64)
        self.groups, self.types = self.fit.shape
        if int(self.counts.sum()) >= _INT32_MAX:
            raise ValueError("stock too large for a 32-bit flow network")
        self.group_supply = self.fit.astype(np.int64) @ self.counts
        group_rows, type_cols = np.nonzero(self.fit)
        self._edge_group = group_rows
        self._edge_type = type_cols
        n_groups, n_types, n_edges = self.groups, self.types, len(group_rows)
        self.nodes = n_groups + n_types + 2
        self.sink = self.nodes - 1
        # Rows sorted by node: source, then groups (their fit edges), then types (one edge each).
        self._indices = np.concatenate(
            [
                np.arange(1, n_groups + 1),
                1 + n_groups + type_cols,
                np.full(n_types, self.sink),
            ]
        ).astype(np.int32)
        per_row = np.concatenate(
            [[n_groups], np.bincount(group_rows, minlength=n_groups), np.ones(n_types), [0]]
        )
        self._indptr = np.concatenate([[0], np.cumsum(per_row)]).astype(np.int32)
        self._n_edges = n_edges
        self._unbounded = int(self.counts.sum()) + 1

    def _graph(self, demand: np.ndarray, capacity: np.ndarray | None) -> csr_array:
        counts = self.counts if capacity is None else capacity
        data = np.concatenate(
            [
                np.minimum(demand, self._unbounded),
                np.full(self._n_edges, self._unbounded),
                counts,
            ]
        ).astype(np.int32)
        return csr_array((data, self._indices, self._indptr), shape=(self.nodes, self.nodes))

    def max_flow(self, demand: np.ndarray, capacity: np.ndarray | None = None) -> int:
        """Most devices the groups can receive, each at most its demand."""
        if not self.groups:
            return 0
        return int(maximum_flow(self._graph(demand, capacity), 0, self.sink).flow_value)

    def spare(self, demand: np.ndarray, group: int) -> int:
        """How many more devices `group` could get while every group keeps its (feasible) demand."""
        # Starting from a flow that meets every demand, augmenting paths only ever leave the
        # source through the uncapped group, so the extra value is exactly that group's room.
        uncapped = np.array(demand, dtype=np.int64)
        uncapped[group] = self.group_supply[group]
        return self.max_flow(uncapped) - int(np.sum(demand))

    def flows(
        self, demand: np.ndarray, capacity: np.ndarray | None = None
    ) -> tuple[int, np.ndarray]:
        """A maximum flow: its value, and how many devices of each type go to each group."""
        per_pair = np.zeros((self.groups, self.types), dtype=np.int64)
        if not self.groups:
            return 0, per_pair
        result = maximum_flow(self._graph(demand, capacity), 0, self.sink)
        flow = result.flow.tocsr()
        per_pair[self._edge_group, self._edge_type] = flow[
            1 + self._edge_group, 1 + self.groups + self._edge_type
        ]
        return int(result.flow_value), per_pair

    def overloaded_groups(
        self, demand: np.ndarray, capacity: np.ndarray | None = None
    ) -> np.ndarray:
        """Groups on the source side of a minimum cut.

        They form a set X maximising demand(X) - supply(types X fits).

        Empty when every demand can be met.
        """
        graph = self._graph(demand, capacity)
        result = maximum_flow(graph, 0, self.sink)
        if result.flow_value == int(np.sum(demand)):
            return np.zeros(self.groups, dtype=bool)
        residual = (graph - result.flow).tocsr()
        residual.data = (residual.data > 0).astype(np.int8)
        residual.eliminate_zeros()
        reached = breadth_first_order(residual, 0, directed=True, return_predecessors=False)
        source_side = np.zeros(self.nodes, dtype=bool)
        source_side[reached] = True
        return source_side[1 : self.groups + 1]
