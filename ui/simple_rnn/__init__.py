"""The simple-RNN page: forward propagation unfolded, BPTT and truncation, vanishing gradients."""
