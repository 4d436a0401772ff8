"""Parameters survive Streamlit's cache (a pickle round trip) checked and read-only, so a cached model
reaches the kernels with the types they were compiled for (a writeable copy would compile them again)."""

import pickle

import numpy as np
import pytest

from engine import lstm, rnn, sequences, training, xor

MODELS = {
    "LSTMParams": lambda: lstm.init_lstm(2, 3, seed=0),
    "RNNParams": lambda: rnn.init_rnn(2, 3, 2, seed=0),
    "MLPParams": lambda: xor.init_mlp(4, seed=0),
    "training.Model": lambda: training.init_model(training.TrainConfig(model="rnn")),
}


def _arrays(obj) -> list[np.ndarray]:
    found = [v for v in vars(obj).values() if isinstance(v, np.ndarray)]
    return found + (_arrays(obj.net) if hasattr(obj, "net") else [])


@pytest.mark.parametrize("make", MODELS.values(), ids=MODELS.keys())
def test_a_pickled_model_comes_back_read_only_and_equal(make):
    model = make()
    back = pickle.loads(pickle.dumps(model, protocol=4))  # what st.cache_data does
    assert type(back) is type(model)
    for before, after in zip(_arrays(model), _arrays(back), strict=True):
        np.testing.assert_array_equal(after, before)
        assert not after.flags.writeable


def test_a_cached_rnn_reaches_the_backward_kernel_with_its_compiled_types():
    task = sequences.char_task(6)
    params = rnn.init_rnn(len(task.vocab), 3, len(task.vocab), seed=1)
    trace = rnn.rnn_forward(params, task.x)
    rnn.rnn_bptt(params, trace, task.targets, truncation=2)
    compiled = len(rnn._bptt_kernel.signatures)
    cached = pickle.loads(pickle.dumps((params, trace), protocol=4))
    rnn.rnn_bptt(*cached, task.targets, truncation=2)
    assert len(rnn._bptt_kernel.signatures) == compiled
