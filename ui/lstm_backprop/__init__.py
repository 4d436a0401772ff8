"""The LSTM back-propagation page: chain rules on a graph, gradients through time, clipping."""
