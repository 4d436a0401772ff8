"""The sequences page: sequence data as a tensor, why order matters, the RNN task types."""
