"""chainer.computational_graph: build_computational_graph(outputs).dump() gives Graphviz DOT."""
from kusari._kusari import computational_graph as _impl

build_computational_graph = _impl.build_computational_graph
ComputationalGraph = _impl.ComputationalGraph
